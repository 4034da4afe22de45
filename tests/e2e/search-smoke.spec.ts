/**
 * Search on each deploy target's own build (the Worker's `dist/client`, the Pages build's
 * `dist-pages`): the index step ran on it, its index holds the public pages only, and a query for
 * a page's title, taken from that build, brings the page up with the keyboard alone. Behaviour in
 * depth is tested on a fixture index (search.spec.ts).
 */
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { builtPublicPages, indexedPages } from '../support/search-index.ts';
import { demoSlugs, PROJECT_ROOT } from '../../scripts/lib/local-site/site-pages.ts';
import { currentTarget } from './targets.ts';

const buildDir = () => join(PROJECT_ROOT, currentTarget() === 'pages' ? 'dist-pages' : join('dist', 'client'));

test('the build’s index holds its public pages and no demo page', async () => {
  const indexedUrls = new Set(indexedPages(join(buildDir(), 'pagefind')).map((record) => record.url.replace(/#.*$/, '')));
  const publicUrls = (await builtPublicPages(buildDir())).map((page) => page.url);
  expect([...indexedUrls].sort()).toEqual([...publicUrls].sort());
  for (const slug of demoSlugs()) expect([...indexedUrls].filter((url) => url.startsWith(`/${slug}/`))).toEqual([]);
});

test('a page’s title, searched with the keyboard alone, brings that page up', async ({ page }) => {
  const pages = await builtPublicPages(buildDir());
  const target = pages.find((candidate) => candidate.url.startsWith('/guides/') && candidate.url !== '/guides/');
  if (!target) throw new Error('no public guide in the build');
  await page.goto('/');
  await page.keyboard.press('/');
  const box = page.getByRole('dialog', { name: 'Search the site' });
  await expect(box.getByRole('searchbox', { name: 'Search the site' })).toBeFocused();
  await page.keyboard.type(target.title);
  const hit = page
    .locator('[data-search-results] a')
    .filter({ has: page.locator('.search-hit__page', { hasText: target.title }) })
    .first();
  await expect(hit).toHaveAttribute('href', new RegExp(`${target.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(#|$)`));
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-search-results] a').first()).toBeFocused();
});
