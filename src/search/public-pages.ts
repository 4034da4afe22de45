/**
 * The public pages of a built site: every HTML file whose layout marked its content with
 * `data-pagefind-body` (src/layouts/BaseLayout.astro), read into its title and its sections.
 *
 * The marker, not the route, decides: a page is searchable because its layout says so, and the
 * demo layout never does. The same list feeds the index and the no-JavaScript page list
 * (/search/), so the two always hold the same pages.
 */
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';
import { filesEndingWith } from '../lib/mdx-files.ts';

/** The attribute a layout puts on the element that holds a page's searchable content. */
const SEARCH_BODY_ATTRIBUTE = 'data-pagefind-body';

/**
 * Not searchable inside a page's body: navigation (contents, previous/next), diagrams (their
 * labels repeat the text), forms, buttons and templates (the personalisation form, "Copy"), and
 * what only shows without JavaScript.
 */
const EXCLUDED_ELEMENTS: ReadonlySet<string> = new Set(['nav', 'svg', 'form', 'button', 'template', 'noscript', 'script', 'style']);

/**
 * How many words of a section's prose are searchable: its opening, not all of it. What a query
 * costs on first use grows with every word indexed (Pagefind stores each occurrence), and the
 * site's search must stay within its first-use budget (ARCHITECTURE.md, "Search"); what readers
 * look for is mostly named elsewhere in the section (its headings and terms), which are all kept.
 */
export const LEAD_WORDS = 30;

/**
 * Elements whose text names what a reader searches for: a dashboard or admin center label in
 * bold, a claim, header, variable or error message in code, a key, a defined term, a column.
 * A component marks any other such text with `data-search-term` (an aside's title).
 */
const TERM_ELEMENTS: ReadonlySet<string> = new Set(['code', 'strong', 'b', 'kbd', 'dt', 'th']);

/** Headings below a section's own `##`: searchable, and weighted as headings. */
const SUBHEADING_ELEMENTS: ReadonlySet<string> = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);

export interface PageSection {
  /** The `##` heading's id; undefined for the page's opening, before its first `##`. */
  id: string | undefined;
  /** The heading's text (the page title for the opening). */
  heading: string;
  /**
   * The section's opening prose: its first paragraphs, cut to `LEAD_WORDS` words, at a sentence's
   * end when one falls in the second half of them.
   */
  lead: string;
  /** Its headings below the `##` (and any `##` without an id), in page order, each once. */
  subheadings: string[];
  /** What it names (`TERM_ELEMENTS`, `data-search-term`), in page order, each once, unless its heading or lead says it already. */
  terms: string[];
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

/**
 * Never searchable: the elements above, and any element marked `data-pagefind-ignore` (Pagefind's
 * own convention, https://pagefind.app/docs/indexing/): a tab panel's label, which repeats its
 * tab's, or an aside's default title ("Note").
 */
const isIgnored = (node: Element): boolean => EXCLUDED_ELEMENTS.has(node.tagName) || node.properties['dataPagefindIgnore'] !== undefined;

/** Elements whose text reads as apart from what is around it: kept apart by a space. */
const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  ...['address', 'article', 'aside', 'blockquote', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer'],
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'ol', 'p', 'pre', 'section', 'summary'],
  ...['table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul'],
]);

/** A node's searchable text, blocks and line breaks kept apart by a space. */
function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element' || isIgnored(node)) return '';
  if (node.tagName === 'br') return ' ';
  const text = node.children.map(textOf).join('');
  return BLOCK_ELEMENTS.has(node.tagName) ? ` ${text} ` : text;
}

const wordsOf = (text: string): string[] => text.split(/\s+/).filter(Boolean);

/** A word that ends a sentence: `.`, `!` or `?`, then any closing quotes or brackets. */
const SENTENCE_END = /[.!?]["'”’)\]]*$/;

/** The first `LEAD_WORDS` words of the prose, ending at a sentence's end in their second half if there is one. */
export function leadOf(prose: string): string {
  const words = wordsOf(prose);
  if (words.length <= LEAD_WORDS) return words.join(' ');
  const kept = words.slice(0, LEAD_WORDS);
  for (let end = kept.length; end > LEAD_WORDS / 2; end -= 1) {
    if (SENTENCE_END.test(kept[end - 1] ?? '')) return kept.slice(0, end).join(' ');
  }
  return `${kept.join(' ')}…`;
}

/**
 * The most words a term keeps: a label, a claim, a message. Bold around a whole sentence is
 * emphasis, not a name, and would cost the index its every word.
 */
export const TERM_WORDS = 12;

const termOf = (text: string): string => {
  const words = wordsOf(text);
  return words.length <= TERM_WORDS ? words.join(' ') : `${words.slice(0, TERM_WORDS).join(' ')}…`;
};

const addOnce = (list: string[], text: string): void => {
  if (text && !list.some((known) => known.toLowerCase() === text.toLowerCase())) list.push(text);
};

/** Whether `text` says `phrase` as whole words (`id` is not said by "provider"), ignoring case. */
function says(text: string, phrase: string): boolean {
  const escaped = phrase.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[^\\p{L}\\p{N}_])${escaped}(?:$|[^\\p{L}\\p{N}_])`, 'u').test(text.toLowerCase());
}

interface SectionDraft {
  id: string | undefined;
  heading: string;
  prose: string[];
  subheadings: string[];
  terms: string[];
}

/**
 * Splits the body at each h2 with an id and reads what each part is searched by: its lead
 * (paragraphs), its subheadings and its terms. Code blocks are left out: long, and what they name
 * that matters is named in the prose around them.
 */
function sectionsOf(body: Element, title: string): PageSection[] {
  const drafts: SectionDraft[] = [{ id: undefined, heading: title, prose: [], subheadings: [], terms: [] }];
  const walk = (node: ElementContent): void => {
    if (node.type !== 'element' || isIgnored(node) || node.tagName === 'pre') return;
    const current = drafts.at(-1);
    if (!current) return;
    const id = node.properties['id'];
    if (node.tagName === 'h2' && typeof id === 'string' && id) {
      drafts.push({ id, heading: squash(textOf(node)), prose: [], subheadings: [], terms: [] });
      return;
    }
    if (SUBHEADING_ELEMENTS.has(node.tagName)) return addOnce(current.subheadings, squash(textOf(node)));
    if (TERM_ELEMENTS.has(node.tagName) || node.properties['dataSearchTerm'] !== undefined)
      return addOnce(current.terms, termOf(textOf(node)));
    if (node.tagName === 'p' && wordsOf(current.prose.join(' ')).length < LEAD_WORDS) current.prose.push(squash(textOf(node)));
    node.children.forEach(walk);
  };
  body.children.forEach(walk);
  return drafts.map(({ id, heading, prose, subheadings, terms }) => {
    const lead = leadOf(squash(prose.join(' ')));
    const said = `${heading} ${lead}`;
    return { id, heading, lead, subheadings, terms: terms.filter((term) => !says(said, term)) };
  });
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
  const title = squash(h1 ? textOf(h1) : '') || squash(titleElement ? toText(titleElement) : '') || url;
  return { url, file, language, title, sections: sectionsOf(body, title) };
}

/** Every public page under a built site directory, sorted by URL. */
export async function readPublicPages(siteDir: string): Promise<PublicPage[]> {
  const files = filesEndingWith(siteDir, '.html');
  const pages = await Promise.all(files.map(async (full) => readPublicPage(await readFile(full, 'utf8'), relative(siteDir, full))));
  return pages.filter((page): page is PublicPage => page !== undefined).sort((a, b) => a.url.localeCompare(b.url));
}
