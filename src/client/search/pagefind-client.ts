/**
 * The site's use of Pagefind's browser API (https://pagefind.app/docs/api/): load it, search,
 * and read each hit as a page and the section of it that matched best, with its other matching
 * sections (https://pagefind.app/docs/sub-results/).
 *
 * `/pagefind/pagefind.js` is written by the build (src/search/site-index.ts), not bundled by
 * Vite, so it is imported by URL at run time. It runs on the main thread (`noWorker`): the worker
 * would be one more file to fetch on first use, and a search here takes milliseconds.
 */

/** Where a query's word was found, and how much it counts there (a heading's words count more). */
interface PagefindLocation {
  balanced_score: number;
}

/** One section of a page that holds the query: the part under one heading with an id. */
export interface PagefindSubResult {
  /** The heading's text; the page's title for the part before the first heading. */
  title: string;
  /** The page's URL, with `#<heading id>` unless this is the part before the first heading. */
  url: string;
  excerpt: string;
  /** The heading; absent for the part before the first heading. */
  anchor?: { id: string };
  weighted_locations: PagefindLocation[];
}

export interface PagefindResultData {
  url: string;
  excerpt: string;
  /** `title`: the page's title (src/search/indexed-pages.ts). */
  meta: { title?: string };
  sub_results: PagefindSubResult[];
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

/** A link to a section of a page (or to the page, for the part before its first heading). */
export interface SearchSection {
  heading: string | undefined;
  url: string;
  /** Pagefind's excerpt: escaped text with the matched words in `<mark>`. */
  excerpt: string;
}

/** One result as shown: a page, the section that matched best, and its other matching sections. */
export interface SearchEntry extends SearchSection {
  page: string;
  more: SearchSection[];
}

const INDEX_URL = '/pagefind/pagefind.js';
/**
 * Pages shown for a query: each costs its page's fragment (its text, 0.5–6 KB gzipped) to fetch,
 * and what search fetches on first use has a budget (ARCHITECTURE.md, "Search").
 */
export const MAX_RESULTS = 4;
/** A page's other matching sections listed under it: they come with its fragment, at no cost. */
export const MAX_MORE_SECTIONS = 2;

export async function loadPagefind(): Promise<Pagefind> {
  const pagefind = (await import(/* @vite-ignore */ INDEX_URL)) as Pagefind;
  await pagefind.options({ noWorker: true, excerptLength: 18 });
  return pagefind;
}

const scoreOf = (section: PagefindSubResult): number => section.weighted_locations.reduce((sum, at) => sum + at.balanced_score, 0);

const sectionOf = (section: PagefindSubResult): SearchSection => ({
  heading: section.anchor ? section.title : undefined,
  url: section.url,
  excerpt: section.excerpt,
});

/** A hit as its page, its best section first (by what the query's words score there), then the rest. */
export function entryOf(data: PagefindResultData): SearchEntry {
  const page = data.meta.title ?? data.url;
  // Sorting is stable: sections that score the same keep their page order.
  const [best, ...rest] = [...data.sub_results].sort((a, b) => scoreOf(b) - scoreOf(a));
  const first = best ? sectionOf(best) : { heading: undefined, url: data.url, excerpt: data.excerpt };
  return { page, ...first, more: rest.slice(0, MAX_MORE_SECTIONS).map(sectionOf) };
}

/**
 * How long typing must pause before a query runs (Pagefind's own default). Each query that runs
 * fetches its results' fragments: one per keystroke would fetch several times what one query
 * costs.
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
