/**
 * The public pages of a built site: every HTML file whose layout marked its content with
 * `data-pagefind-body` (src/layouts/BaseLayout.astro), read into its title and its sections.
 *
 * The marker, not the route, decides: a page is searchable because its layout says so, and the
 * demo layout never does. The same list feeds the index and the no-JavaScript page list
 * (/search/), so the two always hold the same pages.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';

/** The attribute a layout puts on the element that holds a page's searchable content. */
export const SEARCH_BODY_ATTRIBUTE = 'data-pagefind-body';

/**
 * Not searchable inside a page's body: navigation (contents, previous/next), diagrams (their
 * labels repeat the text), forms, buttons and templates (the personalisation form, "Copy"), and
 * what only shows without JavaScript.
 */
export const EXCLUDED_ELEMENTS: ReadonlySet<string> = new Set(['nav', 'svg', 'form', 'button', 'template', 'noscript', 'script', 'style']);

const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

export interface PageSection {
  /** The `##` heading's id; undefined for the page's opening, before its first `##`. */
  id: string | undefined;
  /** The heading's text (the page title for the opening). */
  heading: string;
  /** The section's searchable text. */
  text: string;
}

export interface PublicPage {
  /** Site-relative URL, as the page is linked: `/`, `/guides/authoring/`. */
  url: string;
  /** Path of the HTML file relative to the site directory. */
  file: string;
  /** The page's language (its `<html lang>`), for the index's word stemming. */
  language: string;
  title: string;
  /** The opening, then one entry per h2 that carries an id, in page order. */
  sections: PageSection[];
}

/** The address of a page's section: the page itself for its opening. */
export const sectionUrl = (page: PublicPage, section: PageSection): string => (section.id ? `${page.url}#${section.id}` : page.url);

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

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

function searchBody(tree: Root): Element | undefined {
  let body: Element | undefined;
  visit(tree, 'element', (node) => {
    if (body || node.properties['dataPagefindBody'] === undefined) return;
    body = node;
  });
  return body;
}

/** Splits the body at each h2 with an id, collecting each part's text in document order. */
function sectionsOf(body: Element, title: string): PageSection[] {
  const sections: PageSection[] = [{ id: undefined, heading: title, text: '' }];
  const parts: string[][] = [[]];
  const walk = (node: ElementContent): void => {
    if (node.type === 'text') {
      parts.at(-1)?.push(node.value);
      return;
    }
    if (node.type !== 'element' || EXCLUDED_ELEMENTS.has(node.tagName)) return;
    const id = node.properties['id'];
    if (node.tagName === 'h2' && typeof id === 'string' && id) {
      sections.push({ id, heading: squash(toText(node)), text: '' });
      parts.push([]);
      return;
    }
    const block = BLOCK_ELEMENTS.has(node.tagName);
    if (block) parts.at(-1)?.push(' ');
    node.children.forEach(walk);
    if (block) parts.at(-1)?.push(' ');
  };
  body.children.forEach(walk);
  return sections.map((section, index) => ({ ...section, text: squash(parts[index]?.join('') ?? '') }));
}

/** Reads one page; undefined when its layout did not mark it searchable. */
export function readPublicPage(html: string, file: string): PublicPage | undefined {
  if (!html.includes(SEARCH_BODY_ATTRIBUTE)) return undefined;
  const tree = fromHtml(html);
  const body = searchBody(tree);
  if (!body) return undefined;
  let h1: Element | undefined;
  let titleElement: Element | undefined;
  let language = 'en';
  visit(body, 'element', (node) => void (node.tagName === 'h1' && (h1 ??= node)));
  visit(tree, 'element', (node) => {
    if (node.tagName === 'title') titleElement ??= node;
    if (node.tagName === 'html' && typeof node.properties['lang'] === 'string') language = node.properties['lang'];
  });
  const url = urlOfFile(file);
  const title = squash(h1 ? toText(h1) : '') || squash(titleElement ? toText(titleElement) : '') || url;
  return { url, file, language, title, sections: sectionsOf(body, title) };
}

/** Every public page under a built site directory, sorted by URL. */
export async function readPublicPages(siteDir: string): Promise<PublicPage[]> {
  const files = await htmlFiles(siteDir);
  const pages = await Promise.all(files.map(async (full) => readPublicPage(await readFile(full, 'utf8'), relative(siteDir, full))));
  return pages.filter((page): page is PublicPage => page !== undefined).sort((a, b) => a.url.localeCompare(b.url));
}
