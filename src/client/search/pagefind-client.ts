/**
 * The site's use of Pagefind's browser API (https://pagefind.app/docs/api/): load it, search,
 * and read each hit as a page and one of its headings.
 *
 * `/pagefind/pagefind.js` is written by the index step after the build, not bundled by Vite, so
 * it is imported by URL at run time. It runs on the main thread (`noWorker`): the worker would
 * be one more file to fetch on first use, and a search here takes milliseconds.
 */
export interface PagefindResultData {
  url: string;
  excerpt: string;
  /** `title`: the section's heading (the page title for a page's opening); `page`: the page title. */
  meta: { title?: string; page?: string };
}

export interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  /** Null when a later call replaced this one before it ran. */
  debouncedSearch(
    term: string,
    options?: Record<string, unknown>,
    debounceTimeoutMs?: number,
  ): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
}

/** One result as shown: a link to a section of a page (or to the page, for its opening). */
export interface SearchEntry {
  page: string;
  heading: string | undefined;
  url: string;
  /** Pagefind's excerpt: escaped text with the matched words in `<mark>`. */
  excerpt: string;
}

const INDEX_URL = '/pagefind/pagefind.js';
/** Results shown for a query: each costs its section's fragment (about 1 KB) to fetch. */
export const MAX_RESULTS = 5;

export async function loadPagefind(): Promise<Pagefind> {
  const pagefind = (await import(/* @vite-ignore */ INDEX_URL)) as Pagefind;
  await pagefind.options({ noWorker: true, excerptLength: 18 });
  return pagefind;
}

/** The index holds one record per section (src/search/section-document.ts). */
function entryOf(data: PagefindResultData): SearchEntry {
  const page = data.meta.page ?? data.meta.title ?? data.url;
  const heading = data.meta.title && data.meta.title !== page ? data.meta.title : undefined;
  return { page, heading, url: data.url, excerpt: data.excerpt };
}

/**
 * How long typing must pause before a query runs (Pagefind's own default). Each query that runs
 * fetches its results' fragments: one per keystroke would fetch several times what one query
 * costs, and what search downloads on first use has a budget (tests/e2e/search.spec.ts).
 */
const TYPING_PAUSE_MS = 300;

/**
 * The results for `term` once typing pauses; undefined when a later query replaced it, before
 * anything is fetched for its results. `isCurrent` says whether it is still the latest query.
 */
export async function searchEntries(pagefind: Pagefind, term: string, isCurrent: () => boolean): Promise<SearchEntry[] | undefined> {
  const search = await pagefind.debouncedSearch(term, {}, TYPING_PAUSE_MS);
  if (!search || !isCurrent()) return undefined;
  const hits = await Promise.all(search.results.slice(0, MAX_RESULTS).map((result) => result.data()));
  return hits.map(entryOf);
}
