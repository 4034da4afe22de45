/**
 * Renders search entries as links, each with its page, its heading and an excerpt. Everything
 * from the index is set as text: the excerpt's `<mark>`s are rebuilt as elements, and nothing in
 * it is ever parsed into the page as HTML.
 */
import type { SearchEntry } from './pagefind-client.ts';

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

/** A list of result links; `base` is the origin the site's pages are linked at. */
export function renderEntries(entries: readonly SearchEntry[], base: string): HTMLUListElement {
  const list = document.createElement('ul');
  for (const entry of entries) {
    const link = document.createElement('a');
    link.href = new URL(entry.url, base).href;
    link.append(span('search-hit__page', entry.page));
    if (entry.heading) link.append(span('search-hit__heading', entry.heading));
    const excerpt = span('search-hit__excerpt');
    excerpt.append(...excerptNodes(entry.excerpt));
    link.append(excerpt);
    const item = document.createElement('li');
    item.append(link);
    list.append(item);
  }
  return list;
}
