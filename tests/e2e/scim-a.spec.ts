import { expect, test } from '@playwright/test';
import { answerIdentity, signIn } from './helpers.ts';

test.beforeEach(async ({ page }) => {
  await signIn(page, 'scim-a');
  await answerIdentity(page, 'member');
});

test('carries every part of the original page', async ({ page }) => {
  const response = await page.goto('/scim-a/');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('link', { name: '← Barbican Identity Demo' })).toHaveAttribute('href', '/');
  await expect(page.locator('.kicker')).toHaveText('SCIM');
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toContainText('Group A');
  await expect(h1).toContainText('Restricted');
  await expect(page.locator('.lead')).toHaveText(
    'Access gated by Entra group membership, synchronised to Cloudflare via SCIM provisioning.',
  );
  for (const heading of ['Your Identity', 'How This Works', 'Entra Configuration', 'Cloudflare Configuration', 'Routing']) {
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  }
  for (const heading of ['1. Create the Group', '2. Enterprise Application — SCIM Provisioning', '1. Generate the SCIM endpoint and secret', '2. Add Access Application']) {
    await expect(page.getByRole('heading', { level: 3, name: heading })).toBeVisible();
  }
  await expect(page.getByText('CF Access — /cdn-cgi/access/get-identity')).toBeVisible();
  await expect(page.getByText('Key distinction:')).toBeVisible();
  // Both Entra procedures and both Cloudflare procedures are numbered lists with their steps.
  const lists = page.locator('article ol');
  await expect(lists).toHaveCount(4);
  await expect(lists.nth(0).locator('> li')).toHaveCount(2);
  await expect(lists.nth(1).locator('> li')).toHaveCount(8);
  await expect(lists.nth(2).locator('> li')).toHaveCount(3);
  await expect(lists.nth(3).locator('> li')).toHaveCount(3);
  await expect(page.locator('[data-route="path"]')).toHaveText('barbicancloud.co.uk/scim-a/');
  await expect(page.locator('[data-route="subdomain"]')).toHaveText('scim-a.barbicancloud.co.uk');
});

test('states the current SCIM facts where the original page is out of date, with sources', async ({ page }) => {
  await page.goto('/scim-a/');
  const article = page.locator('article');
  await expect(article).toContainText('/populations/<identity-provider-id>/scim/v2');
  await expect(article).toContainText('own enterprise application, separate from the one used for sign-in');
  await expect(article).toContainText('Integrations → Identity providers');
  await expect(article.locator('a[href*="developers.cloudflare.com/cloudflare-one/integrations/identity-providers/entra-id"]').first()).toBeVisible();
});

test('the diagram is an inline SVG with an accessible title, and no mermaid script is loaded', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
  await page.goto('/scim-a/');
  const svg = page.locator('figure.diagram svg');
  await expect(svg).toBeVisible();
  await expect(svg.locator('title')).toHaveText('How an SCIM-provisioned Entra group gates this page');
  expect(scripts.some((url) => /mermaid/i.test(url))).toBe(false);
});

test('in a dark colour scheme the diagram is drawn in dark colours', async ({ page }) => {
  const actorFill = () => page.locator('figure.diagram svg rect.actor').first().evaluate((rect) => getComputedStyle(rect).fill);
  await page.goto('/scim-a/');
  const light = await actorFill();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('figure.diagram svg')).toBeVisible();
  expect(await actorFill()).not.toBe(light);
});
