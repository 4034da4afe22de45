/**
 * What /search/ lists for readers without JavaScript: every page the search index holds, in the
 * sidebar's order, and under each guide its `##` sections. Read at build time from the content
 * collections (a guide's headings come from rendering its MDX), so the list is part of the
 * prerendered page. The pages are those the layouts mark for the index (src/search/indexed-pages.ts):
 * the home page, the guides index, every public guide and the tools.
 */
import { render } from 'astro:content';
import { siteNavigation } from '../lib/navigation.ts';
import { publicGuides, type PublicGuide } from '../lib/public-guides.ts';
import { guidePath, PATHS, SITE_NAME } from '../lib/site.ts';
import { isIndexedRoute } from './indexed-pages.ts';

export interface ListedSection {
  id: string;
  heading: string;
}

export interface ListedPage {
  url: string;
  title: string;
  sections: ListedSection[];
}

/** Indexed pages that are in no sidebar group: the site's two entry points. */
const ENTRY_PAGES: readonly ListedPage[] = [
  { url: PATHS.home, title: SITE_NAME, sections: [] },
  { url: PATHS.guides, title: 'Guides', sections: [] },
];

/**
 * A demo's guide ends with a section its layout adds after the MDX (DemoGuideLayout's
 * DemoRouting), the same on every demo.
 */
const DEMO_GUIDE_END: readonly ListedSection[] = [{ id: 'routing', heading: 'Routing' }];

async function guideSections(guide: PublicGuide): Promise<ListedSection[]> {
  const { headings } = await render(guide.kind === 'demo' ? guide.demo : guide.guide);
  const own = headings.filter((heading) => heading.depth === 2).map(({ slug, text }) => ({ id: slug, heading: text }));
  return guide.kind === 'demo' ? [...own, ...DEMO_GUIDE_END] : own;
}

export async function searchPageList(): Promise<ListedPage[]> {
  const guides = new Map((await publicGuides()).map((guide) => [guidePath(guide.name), guide]));
  const items = (await siteNavigation()).flatMap((group) => group.items).filter((item) => isIndexedRoute(item.href));
  const pages = await Promise.all(
    items.map(async ({ href, title }): Promise<ListedPage> => {
      const guide = guides.get(href);
      return { url: href, title, sections: guide ? await guideSections(guide) : [] };
    }),
  );
  return [...ENTRY_PAGES, ...pages];
}
