/**
 * Writes the site search's index for a built site folder: Pagefind's Node API over every HTML
 * file in it, into `<dir>/pagefind/` (https://pagefind.app/docs/node-api/). Pagefind indexes the
 * full text inside each page's `data-pagefind-body` element and skips the pages without one
 * (https://pagefind.app/docs/indexing/), so which pages are in the index is the layouts' rule
 * (src/search/indexed-pages.ts), not this file's. Pagefind runs offline (its binary comes from
 * npm) and the index is static files, served wherever the site's static assets are.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { close, createIndex } from 'pagefind';
import { filesEndingWith } from '../lib/mdx-files.ts';

/** Where the index goes inside the site; the search box imports `/pagefind/pagefind.js`. */
export const INDEX_FOLDER = 'pagefind';

/**
 * Pagefind's browser-side bundles the site does not load: its stock UIs (the site has a results
 * list of its own over pagefind.js), the highlighter, and the web worker (the box runs Pagefind
 * on the main thread: the worker would be one more file on first use).
 */
const UNUSED_BUNDLE = /^pagefind-(?:ui|modular-ui|component-ui|highlight|worker)\.(?:js|css)$/;

/** An element carrying the attribute, as markup: a page's text that merely names it does not count. */
const MARKED_BODY = /<[a-z][^>]*\sdata-pagefind-body(?:[\s=>]|\/>)/i;

export interface SiteIndex {
  /** The index folder, `<dir>/pagefind`. */
  outputPath: string;
  /** Site-relative paths of the HTML files with a marked body: the pages in the index. */
  indexedFiles: string[];
}

function fail(what: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind: ${what}: ${errors.join('; ')}`);
}

/** The HTML files under `siteDir` whose layout marked their body for the index. */
async function markedFiles(siteDir: string): Promise<string[]> {
  const files: string[] = [];
  for (const file of filesEndingWith(siteDir, '.html')) {
    if (MARKED_BODY.test(await readFile(file, 'utf8'))) files.push(relative(siteDir, file).split(sep).join('/'));
  }
  return files;
}

export async function writeSiteIndex(siteDir: string): Promise<SiteIndex> {
  const outputPath = join(siteDir, INDEX_FOLDER);
  await rm(outputPath, { recursive: true, force: true });
  const indexedFiles = await markedFiles(siteDir);
  // Without a single marked page, Pagefind would index every page whole, whatever it shows.
  if (indexedFiles.length === 0) throw new Error(`No page under ${siteDir} is marked data-pagefind-body: nothing to index.`);

  const created = await createIndex();
  fail('creating the index', created.errors);
  if (!created.index) throw new Error('Pagefind created no index');
  try {
    fail('indexing the site', (await created.index.addDirectory({ path: siteDir })).errors);
    fail('writing the index', (await created.index.writeFiles({ outputPath })).errors);
  } finally {
    // Pagefind's indexer is a child process: the build would not end while it runs.
    await close();
  }
  for (const name of await readdir(outputPath)) if (UNUSED_BUNDLE.test(name)) await rm(join(outputPath, name));
  return { outputPath, indexedFiles };
}
