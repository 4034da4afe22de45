/**
 * The site's use of Pagefind's browser API (https://pagefind.app/docs/api/): load it, search,
 * and turn the hits into entries of a page and one of its headings.
 *
 * `/pagefind/pagefind.js` is written by the index step after the build, not bundled by Vite, so
 * it is imported by URL at run time. It runs on the main thread (`noWorker`): the worker would
 * be one more file to fetch on first use, and a search here takes milliseconds.
 */
export interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  locations?: number[];
  anchor?: { element: string; id: string };
}

export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results?: PagefindSubResult[];
}

export interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  search(term: string): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
}

/** One result as shown: a link to a page, at one of its headings when the hit is in a section. */
export interface SearchEntry {
  page: string;
  heading: string | undefined;
  url: string;
  /** Pagefind's excerpt: text with the matched words in `<mark>`. */
  excerpt: string;
}

export const INDEX_URL = '/pagefind/pagefind.js';
/** Pages shown for a query, and sections shown per page: enough to choose, and few fragments to fetch. */
export const MAX_PAGES = 5;
export const MAX_SECTIONS_PER_PAGE = 3;

export async function loadPagefind(url = INDEX_URL): Promise<Pagefind> {
  const pagefind = (await import(/* @vite-ignore */ url)) as Pagefind;
  await pagefind.options({ noWorker: true, excerptLength: 18 });
  return pagefind;
}

/** A page's entries: its best sections (most matches first), or the page itself. */
export function entriesOf(page: PagefindResultData): SearchEntry[] {
  const title = page.meta.title ?? page.url;
  const sections = [...(page.sub_results ?? [])]
    .sort((a, b) => (b.locations?.length ?? 0) - (a.locations?.length ?? 0))
    .slice(0, MAX_SECTIONS_PER_PAGE);
  if (sections.length === 0) return [{ page: title, heading: undefined, url: page.url, excerpt: page.excerpt }];
  return sections.map((section) => ({
    page: title,
    heading: section.anchor && section.title !== title ? section.title : undefined,
    url: section.url,
    excerpt: section.excerpt,
  }));
}

export async function searchEntries(pagefind: Pagefind, term: string): Promise<SearchEntry[]> {
  const search = await pagefind.search(term);
  const pages = await Promise.all((search?.results ?? []).slice(0, MAX_PAGES).map((result) => result.data()));
  return pages.flatMap(entriesOf);
}
