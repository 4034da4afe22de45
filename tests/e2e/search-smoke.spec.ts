/**
 * Search on each deploy target's own build (the Worker's `dist/client`, the Pages build's
 * `dist-pages`): the build's index holds its public pages and no gated one; words and a phrase
 * taken from the built pages' running text, typed a key at a time, land on the section that
 * holds them; and what search fetches on first use stays within its budget. Behaviour in depth
 * is tested on a fixture index (search.spec.ts).
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { MAX_RESULTS } from '../../src/client/search/pagefind-client.ts';
import { ACCESS_HEADER } from '../../scripts/lib/local-site/gated-site.ts';
import { demoSlugs, filesUnder, PROJECT_ROOT } from '../../scripts/lib/local-site/site-pages.ts';
import { AUDIENCES } from '../support/e2e-env.ts';
import { builtPages, gzippedSizes, indexedPages } from '../support/search-index.ts';
import { distinctivePhrase, distinctiveWords, type TextQuery } from '../support/search-queries.ts';
import { tokenFor } from './helpers.ts';
import { currentTarget } from './targets.ts';

const KB = 1024;
/**
 * What search may download on first use, all gzipped: the box, pagefind.js, its WebAssembly, the
 * index chunks a query needs and the fragments of the pages shown (ARCHITECTURE.md, "Search").
 */
const FIRST_USE_BUDGET = 140 * KB;
/** How many words from the pages' running text are searched for, each from another page. */
const WORD_QUERIES = 4;

const buildDir = () => join(PROJECT_ROOT, currentTarget() === 'pages' ? 'dist-pages' : join('dist', 'client'));
const indexDir = () => join(buildDir(), 'pagefind');

const searchBox = (page: Page) => page.getByRole('dialog', { name: 'Search the site' });
const resultLinks = (page: Page) => page.locator('[data-search-results] a');

test('the build’s index holds every page it serves as a file but /search/, and no demo page or gated-only text', () => {
  const indexedUrls = indexedPages(indexDir()).map((record) => record.url);
  // What the build wrote as pages (index.html files), as a reader links them.
  const builtUrls = filesUnder(buildDir())
    .map((file) => `/${relative(buildDir(), file).split(sep).join('/')}`)
    .filter((path) => /(?:^|\/)index\.html$/.test(path))
    .map((path) => path.replace(/index\.html$/, ''));
  expect(builtUrls).toContain('/search/');
  expect([...indexedUrls].sort()).toEqual(builtUrls.filter((url) => url !== '/search/').sort());
  for (const slug of demoSlugs()) expect(indexedUrls.filter((url) => url.startsWith(`/${slug}/`))).toEqual([]);
  // Text that only a gated demo page shows: the verified-email line and the identity card.
  for (const { url, content } of indexedPages(indexDir())) {
    for (const text of ['token verified at the edge', 'Raw answer', 'Show all groups'])
      expect(content.includes(text), `${url}: ${text}`).toBe(false);
  }
});

test('a demo page, as the gate serves it by path and on its own subdomain, is not marked for the index', async ({ request }) => {
  for (const slug of demoSlugs()) {
    const byPath = await request.get(`/${slug}/`, { headers: { [ACCESS_HEADER]: await tokenFor(slug) } });
    expect(byPath.status(), slug).toBe(200);
    const html = await byPath.text();
    expect(html, slug).toContain('<access-identity');
    expect(html, slug).not.toContain('data-pagefind-body');
  }
  const subdomainToken = await tokenFor('scim-a', { audience: AUDIENCES['scim-a']?.[1] ?? '' });
  const onSubdomain = await request.get('/', { headers: { Host: 'scim-a.barbicancloud.co.uk', [ACCESS_HEADER]: subdomainToken } });
  expect(onSubdomain.status()).toBe(200);
  const html = await onSubdomain.text();
  expect(html).toContain('<access-identity');
  expect(html).not.toContain('data-pagefind-body');
});

interface FirstUse {
  total: number;
  files: { path: string; bytes: number }[];
  report: string;
}

/**
 * Opens search with `/` on a freshly loaded page, types a query a key at a time, waits for its
 * results, and returns what search fetched for it, gzipped: the box, pagefind.js, its
 * WebAssembly, the index and the fragments of the results shown. Fails on any console error (a
 * CSP refusal is one).
 */
async function firstUse(page: Page, query: string): Promise<FirstUse> {
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  // The page's clock is the test's: however slowly a loaded machine types, no gap between two keys
  // reaches search's typing pause; after the last key the clock runs on until the results show.
  await page.clock.install();
  await page.goto('/');
  await page.waitForLoadState('load');
  const fetched: Promise<{ path: string; bytes: number }>[] = [];
  page.on('requestfinished', (request) => {
    const path = new URL(request.url()).pathname;
    // What search fetches: its box (a hashed asset) and Pagefind's files; not the page's icon.
    if (!/^\/(?:pagefind|_astro)\//.test(path)) return;
    fetched.push(
      request.response().then(async (response) => ({ path, bytes: response ? gzipSync(await response.body(), { level: 9 }).length : 0 })),
    );
  });
  await page.keyboard.press('/');
  await expect(searchBox(page).getByRole('searchbox', { name: 'Search the site' })).toBeFocused();
  await page.keyboard.type(query);
  const status = searchBox(page).getByRole('status');
  await expect
    .poll(async () => {
      await page.clock.runFor(100);
      return status.textContent();
    })
    .toMatch(/^\d+ results?\.$|^No results/);
  const files = await Promise.all(fetched);
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  const report = `${currentTarget()}: “${query}”: ${total} B gz: ${files.map((f) => `${f.path} ${f.bytes}`).join(', ')}`;
  test.info().annotations.push({ type: 'first use', description: report });
  expect(errors).toEqual([]);
  return { total, files, report };
}

/** The link that lands on the query's section: a result's own link, or a further section under it. */
async function expectLanding(page: Page, { url, heading }: TextQuery, report: string): Promise<void> {
  const href = new URL(`${url}#${heading.id}`, page.url()).href;
  const hit = resultLinks(page).filter({ has: page.locator('.search-hit__heading', { hasText: heading.text }) });
  await expect(hit.first(), report).toHaveAttribute('href', href);
}

const queries: TextQuery[] = [];
test.beforeAll(() => {
  const pages = builtPages(buildDir());
  const phrase = distinctivePhrase(pages);
  if (!phrase) throw new Error('no phrase of the public pages is held by one paragraph alone');
  queries.push(...distinctiveWords(pages, WORD_QUERIES), phrase);
  if (queries.length < WORD_QUERIES + 1) throw new Error(`only ${queries.length - 1} public pages hold a word no other text has`);
});

for (let index = 0; index < WORD_QUERIES + 1; index += 1) {
  const kind = index < WORD_QUERIES ? `word ${index + 1}` : 'the phrase';
  test(`running text, ${kind}: typed, it lands on the section that holds it; first use within budget, under the CSP`, async ({ page }) => {
    const target = queries[index];
    if (!target) throw new Error(`no query ${index}`);
    const { total, files, report } = await firstUse(page, target.query);
    await expectLanding(page, target, report);
    expect(
      files.map((file) => file.path),
      report,
    ).toEqual(expect.arrayContaining(['/pagefind/pagefind.js', '/pagefind/wasm.en.pagefind']));
    expect(total, report).toBeLessThanOrEqual(FIRST_USE_BUDGET);
  });
}

/** The word (of four letters or more) on the most public pages: the query with the most results to fetch. */
function commonestWord(): string {
  const counts = new Map<string, number>();
  for (const page of builtPages(buildDir())) {
    for (const word of new Set(page.text.toLowerCase().match(/\b[a-z]{4,}\b/g))) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'page';
}

test('the query with the most results stays within the first-use budget; the most any query could fetch is reported', async ({ page }) => {
  const { total, files, report } = await firstUse(page, commonestWord());
  await expect(page.locator('[data-search-results] > ul > li')).toHaveCount(MAX_RESULTS);
  expect(total, report).toBeLessThanOrEqual(FIRST_USE_BUDGET);
  // Typed a key at a time, yet only the query the reader stopped at fetched its results.
  expect(files.filter((file) => file.path.startsWith('/pagefind/fragment/')).length, report).toBeLessThanOrEqual(MAX_RESULTS);

  // The worst case, whatever the query: what every query fetches, every index chunk, and the
  // largest fragments a results list can show.
  const fixed = files.filter((file) => !/^\/pagefind\/(?:index|fragment)\//.test(file.path));
  expect(fixed.map((file) => file.path)).toEqual(expect.arrayContaining(['/pagefind/pagefind.js', '/pagefind/wasm.en.pagefind']));
  const sum = (sizes: number[]) => sizes.reduce((a, b) => a + b, 0);
  const everyQuery = sum(fixed.map((file) => file.bytes));
  const chunks = gzippedSizes(indexDir(), 'index');
  const fragments = gzippedSizes(indexDir(), 'fragment').slice(0, MAX_RESULTS);
  const worst = everyQuery + sum(chunks) + sum(fragments);
  const worstReport = `${currentTarget()}: worst case ${worst} B gz: ${everyQuery} every query, ${sum(chunks)} index (${chunks.length} chunks: ${chunks.join(', ')}), ${sum(fragments)} for the ${MAX_RESULTS} largest fragments (${fragments.join(', ')}); ${readdirSync(join(indexDir(), 'fragment')).length} pages`;
  // Reported, not held to the budget: the budget is for a query as a reader types it (above and in
  // the tests before), and no single query fetches every chunk with the largest fragments.
  // ARCHITECTURE.md ("What first use costs") keeps the latest figure.
  test.info().annotations.push({ type: 'first use, worst case', description: worstReport });
  console.log(worstReport);
});
