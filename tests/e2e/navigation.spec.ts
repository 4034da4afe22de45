/**
 * The sidebar: every page by group, beside the page on a wide screen and folded into the header on
 * a narrow one, without JavaScript. That each page marks itself in it and links its neighbours as
 * previous/next is checked on each page's one load (site-quality.spec.ts).
 */
import { expect, test, type Page } from '@playwright/test';
import { tokenFor } from './helpers.ts';
import { AUDIENCES } from '../support/e2e-env.ts';
import { ACCESS_HEADER } from '../../scripts/lib/local-site/gated-site.ts';
import { demoSlugs, discoverPages } from '../../scripts/lib/local-site/site-pages.ts';

const pages = discoverPages();
const sidebar = (page: Page) => page.locator('.site-sidebar').getByRole('navigation', { name: 'All pages' });

/** The sidebar's links in order, as paths. */
async function sidebarOrder(page: Page): Promise<string[]> {
  return sidebar(page)
    .locator('a')
    .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

test('the sidebar lists the demos, then every public guide, with each demo and its guide', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await expect(sidebar(page)).toBeVisible();
  const groups = await sidebar(page)
    .locator('[data-nav-group]')
    .evaluateAll((items) => items.map((li) => li.getAttribute('data-nav-group')));
  expect(groups.slice(0, 2)).toEqual(['Demos', 'Guides']);
  const order = await sidebarOrder(page);
  const guides = pages.filter((p) => /^\/guides\/[^/]+\/$/.test(p.path)).map((p) => p.path);
  // Every demo and every guide, once each (the Tools group may add pages of its own).
  expect(order).toEqual(expect.arrayContaining([...demoSlugs().map((slug) => `/${slug}/`), ...guides]));
  expect(order).toHaveLength(new Set(order).size);
  const demoGroup = await sidebar(page)
    .locator('[data-nav-group="Demos"] a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(demoGroup.sort()).toEqual(
    demoSlugs()
      .map((slug) => `/${slug}/`)
      .sort(),
  );
});

test('on a narrow screen the list folds into the header and opens without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await page.goto('/guides/');
  await expect(sidebar(page)).toBeHidden();
  const fold = page.locator('header details');
  const list = fold.getByRole('navigation', { name: 'All pages' });
  await expect(list).toBeHidden();
  await fold.locator('summary').click();
  await expect(list).toBeVisible();
  await expect(list.locator('a').first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});

test('a demo page on its own subdomain links the sidebar to the site, its own entry marked', async ({ request }) => {
  const [slug = ''] = demoSlugs();
  const token = await tokenFor(slug, { audience: AUDIENCES[slug]?.[1] ?? '' });
  const response = await request.get('/', { headers: { Host: `${slug}.barbicancloud.co.uk`, [ACCESS_HEADER]: token } });
  expect(response.status()).toBe(200);
  const html = await response.text();
  const aside = html.slice(
    html.indexOf('<aside class="site-sidebar"'),
    html.indexOf('</aside>', html.indexOf('<aside class="site-sidebar"')),
  );
  const links = [...aside.matchAll(/<a href="([^"]+)"( aria-current="page")?/g)].map((m) => ({ href: m[1] ?? '', current: Boolean(m[2]) }));
  expect(links.length).toBeGreaterThan(demoSlugs().length);
  for (const { href } of links) expect(href).toMatch(/^https:\/\/barbicancloud\.co\.uk\//);
  expect(links.filter((link) => link.current).map((link) => link.href)).toEqual([`https://barbicancloud.co.uk/${slug}/`]);
});
