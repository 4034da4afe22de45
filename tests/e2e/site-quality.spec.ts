/**
 * Every page, in Chromium against the real build, from one load each (the checks share the page,
 * in order): it renders with its metadata and no console errors, the sidebar marks it, it stays
 * within the font-style budget and makes no third-party request; axe finds nothing in the light
 * and the dark colour scheme (switched with emulateMedia), and its diagrams follow the scheme;
 * diagram frames are their drawing's size and nothing shifts while it scrolls; it fits a 320 px
 * screen; the personalise form fills its placeholders; every internal link and #anchor resolves.
 * A demo page, signed in, also shows the parts every demo page has, whatever its guide says.
 * The reading features' behaviour in depth is tested once per page template (docs-features.spec.ts).
 */
import { devices, expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { axeViolations, countLayoutShifts, layoutShifts, openAsMember, tokenFor } from './helpers.ts';
import { BUDGETS } from './budgets.ts';
import { discoverPages as sitePages } from '../../scripts/lib/local-site/site-pages.ts';
import { ACCESS_HEADER } from '../../scripts/lib/local-site/gated-site.ts';
import { REQUIRED_DEMO_SECTIONS } from '../../src/schemas/demo.ts';

const pages = sitePages();

/** Pages with the reading features: demo pages and guides (not the home, index or tool pages). */
const isDocPage = (path: string, demo?: string) => Boolean(demo) || /^\/guides\/[^/]+\/$/.test(path);

test('the site has its pages', () => {
  expect(pages.map((p) => p.path)).toEqual(expect.arrayContaining(['/', '/guides/', '/scim-a/']));
});

test('the icons the pages link are PNGs of the size they declare (no SVG icon to decode as a document)', async ({ request }) => {
  for (const [path, size] of [
    ['/favicon.png', 32],
    ['/apple-touch-icon.png', 180],
  ] as const) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type'], path).toBe('image/png');
    const png = await response.body();
    // The PNG signature, then the IHDR chunk: width and height as 32-bit big-endian at bytes 16 and 20.
    expect(png.subarray(1, 4).toString('latin1'), path).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)], path).toEqual([size, size]);
  }
});

test('the axe check finds violations where there are some (its own fixture, not a page of the site)', async ({ page }) => {
  await page.setContent('<!doctype html><html><body><img src="data:,"><button></button></body></html>');
  const found = await axeViolations(page);
  expect(found.map((line) => line.split(' ')[0])).toEqual(expect.arrayContaining(['image-alt', 'button-name', 'html-has-lang']));
});

/** Resolves after the next two frames: what a change of layout needs to be painted and measured. */
const nextFrames = (page: Page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

const sideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Each diagram's label colour as drawn now (its visible drawing: both variants may be inlined). */
const diagramColours = (page: Page) =>
  page.locator('figure.diagram').evaluateAll((figures) =>
    figures.map((figure) => {
      const label = [...figure.querySelectorAll('svg text, svg foreignObject span')].find((node) => node.closest('svg')?.checkVisibility());
      return label ? getComputedStyle(label).color + getComputedStyle(label).fill : '';
    }),
  );

/** Each diagram has one visible inline drawing, with a title. */
async function expectTitledDrawings(page: Page, where: string): Promise<void> {
  for (const figure of await page.locator('figure.diagram').all()) {
    await expect(figure.locator('svg:visible'), where).toHaveCount(1);
    await expect(figure.locator('svg:visible > title'), where).toHaveText(/\S/);
  }
}

/** Every sized diagram frame, scrolled into view, has its drawing's exact size (within a pixel). */
async function expectFramesFitDrawings(page: Page, where: string): Promise<void> {
  for (const frame of await page.locator('.diagram-variant--sized:visible').all()) {
    await frame.scrollIntoViewIfNeeded();
    await nextFrames(page);
    const [frameBox, svgBox] = await Promise.all([frame.boundingBox(), frame.locator('svg').boundingBox()]);
    expect(Math.abs((frameBox?.height ?? 0) - (svgBox?.height ?? -10)), `${where}: frame and drawing heights differ`).toBeLessThanOrEqual(
      1,
    );
    expect(Math.abs((frameBox?.width ?? 0) - (svgBox?.width ?? -10)), `${where}: frame and drawing widths differ`).toBeLessThanOrEqual(1);
  }
}

/** The ids in each page's HTML, by path, fetched once per worker for every page that links there. */
const idsByTarget = new Map<string, Set<string>>();

async function idsOf(request: APIRequestContext, target: string, linkedFrom: string): Promise<Set<string>> {
  const known = idsByTarget.get(target);
  if (known) return known;
  const slug = pages.find((p) => p.path === target)?.demoSlug;
  const headers: Record<string, string> = slug ? { [ACCESS_HEADER]: await tokenFor(slug) } : {};
  const response = await request.get(target, { headers });
  expect(response.status(), `${target} (linked from ${linkedFrom})`).toBe(200);
  const ids = new Set([...(await response.text()).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? ''));
  idsByTarget.set(target, ids);
  return ids;
}

for (const { path, demoSlug: demo } of pages) {
  test.describe.serial(path, () => {
    let context: BrowserContext;
    let page: Page;
    const errors: string[] = [];
    const requests: { url: string; type: string }[] = [];

    test.beforeAll(async ({ browser }: { browser: Browser }) => {
      // A context of its own (axe needs one), kept for all the checks below: one load of the page.
      const { baseURL } = test.info().project.use;
      context = await browser.newContext({ ...devices['Desktop Chrome'], ...(baseURL ? { baseURL } : {}) });
      page = await context.newPage();
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('request', (r) => requests.push({ url: r.url(), type: r.resourceType() }));
      const response = await openAsMember(page, path, demo);
      expect(response?.status()).toBe(200);
      // The card in its ready state: what a signed-in visitor sees, and what the checks below judge.
      if (demo) await expect(page.locator('access-identity')).toHaveAttribute('data-state', 'ready');
    });
    test.afterAll(async () => {
      await context?.close();
    });

    test('renders with title, description, Open Graph, icons and one h1; no console errors; no word runs into the element after it; the sidebar marks it', async () => {
      await expect(page).toHaveTitle(/\S/);
      await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /\S{10,}/);
      await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /\S/);
      await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/favicon.png');
      await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute('href', '/apple-touch-icon.png');
      await expect(page.locator('h1')).toHaveCount(1);
      expect(errors).toEqual([]);
      // A space lost where a line of markup ends in a word and the next starts with an element.
      const joined = await page.evaluate(() => {
        const roots: ParentNode[] = [document.body, ...[...document.querySelectorAll('template')].map((t) => t.content)];
        return roots.flatMap((root) =>
          [...root.querySelectorAll('a, code, strong, em, kbd')].flatMap((element) => {
            const before = element.previousSibling;
            return before?.nodeType === Node.TEXT_NODE && /[\p{L}\p{N},;:]$/u.test(before.textContent ?? '')
              ? [`${(before.textContent ?? '').slice(-20)}<${element.localName}>${(element.textContent ?? '').slice(0, 20)}`]
              : [];
          }),
        );
      });
      expect(joined).toEqual([]);

      // The sidebar's own order: this page marked, previous/next its neighbours there.
      const order = await page
        .locator('.site-sidebar')
        .getByRole('navigation', { name: 'All pages' })
        .locator('a')
        .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      if (order.includes(path)) {
        const current = page.locator('.site-sidebar a[aria-current="page"]');
        await expect(current).toHaveCount(1);
        expect(new URL(await current.evaluate((a) => (a as HTMLAnchorElement).href)).pathname).toBe(path);
        const index = order.indexOf(path);
        const pager = page.getByRole('navigation', { name: 'Previous and next pages' });
        const expected = { prev: order[index - 1], next: order[index + 1] };
        for (const rel of ['prev', 'next'] as const) {
          const link = pager.locator(`a[rel="${rel}"]`);
          if (expected[rel]) expect(new URL(await link.evaluate((a) => (a as HTMLAnchorElement).href)).pathname, rel).toBe(expected[rel]);
          else await expect(link, rel).toHaveCount(0);
        }
      } else {
        await expect(page.locator('.site-sidebar a[aria-current="page"]')).toHaveCount(0);
      }
    });

    test('at load: text in no more font styles than the type scale allows, no web font, no third-party request', async () => {
      const styles = await page.evaluate(() => {
        const found = new Set<string>();
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const element = node.parentElement;
          // Text in skipped sections, closed <details> and the like is not laid out yet.
          if (!element || !node.textContent?.trim() || !element.checkVisibility({ contentVisibilityAuto: true })) continue;
          const style = getComputedStyle(element);
          found.add(`${style.fontFamily.split(',')[0]} ${style.fontSize} ${style.fontWeight} ${style.fontStyle}`);
        }
        return [...found].sort();
      });
      test.info().annotations.push({ type: 'font styles', description: `${path}: ${styles.length} (${styles.join('; ')})` });
      expect(styles.length, styles.join('; ')).toBeLessThanOrEqual(BUDGETS.fontStylesAtLoad);
      expect(await page.evaluate(() => document.fonts.size), 'declared web fonts').toBe(0);
      expect(requests.filter((r) => r.type === 'font')).toEqual([]);
      const outside = requests.filter((r) => {
        const url = new URL(r.url);
        return !['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:';
      });
      expect(outside).toEqual([]);
    });

    if (isDocPage(path, demo)) {
      test('at load: sections off screen are skipped, the last one is laid out', async () => {
        const sections = page.locator('article > .doc-section');
        const count = await sections.count();
        expect(count, 'no sections').toBeGreaterThan(2);
        // The browser lays out only what is near the viewport (the reason for the sections), but
        // always the last section, so that the page's end is where it will stay.
        const rendered = (n: number) =>
          sections
            .nth(n)
            .locator('h2')
            .evaluate((node) => node.checkVisibility({ contentVisibilityAuto: true }));
        expect(await rendered(count - 2), 'the section before the last is laid out at load').toBe(false);
        expect(await rendered(count - 1), 'the last section is skipped at load').toBe(true);
      });
    }

    if (demo) {
      test('the gated page: its header, the card, the sections every demo page has, an inline diagram and no mermaid script, its routes', async () => {
        await expect(page.getByRole('link', { name: '← Barbican Identity Demo' })).toHaveAttribute('href', '/');
        await expect(page.locator('.gate-line')).toContainText('Who may enter:');
        await expect(page.locator('.verified')).toContainText('Signed in as');
        await expect(page.locator('access-identity')).toHaveAttribute('data-state', 'ready');
        const h2 = (await page.locator('article h2').allTextContents()).map((t) => t.trim().toLowerCase());
        for (const section of ['your identity', ...REQUIRED_DEMO_SECTIONS.map((s) => s.toLowerCase()), 'routing'])
          expect(h2, `lacks "${section}"`).toContain(section);
        await expect(page.locator('figure.diagram svg:visible').first()).toBeAttached();
        expect(requests.filter((r) => r.type === 'script' && /mermaid/i.test(r.url))).toEqual([]);
        await expect(page.locator('[data-route="path"]')).toHaveText(`barbicancloud.co.uk/${demo}/`);
        await expect(page.locator('[data-route="subdomain"]')).toHaveText(`${demo}.barbicancloud.co.uk`);
      });
    }

    const guideOf = pages.find((p) => p.demoSlug && path === `/guides/${p.demoSlug}/`)?.demoSlug;
    if (guideOf) {
      test('the demo’s public guide: the sections every demo page has, and the way to the live demo with who may enter', async () => {
        const h2 = (await page.locator('article h2').allTextContents()).map((t) => t.trim().toLowerCase());
        for (const section of [...REQUIRED_DEMO_SECTIONS.map((s) => s.toLowerCase()), 'routing'])
          expect(h2, `lacks "${section}"`).toContain(section);
        const live = page.getByRole('complementary', { name: 'Live demo' });
        await expect(live.getByRole('link', { name: `/${guideOf}/` })).toHaveAttribute('href', `/${guideOf}/`);
        await expect(live).toContainText(/See it live: \/[a-z0-9-]+\/ \((members of \S+|any signed-in user)/);
      });
    }

    test('diagram frames are their drawing’s exact size, and nothing shifts as skipped diagrams and sections come into view', async () => {
      // On a fresh load: the checks before this one read every node of the page (axe, the links,
      // the sections), which lays out skipped sections in ways a reader's browser never would.
      // This is the page as a reader scrolls it. Count layout shifts from here on: scrolling is
      // not input, so any shift would count.
      await page.reload();
      await nextFrames(page);
      await countLayoutShifts(page);
      await expectFramesFitDrawings(page, '1280 px');
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await nextFrames(page);
      expect(await layoutShifts(page), 'layout shifted while scrolling').toBe(0);
    });

    test('axe: no violations in the light and the dark colour scheme, and diagrams are drawn in each scheme’s colours', async () => {
      await expectTitledDrawings(page, 'light');
      const light = await diagramColours(page);
      expect(await axeViolations(page), 'light').toEqual([]);
      await page.emulateMedia({ colorScheme: 'dark' });
      await expectTitledDrawings(page, 'dark');
      const dark = await diagramColours(page);
      expect(dark).toHaveLength(light.length);
      light.forEach((colour, i) => expect(dark[i], `diagram ${i + 1} keeps its light colours in the dark scheme`).not.toBe(colour));
      expect(await axeViolations(page), 'dark').toEqual([]);
      await page.emulateMedia({ colorScheme: 'light' });
    });

    test('fits a 320 px wide screen without sideways scrolling, its diagram frames still their drawing’s size, no word in a table or page card cut', async () => {
      await page.setViewportSize({ width: 320, height: 640 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await nextFrames(page);
      expect(await sideScroll(page)).toBeLessThanOrEqual(0);
      await expectFramesFitDrawings(page, '320 px');
      expect(await sideScroll(page), 'after scrolling through').toBeLessThanOrEqual(0);
      // Table cells and the page cards keep their words whole: a narrow table scrolls instead.
      const cut = await page.evaluate(() =>
        [...document.querySelectorAll('th, td, .page-nav__link')].flatMap((box) => {
          const found: string[] = [];
          const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode())
            for (const word of (node.textContent ?? '').matchAll(/[^\s/\-–—]+/g)) {
              const range = document.createRange();
              range.setStart(node, word.index);
              range.setEnd(node, word.index + word[0].length);
              const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
              if (lines.size > 1) found.push(word[0]);
            }
          return found;
        }),
      );
      expect(cut, 'words cut across lines').toEqual([]);
    });

    if (isDocPage(path, demo)) {
      test('the personalise form shows the reader’s team and domain in every placeholder, and Clear brings the defaults back', async () => {
        await page.locator('summary', { hasText: 'Show my team name and domain in the commands' }).click();
        await page.getByLabel(/Team name/).fill('barbican');
        await page.getByLabel(/Domain/).fill('example.co.uk');
        for (const text of await page.locator('.ph').allTextContents()) expect(['barbican', 'example.co.uk']).toContain(text);
        await page.getByRole('button', { name: 'Clear' }).click();
        for (const text of await page.locator('.ph').allTextContents()) expect(text).toMatch(/^<your-(team|domain)>$/);
      });
    }

    test('every internal link and #anchor resolves', async ({ request }) => {
      const origin = new URL(page.url()).origin;
      const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
      const internal = [...new Set(hrefs)].filter((href) => href.startsWith(origin) && !href.includes('/cdn-cgi/'));
      expect(internal.length).toBeGreaterThan(0);
      for (const href of internal) {
        const url = new URL(href);
        const ids = await idsOf(request, url.pathname, path);
        if (url.hash) expect(ids.has(decodeURIComponent(url.hash.slice(1))), `${href} (linked from ${path})`).toBe(true);
      }
    });
  });
}
