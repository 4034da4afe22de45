/**
 * The public pages of a built site: every HTML file whose layout marked its content with
 * `data-pagefind-body` (src/layouts/BaseLayout.astro), with its title and `##` sections.
 *
 * The marker, not the route, decides: a page is searchable because its layout says so, and the
 * demo layout never does. Pagefind itself drops every page without the marker once any page has
 * it (https://pagefind.app/docs/indexing/#limiting-what-sections-of-a-page-are-indexed); reading
 * the pages here as well gives the no-JavaScript page list (/search/) the same set of pages.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';

/** The attribute a layout puts on the element that holds a page's searchable content. */
export const SEARCH_BODY_ATTRIBUTE = 'data-pagefind-body';

export interface PageSection {
  id: string;
  text: string;
}

export interface PublicPage {
  /** Site-relative URL, as the page is linked: `/`, `/guides/authoring/`. */
  url: string;
  /** Path of the HTML file relative to the site directory. */
  file: string;
  html: string;
  title: string;
  /** The page's h2 headings that carry an id, in page order. */
  sections: PageSection[];
}

async function htmlFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) return htmlFiles(full);
      return Promise.resolve(entry.name.endsWith('.html') ? [full] : []);
    }),
  );
  return nested.flat();
}

/** `guides/authoring/index.html` → `/guides/authoring/`; `index.html` → `/`; `a.html` → `/a.html`. */
export function urlOfFile(file: string): string {
  const path = file.split(sep).join('/');
  return `/${path.replace(/(^|\/)index\.html$/, '$1')}`;
}

const textOf = (node: Element): string => toText(node).replace(/\s+/g, ' ').trim();

function searchBody(tree: Root): Element | undefined {
  let body: Element | undefined;
  visit(tree, 'element', (node) => {
    if (body || node.properties['dataPagefindBody'] === undefined) return;
    body = node;
  });
  return body;
}

/** Reads one page; undefined when its layout did not mark it searchable. */
export function readPublicPage(html: string, file: string): PublicPage | undefined {
  if (!html.includes(SEARCH_BODY_ATTRIBUTE)) return undefined;
  const tree = fromHtml(html);
  const body = searchBody(tree);
  if (!body) return undefined;
  let h1: Element | undefined;
  const sections: PageSection[] = [];
  visit(body, 'element', (node) => {
    if (node.tagName === 'h1') h1 ??= node;
    const id = node.properties['id'];
    if (node.tagName === 'h2' && typeof id === 'string' && id) sections.push({ id, text: textOf(node) });
  });
  let title = h1 ? textOf(h1) : '';
  if (!title) visit(tree, 'element', (node) => void (node.tagName === 'title' && !title && (title = textOf(node))));
  return { url: urlOfFile(file), file, html, title: title || urlOfFile(file), sections };
}

/** Every public page under a built site directory, sorted by URL. */
export async function readPublicPages(siteDir: string): Promise<PublicPage[]> {
  const files = await htmlFiles(siteDir);
  const pages = await Promise.all(files.map(async (full) => readPublicPage(await readFile(full, 'utf8'), relative(siteDir, full))));
  return pages.filter((page): page is PublicPage => page !== undefined).sort((a, b) => a.url.localeCompare(b.url));
}
