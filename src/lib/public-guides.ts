/**
 * The public guides: every guide in content/guides, and every demo's setup guide, published from
 * the demo's own MDX at `/guides/<slug>/` (the gate protects the live demo, not its
 * documentation). Both share the `/guides/<name>/` route, so a demo slug that is also a guide's
 * name fails the build here, where both collections are read.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { allDemos, type Demo } from './demos.ts';

export type Guide = CollectionEntry<'guides'>;

/**
 * `title`: how the guide is named in lists and in its page title (a demo's: "SAML setup: Group A
 * by SAML claim"); `summary`: the sentence under it in lists (a demo's summary, a guide's description).
 */
export type PublicGuide = { name: string; title: string; summary: string } & (
  { kind: 'demo'; demo: Demo } | { kind: 'guide'; guide: Guide }
);

async function allGuides(): Promise<Guide[]> {
  return (await getCollection('guides')).sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title));
}

/** Throws when a demo's slug is a guide's name: both would be published at `/guides/<name>/`. */
export function assertNoGuideCollision(demos: readonly Pick<Demo, 'id' | 'data'>[], guides: readonly Pick<Guide, 'id'>[]): void {
  const guideNames = new Set(guides.map((guide) => guide.id));
  for (const demo of demos) {
    if (guideNames.has(demo.data.slug)) {
      throw new Error(
        `Demo content/demos/${demo.id}.mdx has the slug "${demo.data.slug}", which is also the guide content/guides/${demo.data.slug}.mdx: ` +
          `both would be published at /guides/${demo.data.slug}/. Rename the demo's slug or the guide's file.`,
      );
    }
  }
}

async function readPublicGuides(): Promise<PublicGuide[]> {
  const [demos, guides] = await Promise.all([allDemos(), allGuides()]);
  assertNoGuideCollision(demos, guides);
  return [
    ...demos.map((demo): PublicGuide => ({
      kind: 'demo',
      name: demo.data.slug,
      title: `${demo.data.protocol} setup: ${demo.data.title}`,
      summary: demo.data.summary,
      demo,
    })),
    ...guides.map((guide): PublicGuide => ({
      kind: 'guide',
      name: guide.id,
      title: guide.data.title,
      summary: guide.data.description,
      guide,
    })),
  ];
}

/**
 * Every page asks for these (its sidebar, its previous/next links, each link on a public guide),
 * so a build reads the collections once; `astro dev` reads them each time, so an edit shows at once.
 */
function readOncePerBuild<T>(read: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (import.meta.env.DEV ? read() : (value ??= read()));
}

/** Demo guides first, in demo order, then the other guides in theirs. */
export const publicGuides = readOncePerBuild(readPublicGuides);

/** The slugs of the demos, whose pages a public page links to their guides instead. */
export const demoSlugs = readOncePerBuild(
  async (): Promise<ReadonlySet<string>> => new Set((await allDemos()).map((demo) => demo.data.slug)),
);

/**
 * On a public page, a link to a demo page (`/<slug>/`, `/<slug>/#anchor`) goes to that demo's
 * public guide instead, which has the same sections and anchors: a reader who cannot enter the
 * demo can still follow it. Every other link is returned as it was.
 */
export function toPublicHref(href: string, demoSlugs: ReadonlySet<string>): string {
  // Only site-relative paths; `//host/...` is another site.
  if (!href.startsWith('/') || href.startsWith('//')) return href;
  const url = new URL(href, 'https://site.invalid');
  const first = url.pathname.split('/')[1] ?? '';
  if (!demoSlugs.has(first)) return href;
  return `/guides${url.pathname}${url.search}${url.hash}`;
}
