/**
 * Builds the site search for a built site directory: a Pagefind index of its public pages in
 * `<dir>/pagefind/`, and the page list of `<dir>/search/index.html`. Pagefind runs offline (its
 * binary comes from npm) and its index is static files, so search works wherever the site's
 * static assets are served. https://pagefind.app/docs/node-api/
 *
 * `npm run build` runs it on `dist/client`. Another static build calls `buildSearchIndex(dir)`
 * (or `node src/search/build-search-index.ts <dir>`) after `astro build`.
 */
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { close, createIndex } from 'pagefind';
import { SEARCH_PAGE_FILE, withPageList } from './page-list.ts';
import { readPublicPages, sectionUrl, type PublicPage } from './public-pages.ts';
import { sectionDocument } from './section-document.ts';

/** Where the index goes inside the site; the search UI imports `/pagefind/pagefind.js`. */
const INDEX_FOLDER = 'pagefind';

/**
 * Pagefind's browser-side bundles the site does not load: its stock UIs (the site has a results
 * list of its own over pagefind.js), the highlighter, and the web worker (the UI runs Pagefind
 * on the main thread: the worker would be one more file on first use).
 */
const UNUSED_BUNDLE = /^pagefind-(?:ui|modular-ui|component-ui|highlight|worker)\.(?:js|css)$/;

export interface SearchBuild {
  pages: PublicPage[];
  outputPath: string;
}

function fail(what: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind: ${what}: ${errors.join('; ')}`);
}

export async function buildSearchIndex(siteDir: string): Promise<SearchBuild> {
  const dir = resolve(siteDir);
  const outputPath = join(dir, INDEX_FOLDER);
  await rm(outputPath, { recursive: true, force: true });
  const pages = await readPublicPages(dir);
  if (pages.length === 0) throw new Error(`No page under ${dir} is marked data-pagefind-body: nothing to index (build the site first).`);

  const created = await createIndex();
  fail('creating the index', created.errors);
  const { index } = created;
  if (!index) throw new Error('Pagefind created no index');
  try {
    // One record per section, not per page: a result is then a page and one of its headings, and
    // showing it fetches that section's text (a fragment), not the whole page's: what a broad
    // query costs on first use stays small however long the pages grow.
    for (const page of pages) {
      for (const section of page.sections) {
        const url = sectionUrl(page, section);
        fail(`indexing ${url}`, (await index.addHTMLFile({ url, content: sectionDocument(page, section) })).errors);
      }
    }
    fail('writing the index', (await index.writeFiles({ outputPath })).errors);
  } finally {
    await close();
  }
  for (const name of await readdir(outputPath)) if (UNUSED_BUNDLE.test(name)) await rm(join(outputPath, name));

  const searchPage = join(dir, SEARCH_PAGE_FILE);
  await writeFile(searchPage, withPageList(await readFile(searchPage, 'utf8'), pages));
  return { pages, outputPath };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const siteDir = process.argv[2];
  if (!siteDir) {
    console.error('usage: node src/search/build-search-index.ts <built site directory>');
    process.exit(2);
  }
  const { pages, outputPath } = await buildSearchIndex(siteDir);
  console.log(`search: indexed ${pages.length} public page(s) into ${outputPath}: ${pages.map((page) => page.url).join(' ')}`);
}
