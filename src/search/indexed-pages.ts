/**
 * Which pages the site search indexes, decided in one place for every layout: a page is indexed
 * when the sitemap's rule says it is public (`isPublicPath`, src/lib/tool-pages.ts), except the
 * search page itself, which is the list search falls back to, not a result. BaseLayout marks
 * such a page's `<main>` with `data-pagefind-body` (and names it for the results); Pagefind
 * indexes the marked pages only (src/search/site-index.ts).
 *
 * The rule reads the page's route (`Astro.routePattern`: `/`, `/guides/[guide]`, `/[demo]`), not
 * the address a request came in on: a gated demo page answers on its own subdomain too (at `/`),
 * but its route is always `/[demo]`, which no public path matches.
 */
import { PATHS } from '../lib/site.ts';
import { isPublicPath } from '../lib/tool-pages.ts';

/** The page that lists every indexed page and its sections, for readers without JavaScript. */
export const SEARCH_PAGE_PATH = PATHS.search;

const withSlash = (path: string): string => (path.endsWith('/') ? path : `${path}/`);

export function isIndexedRoute(route: string): boolean {
  // No route (a component rendered on its own, as in tests) is no page.
  if (!route) return false;
  const path = withSlash(route);
  return isPublicPath(path) && path !== SEARCH_PAGE_PATH;
}

/**
 * The attributes BaseLayout puts on `<main>`: for an indexed page, Pagefind's body marker and
 * the page's title as the result's title (Pagefind would otherwise take the page's `<h1>`, which
 * on a demo's guide is "Group A" for two different demos); none for any other page.
 * https://pagefind.app/docs/metadata/
 */
export function searchBodyAttributes(route: string, title: string): Record<string, string> {
  return isIndexedRoute(route) ? { 'data-pagefind-body': '', 'data-pagefind-meta': `title:${title}` } : {};
}
