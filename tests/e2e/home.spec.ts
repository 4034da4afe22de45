import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const demoFiles = readdirSync(new URL('../../content/demos/', import.meta.url)).filter((f) => f.endsWith('.mdx'));

test('the home page introduces the demo and lists every demo with its gate and routes', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle('Barbican Identity Demo');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Barbican Identity Demo');
  const cards = page.locator('[data-demo]');
  await expect(cards).toHaveCount(demoFiles.length);
  const scim = page.locator('[data-demo="scim-a"]');
  await expect(scim).toContainText('SCIM');
  await expect(scim.getByRole('link', { name: 'Group A' })).toHaveAttribute('href', '/scim-a/');
  await expect(scim).toContainText('Members of CF-Demo-Group-A');
  await expect(scim).toContainText('barbicancloud.co.uk/scim-a/');
  await expect(scim).toContainText('scim-a.barbicancloud.co.uk');
});

test('the home page ships no JavaScript but the search loader', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await page.goto('/');
  await page.waitForLoadState('load');
  // The header's search button: a link without JavaScript, the search box with it (budgets.spec.ts).
  expect(await page.locator('script').count()).toBe(1);
  expect(scripts).toEqual([expect.stringMatching(/^\/_astro\/SearchButton\.astro_astro_type_script_index_0_lang\.[\w-]+\.js$/)]);
});

test('an unknown page answers 404 with the site 404 page', async ({ page }) => {
  const response = await page.goto('/no-such-page/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});
