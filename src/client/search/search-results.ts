/**
 * Renders search entries as links: each page's best section (page, heading, excerpt), and under
 * it links to its other matching sections. Everything from the index is set as text: the
 * excerpt's `<mark>`s are rebuilt as elements, and nothing in it is ever parsed into the page as
 * HTML.
 */
import type { SearchEntry, SearchSection } from './pagefind-client.ts';

function span(className: string, text = ''): HTMLSpanElement {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
}

/** The excerpt's text, with the words Pagefind marked wrapped in `<mark>`. */
function excerptNodes(excerpt: string): Node[] {
  // An inert document: nothing in it runs or loads. Only its text and <mark>s are copied out.
  const parsed = new DOMParser().parseFromString(excerpt, 'text/html').body;
  return [...parsed.childNodes].map((node) => {
    if (node.nodeName !== 'MARK') return document.createTextNode(node.textContent ?? '');
    const mark = document.createElement('mark');
    mark.textContent = node.textContent;
    return mark;
  });
}

/**
 * A link to one section. A result's own link names its page, then the heading it lands on (none
 * when it lands on the page's opening); a further section under it names its heading only (the
 * page's name, for the opening).
 */
function sectionLink(section: SearchSection, base: string, page: string, further = false): HTMLAnchorElement {
  const link = document.createElement('a');
  link.href = new URL(section.url, base).href;
  if (!further) link.append(span('search-hit__page', page));
  const heading = section.heading ?? (further ? page : undefined);
  if (heading) link.append(span('search-hit__heading', heading));
  const excerpt = span('search-hit__excerpt');
  excerpt.append(...excerptNodes(section.excerpt));
  link.append(excerpt);
  return link;
}

/** A list of results in rank order; `base` is the origin the site's pages are linked at. */
export function renderEntries(entries: readonly SearchEntry[], base: string): HTMLUListElement {
  const list = document.createElement('ul');
  for (const entry of entries) {
    const item = document.createElement('li');
    item.append(sectionLink(entry, base, entry.page));
    if (entry.more.length > 0) {
      const more = document.createElement('ul');
      more.className = 'search-hit__more';
      more.setAttribute('aria-label', `More in ${entry.page}`);
      for (const section of entry.more) {
        const sub = document.createElement('li');
        sub.append(sectionLink(section, base, entry.page, true));
        more.append(sub);
      }
      item.append(more);
    }
    list.append(item);
  }
  return list;
}
