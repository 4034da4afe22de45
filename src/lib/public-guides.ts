/**
 * The public guides: every guide in content/guides, and every demo's setup guide, published from
 * the demo's own MDX at `/guides/<slug>/` (the gate protects the live demo, not its
 * documentation). Both share the `/guides/<name>/` route, so a demo slug that is also a guide's
 * name fails the build here, where both collections are read.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { allDemos, type Demo } from './demos.ts';

export type Guide = CollectionEntry<'guides'>;

export type PublicGuide = { kind: 'demo'; name: string; demo: Demo } | { kind: 'guide'; name: string; guide: Guide };

export async function allGuides(): Promise<Guide[]> {
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

/** Demo guides first, in demo order, then the other guides in theirs. */
export async function publicGuides(): Promise<PublicGuide[]> {
  const [demos, guides] = await Promise.all([allDemos(), allGuides()]);
  assertNoGuideCollision(demos, guides);
  return [
    ...demos.map((demo): PublicGuide => ({ kind: 'demo', name: demo.data.slug, demo })),
    ...guides.map((guide): PublicGuide => ({ kind: 'guide', name: guide.id, guide })),
  ];
}

export const publicGuideHref = (name: string): string => `/guides/${name}/`;

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
