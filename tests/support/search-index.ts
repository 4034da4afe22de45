/**
 * Reading a built Pagefind index back, and building one for the fixture site
 * (tests/fixtures/search-site/: made-up pages, so no guide's wording is ever a test's input).
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildSearchIndex, type SearchBuild } from '../../src/search/build-search-index.ts';
import { readPublicPages, type PageSection, type PublicPage } from '../../src/search/public-pages.ts';

export const FIXTURE_SITE = new URL('../fixtures/search-site/', import.meta.url).pathname;

/** One record of the index: a section of a public page (src/search/section-document.ts). */
export interface IndexedPage {
  url: string;
  content: string;
  meta: Record<string, string>;
}

// Each fragment is gzipped JSON after this signature (pagefind's own format, version 1.x).
const FRAGMENT_SIGNATURE = 'pagefind_dcd';

/** Every record in an index: the fragments hold each one's URL, text and metadata. */
export function indexedPages(pagefindDir: string): IndexedPage[] {
  const folder = join(pagefindDir, 'fragment');
  return readdirSync(folder).map((name) => {
    const text = gunzipSync(readFileSync(join(folder, name))).toString('utf8');
    if (!text.startsWith(FRAGMENT_SIGNATURE)) throw new Error(`${name} is not a Pagefind fragment`);
    return JSON.parse(text.slice(FRAGMENT_SIGNATURE.length)) as IndexedPage;
  });
}

/** Copies the fixture site to `outDir` and builds its search there, as `npm run build` does. */
export async function buildFixtureSearch(outDir: string): Promise<SearchBuild> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(FIXTURE_SITE, outDir, { recursive: true });
  return buildSearchIndex(outDir);
}

/** Every word a section is found by (src/search/section-document.ts indexes these). */
export const searchedText = (section: PageSection): string =>
  [section.heading, section.lead, ...section.subheadings, ...section.terms].join(' ');

const builtPages = new Map<string, Promise<PublicPage[]>>();

/** The public pages of a built site, read once per test process (the build does not change under the tests). */
export function builtPublicPages(siteDir: string): Promise<PublicPage[]> {
  let pages = builtPages.get(siteDir);
  if (!pages) builtPages.set(siteDir, (pages = readPublicPages(siteDir)));
  return pages;
}
