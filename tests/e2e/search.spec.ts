/**
 * Site search in Chromium against the real build. The search box's behaviour is tested over the
 * fixture site's index (tests/fixtures/search-site/, built here by the same step as the real one
 * and served in place of /pagefind/), so no guide's wording is an input; one smoke query and the
 * first-use budget use the real index, with a query taken from the built pages themselves.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { MAX_RESULTS } from '../../src/client/search/pagefind-client.ts';
import { sectionUrl } from '../../src/search/public-pages.ts';
import { ACCESS_HEADER } from '../../scripts/lib/local-site/gated-site.ts';
import { buildFixtureSearch, builtPublicPages, indexedPages, searchedText } from '../support/search-index.ts';
import { PROJECT_ROOT } from '../../scripts/lib/local-site/site-pages.ts';
import { axeViolations, tokenFor } from './helpers.ts';

const KB = 1024;
/**
 * What search may download on first use, all gzipped: box, pagefind.js, WebAssembly, index,
 * fragments. About 74 KB of it is fixed (pagefind.js and its WebAssembly, the box); the index
 * grows with what the public pages name (their headings, leads and terms:
 * src/search/public-pages.ts), and each result shown costs its section's fragment.
 */
const FIRST_USE_BUDGET = 100 * KB;
const CLIENT_DIR = join(PROJECT_ROOT, 'dist', 'client');

let fixtureDir: string;
test.beforeAll(async () => {
  fixtureDir = mkdtempSync(join(tmpdir(), 'search-e2e-'));
  await buildFixtureSearch(fixtureDir);
});
test.afterAll(() => rmSync(fixtureDir, { recursive: true, force: true }));

/** Serves the fixture site's index wherever the page asks for /pagefind/. */
async function useFixtureIndex(page: Page): Promise<void> {
  await page.route('**/pagefind/**', (route) => route.fulfill({ path: join(fixtureDir, new URL(route.request().url()).pathname) }));
}

const searchBox = (page: Page) => page.getByRole('dialog', { name: 'Search the site' });
const field = (page: Page) => searchBox(page).getByRole('searchbox', { name: 'Search the site' });
const resultLinks = (page: Page) => page.locator('[data-search-results] a');

test('`/` opens the search box; arrows move through the results, Enter opens one (keyboard only)', async ({ page }) => {
  await useFixtureIndex(page);
  await page.goto('/guides/');
  await page.keyboard.press('/');
  await expect(searchBox(page)).toBeVisible();
  await expect(field(page)).toBeFocused();
  await page.keyboard.type('zephyr lantern');

  const links = resultLinks(page);
  await expect(links).toHaveCount(2);
  // Each result shows its page and the heading it lands on.
  await expect(links.nth(0)).toHaveAttribute('href', /\/fixture\/sections\/#zephyr-lantern$/);
  await expect(links.nth(0).locator('.search-hit__page')).toHaveText('Fixture sections');
  await expect(links.nth(0).locator('.search-hit__heading')).toHaveText('Zephyr lantern');
  await expect(links.nth(0).locator('mark').first()).toHaveText(/zephyr|lantern/i);
  await expect(links.nth(1)).toHaveAttribute('href', /\/fixture\/sections\/#copper-kettle$/);
  await expect(searchBox(page).getByRole('status')).toHaveText('2 results.');

  await page.keyboard.press('ArrowDown');
  await expect(links.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(field(page)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/fixture\/sections\/#zephyr-lantern$/);
});

test('a section whose sub-heading names the query ranks above one that only mentions it', async ({ page }) => {
  await useFixtureIndex(page);
  await page.goto('/guides/');
  await page.keyboard.press('/');
  await expect(field(page)).toBeFocused();
  await page.keyboard.type('marsh heron');
  const links = resultLinks(page);
  await expect(links).toHaveCount(2);
  await expect(links.nth(0)).toHaveAttribute('href', /#brass-compass$/);
  await expect(links.nth(1)).toHaveAttribute('href', /#tidal-clock$/);
});

test('the search button opens the box, Escape closes it and gives focus back; Enter in the field opens the first result', async ({
  page,
}) => {
  await useFixtureIndex(page);
  await page.goto('/');
  const button = page.getByRole('link', { name: 'Search', exact: true });
  for (let tab = 0; tab < 10 && !(await button.evaluate((el) => el === document.activeElement)); tab++) await page.keyboard.press('Tab');
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(field(page)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(searchBox(page)).toBeHidden();
  await expect(button).toBeFocused();
  expect(new URL(page.url()).pathname).toBe('/');

  await page.keyboard.press('Enter');
  await expect(field(page)).toBeFocused();
  await page.keyboard.type('zzqqxx');
  await expect(searchBox(page).getByRole('status')).toHaveText('No results for “zzqqxx”.');
  await expect(resultLinks(page)).toHaveCount(0);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('quillwort');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/#quillwort-meadow$/);
});

test('`/` typed in a field or editable text stays a character', async ({ page }) => {
  await useFixtureIndex(page);
  await page.goto('/guides/');
  await page.evaluate(() => {
    document
      .querySelector('main')
      ?.insertAdjacentHTML(
        'beforeend',
        '<textarea aria-label="Text area"></textarea><input aria-label="Text field"><div contenteditable="true" aria-label="Editable" role="textbox"></div>',
      );
  });
  for (const name of ['Text area', 'Text field', 'Editable']) {
    const box = page.getByRole('textbox', { name });
    await box.focus();
    await page.keyboard.type('a/b');
    if (name === 'Editable') await expect(box, name).toHaveText('a/b');
    else await expect(box, name).toHaveValue('a/b');
    await expect(searchBox(page)).toHaveCount(0);
  }
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the open search box with results passes axe (${scheme}) and fits 320 px`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 320, height: 640 });
    await useFixtureIndex(page);
    await page.goto('/guides/');
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await field(page).fill('zephyr');
    await expect(resultLinks(page)).toHaveCount(2);
    expect(await axeViolations(page)).toEqual([]);
    const overflow = await searchBox(page).evaluate((dialog) => ({
      dialog: dialog.scrollWidth - dialog.clientWidth,
      right: dialog.getBoundingClientRect().right - document.documentElement.clientWidth,
    }));
    expect(overflow.dialog).toBeLessThanOrEqual(0);
    expect(overflow.right).toBeLessThanOrEqual(0);
  });
}

test('without JavaScript the search button leads to /search/, which lists every public page and its sections', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/guides/');
  await page.getByRole('link', { name: 'Search', exact: true }).click();
  await page.waitForURL(/\/search\/$/);
  const hrefs = await page.locator('[data-search-page-list] a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const pages = await builtPublicPages(CLIENT_DIR);
  expect(pages.length).toBeGreaterThan(3);
  for (const { url, sections } of pages) {
    expect(hrefs).toContain(url);
    for (const { id } of sections) if (id) expect(hrefs).toContain(`${url}#${id}`);
  }
  await context.close();
});

/**
 * A section of a real page whose heading words occur together in the fewest other sections: the
 * query with the fewest right answers the real pages allow, chosen from the build, not the wording.
 */
async function distinctiveSection(): Promise<{ url: string; heading: string }> {
  const sections = (await builtPublicPages(CLIENT_DIR)).flatMap((page) =>
    page.sections.filter((s) => s.id).map((s) => ({ url: sectionUrl(page, s), heading: s.heading, all: searchedText(s).toLowerCase() })),
  );
  const candidates = sections
    .map((section) => {
      const words = section.heading.toLowerCase().match(/[a-z]{4,}/g) ?? [];
      const rivals = sections.filter((other) => other !== section && words.every((word) => other.all.includes(word))).length;
      return { section, words, rivals };
    })
    .filter(({ words }) => words.length >= 2)
    .sort((a, b) => a.rivals - b.rivals);
  const best = candidates[0];
  if (!best || best.rivals >= MAX_RESULTS) throw new Error('no public page has a section heading distinctive enough to find');
  return best.section;
}

/** The word (of four letters or more) in the most sections of the real pages: a query with the most results. */
async function commonestWord(): Promise<string> {
  const counts = new Map<string, number>();
  for (const page of await builtPublicPages(CLIENT_DIR)) {
    for (const section of page.sections) {
      for (const word of new Set(
        searchedText(section)
          .toLowerCase()
          .match(/[a-z]{4,}/g),
      ))
        counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'page';
}

/**
 * Opens search with `/` on a freshly loaded page, types a query, waits for its results, and
 * returns what search fetched for it, gzipped: the box, pagefind.js, its WebAssembly, the index
 * and the fragments of the results shown. Fails on any console error (a CSP refusal is one).
 */
async function firstUse(
  page: Page,
  query: string,
): Promise<{ total: number; paths: string[]; files: { path: string; bytes: number }[]; report: string }> {
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
  await expect(field(page)).toBeFocused();
  // Typed, a key at a time, as a reader does: each keystroke is an input event.
  await page.keyboard.type(query);
  const status = searchBox(page).getByRole('status');
  await expect
    .poll(async () => {
      await page.clock.runFor(100);
      return status.textContent();
    })
    .toMatch(/^\d+ results?\.$/);
  const files = await Promise.all(fetched);
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  const report = `“${query}”: ${total} B gz: ${files.map((f) => `${f.path} ${f.bytes}`).join(', ')}`;
  test.info().annotations.push({ type: 'first use', description: report });
  expect(errors).toEqual([]);
  return { total, paths: files.map((file) => file.path), files, report };
}

test('real index: a query for a section heading lists that section; first use within budget, under the CSP', async ({ page }) => {
  const target = await distinctiveSection();
  const { total, paths, report } = await firstUse(page, target.heading);
  const hit = resultLinks(page)
    .filter({ has: page.locator('.search-hit__heading', { hasText: target.heading }) })
    .first();
  await expect(hit).toHaveAttribute('href', new URL(target.url, page.url()).href);
  expect(paths).toEqual(expect.arrayContaining(['/pagefind/pagefind.js', '/pagefind/wasm.en.pagefind']));
  expect(total, report).toBeLessThanOrEqual(FIRST_USE_BUDGET);
});

test('real index: first use with the query that matches the most sections, and the most any query can fetch, stay within budget', async ({
  page,
}) => {
  const { total, files, report } = await firstUse(page, await commonestWord());
  await expect(resultLinks(page)).toHaveCount(MAX_RESULTS);
  expect(total, report).toBeLessThanOrEqual(FIRST_USE_BUDGET);
  // Typed a key at a time, yet only the query the reader stopped at fetched its results.
  expect(files.filter((file) => file.path.startsWith('/pagefind/fragment/')).length, report).toBeLessThanOrEqual(MAX_RESULTS);

  // The worst case, whatever the query: what every query fetches, every index chunk, and the
  // largest fragments a results list can show.
  const gzippedFiles = (folder: string) =>
    readdirSync(join(CLIENT_DIR, 'pagefind', folder)).map(
      (name) => gzipSync(readFileSync(join(CLIENT_DIR, 'pagefind', folder, name)), { level: 9 }).length,
    );
  const sum = (sizes: number[]) => sizes.reduce((a, b) => a + b, 0);
  const fixed = files.filter((file) => !/^\/pagefind\/(?:index|fragment)\//.test(file.path));
  expect(fixed.map((file) => file.path)).toEqual(expect.arrayContaining(['/pagefind/pagefind.js', '/pagefind/wasm.en.pagefind']));
  const everyQuery = sum(fixed.map((file) => file.bytes));
  const chunks = sum(gzippedFiles('index'));
  const fragments = sum(
    gzippedFiles('fragment')
      .sort((a, b) => b - a)
      .slice(0, MAX_RESULTS),
  );
  const worst = everyQuery + chunks + fragments;
  const worstReport = `worst case ${worst} B gz: ${everyQuery} every query, ${chunks} index, ${fragments} fragments`;
  test.info().annotations.push({ type: 'first use, worst case', description: worstReport });
  expect(worst, worstReport).toBeLessThanOrEqual(FIRST_USE_BUDGET);
});

test('nothing of search but the loader is fetched until search is used', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto('/guides/');
  await page.waitForLoadState('load');
  expect(requested.filter((path) => path.startsWith('/pagefind/') || /search-box/.test(path))).toEqual([]);
});

// Which pages each build's index holds (public pages, no demo page) is search-smoke.spec.ts's, on both targets.
test('the real index holds no gated-only text, and a demo page as the gate serves it is marked for no index', async ({ request }) => {
  const indexed = indexedPages(join(CLIENT_DIR, 'pagefind'));
  // Text that only a gated demo page shows: the verified-email line and the identity card.
  const all = JSON.stringify(indexed);
  for (const text of ['token verified at the edge', 'Raw answer', 'Show all groups']) {
    expect(all, text).not.toContain(text);
  }
  // And a demo page, as the gate serves it, is not marked for any index.
  const demo = await request.get('/scim-a/', { headers: { [ACCESS_HEADER]: await tokenFor('scim-a') } });
  expect(demo.status()).toBe(200);
  expect(await demo.text()).not.toContain('data-pagefind-body');
});
