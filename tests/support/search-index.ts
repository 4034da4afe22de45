/**
 * The site search from the outside: a built Pagefind index read back, the fixture site's index
 * built (tests/fixtures/search-site/: made-up pages, so no guide's wording is ever a test's
 * input), and the running text of a built site's public pages, read from their HTML, for queries
 * the tests take from the pages themselves.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import { visitParents } from 'unist-util-visit-parents';
import { writeSiteIndex, type SiteIndex } from '../../src/search/site-index.ts';

export const FIXTURE_SITE = new URL('../fixtures/search-site/', import.meta.url).pathname;

/** A heading Pagefind lands results on: one with an id. */
export interface IndexedAnchor {
  element: string;
  id: string;
  text: string;
}

/** One record of the index: a page, its full indexed text, its title and its headings. */
export interface IndexedPage {
  /** The fragment's file name in `pagefind/fragment/`: what a browser fetches to show the page. */
  fragment: string;
  url: string;
  content: string;
  meta: Record<string, string>;
  anchors: IndexedAnchor[];
}

// Each fragment is gzipped JSON after this signature (Pagefind's own format, version 1.x).
const FRAGMENT_SIGNATURE = 'pagefind_dcd';

/** Every record in an index: the fragments hold each page's URL, text, metadata and headings. */
export function indexedPages(pagefindDir: string): IndexedPage[] {
  const folder = join(pagefindDir, 'fragment');
  return readdirSync(folder).map((name) => {
    const text = gunzipSync(readFileSync(join(folder, name))).toString('utf8');
    if (!text.startsWith(FRAGMENT_SIGNATURE)) throw new Error(`${name} is not a Pagefind fragment`);
    return { ...(JSON.parse(text.slice(FRAGMENT_SIGNATURE.length)) as Omit<IndexedPage, 'fragment'>), fragment: name };
  });
}

/** Copies the fixture site to `outDir` and indexes it there, as the build does. */
export async function buildFixtureSearch(outDir: string): Promise<SiteIndex> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(FIXTURE_SITE, outDir, { recursive: true });
  return writeSiteIndex(outDir);
}

const gzipped = (file: string): number => gzipSync(readFileSync(file), { level: 9 }).length;

/** The gzipped size of every file in one of the index's folders (`index`, `fragment`), largest first. */
export function gzippedSizes(pagefindDir: string, folder: 'index' | 'fragment'): number[] {
  return readdirSync(join(pagefindDir, folder))
    .map((name) => gzipped(join(pagefindDir, folder, name)))
    .sort((a, b) => b - a);
}

/** One paragraph of a public page, with the heading it sits under (the nearest one before it with an id). */
export interface PageParagraph {
  /** The page's URL: `/guides/oidc/`. */
  url: string;
  /** The heading's id and text; undefined before the page's first heading with an id. */
  heading: { id: string; text: string } | undefined;
  text: string;
}

export interface BuiltPage {
  url: string;
  /** Everything a reader sees in the marked body, as one text. */
  text: string;
  paragraphs: PageParagraph[];
}

/**
 * What a reader does not search, by the page's own markup: marked `data-pagefind-ignore`, or an
 * element whose text is not reading text (navigation, forms, diagrams, scripts).
 */
const UNREAD = new Set(['nav', 'form', 'svg', 'script', 'style', 'template', 'noscript', 'button', 'label']);
const unread = (node: Element): boolean => UNREAD.has(node.tagName) || node.properties['dataPagefindIgnore'] !== undefined;

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

function readBuiltPage(html: string, url: string): BuiltPage | undefined {
  const tree: Root = fromHtml(html);
  const body = select('main[data-pagefind-body]', tree);
  if (!body) return undefined;
  const paragraphs: PageParagraph[] = [];
  // Text nodes kept apart: two blocks' words never run together into one that is on no page.
  const texts: string[] = [];
  let heading: PageParagraph['heading'];
  visitParents(body, (node) => {
    if (node.type === 'text') texts.push(node.value);
    if (node.type !== 'element') return undefined;
    if (unread(node)) return 'skip';
    const id = node.properties['id'];
    const text = squash(toText(node));
    if (/^h[1-6]$/.test(node.tagName) && typeof id === 'string' && id && text) heading = { id, text };
    if (node.tagName === 'p') paragraphs.push({ url, heading, text });
    return undefined;
  });
  return { url, text: squash(texts.join(' ')), paragraphs };
}

/** `guides/oidc/index.html` → `/guides/oidc/`. */
const urlOfFile = (file: string): string =>
  `/${file
    .split(sep)
    .join('/')
    .replace(/(^|\/)index\.html$/, '$1')}`;

/** The pages of a built site whose `<main>` is marked for the index, read from their HTML. */
export function builtPages(siteDir: string): BuiltPage[] {
  return readdirSync(siteDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
    .flatMap((file) => readBuiltPage(readFileSync(file, 'utf8'), urlOfFile(relative(siteDir, file))) ?? []);
}
