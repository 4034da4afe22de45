/**
 * Fills the prerendered /search/ page with the list of every public page and its sections, the
 * same pages the index holds: search without JavaScript is this list (and the browser's find).
 * The page renders an empty `<ol data-search-page-list>`; this writes its items after the build
 * (again on a second run: the list holds no `<ol>` of its own, so its end is the first `</ol>`).
 */
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { sectionUrl, type PublicPage } from './public-pages.ts';

/** The file the search page is built to, relative to the site directory. */
export const SEARCH_PAGE_FILE = 'search/index.html';

const PLACEHOLDER = /(<ol\b[^>]*\sdata-search-page-list(?:=""|\s|>)[^>]*>)[\s\S]*?(<\/ol>)/;

function pageListItems(pages: readonly PublicPage[]): string {
  const items = pages.map((page) => {
    const sections = page.sections
      .filter((section) => section.id)
      .map((section) => h('li', [h('a', { href: sectionUrl(page, section) }, section.heading)]));
    return h('li', [h('a', { href: page.url }, page.title), ...(sections.length > 0 ? [h('ul', sections)] : [])]);
  });
  return toHtml(items);
}

/** The search page's HTML with the list written in; throws if the page has no list to fill. */
export function withPageList(searchPageHtml: string, pages: readonly PublicPage[]): string {
  if (!PLACEHOLDER.test(searchPageHtml)) throw new Error(`${SEARCH_PAGE_FILE} has no <ol data-search-page-list> to fill`);
  return searchPageHtml.replace(PLACEHOLDER, (_match, open: string, close: string) => `${open}${pageListItems(pages)}${close}`);
}
