/**
 * The identity card on the real demo page in Chromium. What the card shows for each answer is
 * unit-tested without a browser (tests/unit/identity-card.test.ts); here it is the page itself.
 */
import { expect, test } from '@playwright/test';
import { answerIdentity, signIn } from './helpers.ts';

test.beforeEach(async ({ page }) => {
  await signIn(page, 'scim-a');
});

const card = (page: import('@playwright/test').Page) => page.locator('access-identity');

test('a member: ready, with identity, groups and data-member="true"', async ({ page }) => {
  await answerIdentity(page, 'member');
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-state', 'ready');
  await expect(card(page)).toHaveAttribute('data-member', 'true');
  await expect(card(page)).toContainText('Jane Doe');
  await expect(card(page)).toContainText('jane@barbicancloud.co.uk');
  await expect(card(page)).toContainText('Microsoft Entra ID');
  await expect(card(page).locator('[data-group]')).toHaveCount(3);
  await expect(card(page).locator('[data-group]').first()).toHaveAttribute('data-group', 'CF-Demo-Group-A');
  await expect(card(page).locator('[data-group="c4d2a1e0-5b6f-4c3d-8e9f-1a2b3c4d5e6f"]')).toContainText('object id');
  await expect(card(page).getByText('You are a member of CF-Demo-Group-A.')).toBeVisible();
});

test('with the real (unintercepted) endpoint under wrangler dev, which has no Access: unprotected', async ({ page }) => {
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-state', 'unprotected');
});

test('get-identity is asked for once, from the HTML, while the card’s script is still loading', async ({ page }) => {
  const identityRequests: number[] = [];
  const scriptsServed: number[] = [];
  await page.route('**/cdn-cgi/access/get-identity', async (route) => {
    identityRequests.push(Date.now());
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ email: 'jane@barbicancloud.co.uk' }) });
  });
  // Hold every script back: only a request the HTML itself starts (the preload) can come first.
  let releaseScripts!: () => void;
  const scriptsHeld = new Promise<void>((resolve) => (releaseScripts = resolve));
  await page.route('**/_astro/*.js', async (route) => {
    await scriptsHeld;
    scriptsServed.push(Date.now());
    await route.continue();
  });
  await page.goto('/scim-a/', { waitUntil: 'commit' });
  await expect.poll(() => identityRequests.length).toBe(1);
  releaseScripts();
  await expect(card(page)).toHaveAttribute('data-state', 'ready');
  expect(identityRequests).toHaveLength(1);
  expect(identityRequests[0]).toBeLessThanOrEqual(Math.min(...scriptsServed));
});
