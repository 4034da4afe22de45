/**
 * The search box in Chromium, on the Worker build. What it finds is tested over the fixture
 * site's index (tests/fixtures/search-site/, indexed here the way the build indexes a site, and
 * served in place of /pagefind/), so no guide's wording is an input. The real index on both
 * builds, with queries taken from the built pages and the first-use budget, is
 * search-smoke.spec.ts's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { buildFixtureSearch, indexedPages, type IndexedPage } from '../support/search-index.ts';
import { PROJECT_ROOT } from '../../scripts/lib/local-site/site-pages.ts';
import { axeViolations } from './helpers.ts';

const CLIENT_DIR = join(PROJECT_ROOT, 'dist', 'client');

let fixtureDir: string;
let fixturePages: IndexedPage[];
test.beforeAll(async () => {
  fixtureDir = mkdtempSync(join(tmpdir(), 'search-e2e-'));
  const { outputPath } = await buildFixtureSearch(fixtureDir);
  fixturePages = indexedPages(outputPath);
});
test.afterAll(() => rmSync(fixtureDir, { recursive: true, force: true }));

/** Serves the fixture site's index wherever the page asks for /pagefind/. */
async function useFixtureIndex(page: Page): Promise<void> {
  await page.route('**/pagefind/**', (route) => route.fulfill({ path: join(fixtureDir, new URL(route.request().url()).pathname) }));
}

const searchBox = (page: Page) => page.getByRole('dialog', { name: 'Search the site' });
const field = (page: Page) => searchBox(page).getByRole('searchbox', { name: 'Search the site' });
const status = (page: Page) => searchBox(page).getByRole('status');
/** Every link in the results: each result's own link, and the further sections under it. */
const resultLinks = (page: Page) => page.locator('[data-search-results] a');
/** Each result's own link: the page and the section it lands on. */
const results = (page: Page) => page.locator('[data-search-results] > ul > li > a');

/** Opens the box with `/` on a page of the real build and types a query a key at a time. */
async function search(page: Page, query: string): Promise<void> {
  await useFixtureIndex(page);
  await page.goto('/guides/');
  await page.keyboard.press('/');
  await expect(field(page)).toBeFocused();
  await page.keyboard.type(query);
}

test('`/` opens the search box; a result lands on the section, other sections under it; arrows and Enter (keyboard only)', async ({
  page,
}) => {
  await search(page, 'zephyr lantern');
  await expect(status(page)).toHaveText('1 result.');
  const links = resultLinks(page);
  await expect(links).toHaveCount(2);
  // The result shows its page and the heading it lands on; the other section holding the words is under it.
  await expect(results(page)).toHaveCount(1);
  await expect(links.nth(0)).toHaveAttribute('href', /\/fixture\/sections\/#zephyr-lantern$/);
  await expect(links.nth(0).locator('.search-hit__page')).toHaveText('Fixture sections');
  await expect(links.nth(0).locator('.search-hit__heading')).toHaveText('Zephyr lantern');
  await expect(links.nth(0).locator('mark').first()).toHaveText(/zephyr|lantern/i);
  await expect(links.nth(1)).toHaveAttribute('href', /\/fixture\/sections\/#copper-kettle$/);
  await expect(links.nth(1).locator('.search-hit__heading')).toHaveText('Copper kettle');

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

test('a word that is only in a later paragraph’s running text is found, and lands on the heading of its section', async ({ page }) => {
  await search(page, 'wickerwork');
  await expect(status(page)).toHaveText('1 result.');
  await expect(resultLinks(page)).toHaveCount(1);
  await expect(results(page).first()).toHaveAttribute('href', /\/fixture\/sections\/#copper-kettle$/);
  await expect(results(page).first().locator('.search-hit__heading')).toHaveText('Copper kettle');
  await expect(results(page).first().locator('mark')).toHaveText('wickerwork');
});

test('a word under a sub-heading lands on the sub-heading', async ({ page }) => {
  await search(page, 'reeds');
  await expect(resultLinks(page)).toHaveCount(1);
  await expect(results(page).first()).toHaveAttribute('href', /\/fixture\/sections\/#marsh-heron$/);
  await expect(results(page).first().locator('.search-hit__heading')).toHaveText('Marsh heron');
});

test('the section whose heading names the query comes first, one that only mentions it under it', async ({ page }) => {
  await search(page, 'marsh heron');
  await expect(resultLinks(page)).toHaveCount(2);
  await expect(resultLinks(page).nth(0)).toHaveAttribute('href', /#marsh-heron$/);
  await expect(resultLinks(page).nth(1)).toHaveAttribute('href', /#tidal-clock$/);
});

test('a quoted phrase finds the section that holds it exactly, not pages that hold its words apart', async ({ page }) => {
  // Unquoted, the words are on both fixture pages.
  await search(page, 'the tide turns twice');
  await expect(status(page)).toHaveText('2 results.');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('"the tide turns twice"');
  await expect(status(page)).toHaveText('1 result.');
  await expect(resultLinks(page)).toHaveCount(1);
  await expect(results(page).first()).toHaveAttribute('href', /\/fixture\/sections\/#tidal-clock$/);
  await expect(results(page).first().locator('.search-hit__heading')).toHaveText('Tidal clock');
});

test('what only the unmarked (gated) page says, and what a page marks as not for search, is not found', async ({ page }) => {
  await search(page, 'portcullis');
  await expect(status(page)).toHaveText('No results for “portcullis”.');
  for (const query of ['gatekeeper', 'diagramonlyword', 'Obsidian', 'Pondweed']) {
    await page.keyboard.press('Control+A');
    await page.keyboard.type(query);
    await expect(status(page)).toHaveText(`No results for “${query}”.`);
  }
  await expect(resultLinks(page)).toHaveCount(0);
});

test('typed a key at a time, only the query the reader stopped at fetches results; a replaced one fetches no fragment', async ({
  page,
}) => {
  const fragmentOf = (url: string) => `/pagefind/fragment/${fixturePages.find((record) => record.url === url)?.fragment ?? url}`;
  const fragments: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/pagefind/fragment/')) fragments.push(path);
  });
  // The page's clock is the test's: no pause between keys reaches the box's typing pause.
  await page.clock.install();
  await search(page, 'wickerwork');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('quillwort');
  await expect
    .poll(async () => {
      await page.clock.runFor(100);
      return status(page).textContent();
    })
    .toBe('1 result.');
  await expect(results(page).first()).toHaveAttribute('href', /\/#quillwort-meadow$/);
  // "wickerwork" is only on the sections page: its query was replaced before it ran.
  expect(fragments).toEqual([fragmentOf('/')]);
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
  await expect(status(page)).toHaveText('No results for “zzqqxx”.');
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
    // A word on both fixture pages, in several sections of one of them.
    await field(page).fill('fixture');
    await expect(results(page)).toHaveCount(2);
    await expect(page.locator('[data-search-results] .search-hit__more a').first()).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    const overflow = await searchBox(page).evaluate((dialog) => ({
      dialog: dialog.scrollWidth - dialog.clientWidth,
      right: dialog.getBoundingClientRect().right - document.documentElement.clientWidth,
    }));
    expect(overflow.dialog).toBeLessThanOrEqual(0);
    expect(overflow.right).toBeLessThanOrEqual(0);
  });
}

test('without JavaScript the search button leads to /search/: every page of the index, each guide with its sections', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/guides/');
  await page.getByRole('link', { name: 'Search', exact: true }).click();
  await page.waitForURL(/\/search\/$/);
  const hrefs = await page.locator('[data-search-page-list] a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  await context.close();

  const indexed = indexedPages(join(CLIENT_DIR, 'pagefind'));
  expect(indexed.length).toBeGreaterThan(3);
  const pagesListed = hrefs.filter((href) => !href.includes('#'));
  expect([...pagesListed].sort()).toEqual(indexed.map((record) => record.url).sort());
  // Under each guide, its `##` sections: the headings results land on at the top level.
  for (const { url, anchors } of indexed.filter((record) => /^\/guides\/[^/]+\/$/.test(record.url))) {
    const sections = anchors.filter((anchor) => anchor.element === 'h2').map((anchor) => `${url}#${anchor.id}`);
    expect(sections.length, url).toBeGreaterThan(0);
    expect(
      hrefs.filter((href) => href.startsWith(`${url}#`)),
      url,
    ).toEqual(sections);
  }
});

test('nothing of search but the loader is fetched until search is used', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto('/guides/');
  await page.waitForLoadState('load');
  expect(requested.filter((path) => path.startsWith('/pagefind/') || /search-box/.test(path))).toEqual([]);
});
