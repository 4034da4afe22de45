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

test('a non-member: ready with data-member="false" and the verdict in words', async ({ page }) => {
  await answerIdentity(page, 'non-member');
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-state', 'ready');
  await expect(card(page)).toHaveAttribute('data-member', 'false');
  await expect(card(page).getByText('You are not a member of CF-Demo-Group-A.')).toBeVisible();
});

test('a server error: error state with a retry that recovers', async ({ page }) => {
  let calls = 0;
  await page.route('**/cdn-cgi/access/get-identity', (route) => {
    calls++;
    return calls === 1
      ? route.fulfill({ status: 502, contentType: 'text/html', body: 'Bad gateway' })
      : route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ email: 'jane@barbicancloud.co.uk', groups: ['CF-Demo-Group-A'] }) });
  });
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-state', 'error');
  await expect(card(page)).not.toHaveAttribute('data-member');
  await card(page).getByRole('button', { name: 'Try again' }).click();
  await expect(card(page)).toHaveAttribute('data-state', 'ready');
  await expect(card(page)).toHaveAttribute('data-member', 'true');
});

test('a network failure: error state', async ({ page }) => {
  await page.route('**/cdn-cgi/access/get-identity', (route) => route.abort('connectionrefused'));
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-state', 'error');
  await expect(card(page)).toContainText('Your identity could not be loaded: the network request failed.');
});

test('malformed JSON: error state, nothing rendered from it', async ({ page }) => {
  await answerIdentity(page, 'malformed');
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-state', 'error');
  await expect(card(page)).toContainText('the answer was not valid JSON');
});

test('no Access session: signed-out with a sign-in link', async ({ page }) => {
  await answerIdentity(page, 'signed-out');
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-state', 'signed-out');
  await expect(card(page).getByRole('link', { name: 'Sign in with Cloudflare Access' })).toBeVisible();
});

test('not behind Access: unprotected', async ({ page }) => {
  await answerIdentity(page, 'unprotected');
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-state', 'unprotected');
});

test('with the real (unintercepted) endpoint under wrangler dev, which has no Access: unprotected', async ({ page }) => {
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-state', 'unprotected');
});
