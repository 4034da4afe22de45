/**
 * Every page, in Chromium against the real build: it renders with its metadata, has no console
 * errors, passes axe in both colour schemes, fits a 320 px screen, and every internal link and
 * #anchor on it resolves.
 */
import { expect, test, type Page } from '@playwright/test';
import { axeViolations, tokenFor, openAsMember } from './helpers.ts';
import { discoverPages as sitePages } from '../../scripts/lib/local-site/site-pages.ts';
import { ACCESS_HEADER } from '../../scripts/lib/local-site/gated-site.ts';

const pages = sitePages();

async function open(page: Page, path: string, demo?: string) {
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  const response = await openAsMember(page, path, demo);
  return { response, errors };
}

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

for (const { path, demoSlug: demo } of pages) {
  test.describe(path, () => {
    test('renders with title, description, Open Graph, one h1, and no console errors', async ({ page }) => {
      const { response, errors } = await open(page, path, demo);
      expect(response?.status()).toBe(200);
      await expect(page).toHaveTitle(/\S/);
      await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /\S{10,}/);
      await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /\S/);
      await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/favicon.png');
      await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute('href', '/apple-touch-icon.png');
      await expect(page.locator('h1')).toHaveCount(1);
      if (demo) await expect(page.locator('access-identity')).toHaveAttribute('data-state', 'ready');
      expect(errors).toEqual([]);
    });

    for (const scheme of ['light', 'dark'] as const) {
      test(`axe: no violations (${scheme})`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme });
        await open(page, path, demo);
        if (demo) await expect(page.locator('access-identity')).toHaveAttribute('data-state', 'ready');
        expect(await axeViolations(page)).toEqual([]);
      });
    }

    test('fits a 320 px wide screen without sideways scrolling', async ({ page }) => {
      await page.setViewportSize({ width: 320, height: 640 });
      await open(page, path, demo);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });

    test('every internal link and #anchor resolves', async ({ page, request }) => {
      await open(page, path, demo);
      const origin = new URL(page.url()).origin;
      const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
      const internal = [...new Set(hrefs)].filter((href) => href.startsWith(origin) && !href.includes('/cdn-cgi/'));
      expect(internal.length).toBeGreaterThan(0);
      const checked = new Map<string, Set<string>>();
      for (const href of internal) {
        const url = new URL(href);
        const target = url.pathname;
        let ids = checked.get(target);
        if (!ids) {
          const slug = pages.find((p) => p.path === target)?.demoSlug;
          const headers: Record<string, string> = slug ? { [ACCESS_HEADER]: await tokenFor(slug) } : {};
          const response = await request.get(target, { headers });
          expect(response.status(), `${href} (linked from ${path})`).toBe(200);
          const html = await response.text();
          ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? ''));
          checked.set(target, ids);
        }
        if (url.hash) expect(ids.has(decodeURIComponent(url.hash.slice(1))), `${href} (linked from ${path})`).toBe(true);
      }
    });
  });
}
