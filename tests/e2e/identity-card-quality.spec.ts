/**
 * The identity card beyond its states: many groups, time-outs, layout stability, keyboard,
 * accessibility, no-JavaScript, and hostile answers, in real Chromium against the real build.
 */
import AxeBuilder from '@axe-core/playwright';
import fc from 'fast-check';
import { expect, test, type Page } from '@playwright/test';
import { hostileIdentity, thousandsOfGroups } from '../support/hostile-identities.ts';
import { answerIdentity, signIn, tokenFor } from './helpers.ts';
import { ACCESS_HEADER } from '../support/gated-site.ts';

const card = (page: Page) => page.locator('access-identity');

test.beforeEach(async ({ page }) => {
  await signIn(page, 'scim-a');
});

test('300 groups: sorted with the required group first, and a filter box that narrows them', async ({ page }) => {
  await answerIdentity(page, 'many-groups');
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-state', 'ready');
  const groups = card(page).locator('[data-group]');
  await expect(groups).toHaveCount(301);
  await expect(groups.first()).toHaveAttribute('data-group', 'CF-Demo-Group-A');
  await expect(groups.nth(1)).toHaveAttribute('data-group', 'Team 0001');
  const filter = card(page).getByRole('searchbox', { name: 'Filter groups' });
  await filter.fill('team 012');
  await expect(card(page).locator('[data-group]:visible')).toHaveCount(10);
  await expect(card(page).getByText('10 of 301 shown')).toBeVisible();
  await filter.fill('');
  await expect(card(page).locator('[data-group]:visible')).toHaveCount(301);
});

test('5,000 groups: the first 500 at once, the rest on request, and the filter searches them all', async ({ page }) => {
  await page.route('**/cdn-cgi/access/get-identity', (route) => route.fulfill({ json: thousandsOfGroups() }));
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-state', 'ready');
  await expect(card(page).getByRole('heading', { name: 'Groups (5000)' })).toBeVisible();
  await expect(card(page).locator('[data-group]')).toHaveCount(500);
  await expect(card(page).getByText('500 of 5000 shown')).toBeVisible();
  await card(page).getByRole('searchbox', { name: 'Filter groups' }).fill('group 4999');
  await expect(card(page).locator('[data-group]')).toHaveCount(1);
  await expect(card(page).locator('[data-group="Group 4999"]')).toBeVisible();
  await card(page).getByRole('searchbox', { name: 'Filter groups' }).fill('');
  await card(page).getByRole('button', { name: 'Show all 5000 groups' }).click();
  await expect(card(page).locator('[data-group]')).toHaveCount(5000);
  await expect(card(page).getByRole('button', { name: /Show all/ })).toBeHidden();
});

test('few groups: no filter box', async ({ page }) => {
  await answerIdentity(page, 'member');
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-state', 'ready');
  await expect(card(page).getByRole('searchbox')).toHaveCount(0);
});

test('SAML groups from the Microsoft claim URI show as object ids, and the IdP by name', async ({ page }) => {
  await answerIdentity(page, 'saml');
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-member', 'true');
  await expect(card(page)).toContainText('SAML');
  await expect(card(page).locator('[data-group="61503835-b6fe-4630-af88-de551dd59a2a"]')).toContainText('object id');
  await expect(card(page).getByText('Look them up in Entra ID → Groups')).toBeVisible();
});

test('the session time is relative, with the exact time on hover', async ({ page }) => {
  await answerIdentity(page, 'member');
  await page.goto('/scim-a/');
  const time = card(page).locator('time');
  await expect(time).toHaveAttribute('datetime', '2025-11-28T16:00:00.000Z');
  await expect(time).toHaveAttribute('title', 'Fri, 28 Nov 2025 16:00:00 GMT');
  await expect(time).toHaveText(/(ago|last year)$/);
});

test('absent fields say so instead of showing "undefined"', async ({ page }) => {
  await page.route('**/cdn-cgi/access/get-identity', (r) => r.fulfill({ json: { email: 'only@barbicancloud.co.uk' } }));
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-state', 'ready');
  await expect(card(page).locator('.ai-absent').first()).toHaveText('Not provided');
  await expect(card(page)).not.toContainText('undefined');
  await expect(card(page)).not.toContainText('null');
});

test('no answer within 8 seconds: error, with a retry', async ({ page }) => {
  await page.clock.install();
  await page.route('**/cdn-cgi/access/get-identity', () => {
    /* never answered */
  });
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-state', 'loading');
  await page.clock.runFor(8100);
  await expect(card(page)).toHaveAttribute('data-state', 'error');
  await expect(card(page)).toContainText('no answer within 8 seconds');
  await expect(card(page).getByRole('button', { name: 'Try again' })).toBeVisible();
});

test('the fetch asks for JSON, same-origin credentials, no cache, and a 401 rather than a redirect', async ({ page }) => {
  const seen = new Promise<Record<string, string>>((resolve) =>
    page.route('**/cdn-cgi/access/get-identity', (route) => {
      resolve(route.request().headers());
      void route.fulfill({ json: { email: 'a@b.c' } });
    }),
  );
  await page.goto('/scim-a/');
  const headers = await seen;
  expect(headers['x-requested-with']).toBe('XMLHttpRequest');
  expect(headers['accept']).toBe('application/json');
});

test('loading → ready causes no layout shift', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { cls: number }).cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!entry.hadRecentInput) (window as unknown as { cls: number }).cls += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.route('**/cdn-cgi/access/get-identity', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 600));
    await route.fulfill({ json: (await import('../../src/dev/personas/index.ts')).fixtures['many-groups'].body as object });
  });
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-state', 'ready');
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { cls: number }).cls)).toBe(0);
});

test('keyboard: refresh, the raw answer and its copy button all work without a mouse', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  let calls = 0;
  await page.route('**/cdn-cgi/access/get-identity', (route) => {
    calls++;
    return route.fulfill({ json: { email: 'jane@barbicancloud.co.uk', name: `Call ${calls}`, groups: ['CF-Demo-Group-A'] } });
  });
  await page.goto('/scim-a/');
  await expect(card(page)).toContainText('Call 1');
  await card(page).getByRole('button', { name: 'Refresh' }).focus();
  await page.keyboard.press('Enter');
  await expect(card(page)).toContainText('Call 2');
  await card(page).locator('summary', { hasText: 'Raw answer' }).focus();
  await page.keyboard.press('Enter');
  await expect(card(page).locator('.ai-raw pre')).toBeVisible();
  await card(page).getByRole('button', { name: 'Copy JSON' }).focus();
  await page.keyboard.press('Enter');
  await expect(card(page).getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(JSON.parse(copied)).toEqual({ email: 'jane@barbicancloud.co.uk', name: 'Call 2', groups: ['CF-Demo-Group-A'] });
  await expect(card(page).getByRole('link', { name: 'Sign out' })).toHaveAttribute('href', '/cdn-cgi/access/logout');
});

test('copying the raw answer where the Clipboard API is missing says so, then offers the copy again', async ({ page }) => {
  // As in an insecure context: no navigator.clipboard at all.
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  await answerIdentity(page, 'member');
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-state', 'ready');
  await card(page).locator('summary', { hasText: 'Raw answer' }).click();
  await card(page).getByRole('button', { name: 'Copy JSON' }).click();
  await expect(card(page).getByRole('button', { name: 'Copy failed' })).toBeVisible();
  await expect(card(page).getByRole('button', { name: 'Copy JSON' })).toBeVisible({ timeout: 5000 });
  await expect(card(page)).toHaveAttribute('data-state', 'ready');
});

test('the state change is announced in a live region', async ({ page }) => {
  await answerIdentity(page, 'non-member');
  await page.goto('/scim-a/');
  const status = card(page).getByRole('status');
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expect(status).toHaveText('Signed in through Cloudflare Access.');
  await expect(card(page)).toHaveAttribute('aria-busy', 'false');
});

for (const scheme of ['light', 'dark'] as const) {
  for (const persona of ['member', 'non-member', 'many-groups', 'signed-out', 'error'] as const) {
    test(`axe finds no violations: ${persona}, ${scheme} scheme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await answerIdentity(page, persona);
      await page.goto('/scim-a/');
      await expect(card(page)).not.toHaveAttribute('data-state', 'loading');
      const results = await new AxeBuilder({ page }).include('access-identity').withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
}

test('without JavaScript the served card carries a <noscript> way to the raw answer', async ({ request }) => {
  // Chromium's emulation cannot turn the HTML parser's scripting flag off, so <noscript> is
  // checked in the served HTML; its rendering is the browser's own business.
  const served = await request.get('/scim-a/', { headers: { [ACCESS_HEADER]: await tokenFor('scim-a') } });
  const body = await served.text();
  expect(body).toMatch(/<noscript>\s*<p class="ai-message"[^>]*>\s*The identity card needs JavaScript, which is off\.[\s\S]*<a href="\/cdn-cgi\/access\/get-identity"[^>]*>open \/cdn-cgi\/access\/get-identity<\/a>[\s\S]*<\/noscript>/);
});

test('when the script never arrives, the card says so after a few seconds', async ({ page }) => {
  await answerIdentity(page, 'member');
  await page.route('**/_astro/IdentityCard*.js', (route) => route.abort());
  await page.goto('/scim-a/');
  const late = page.getByText('The identity card’s script has not arrived.');
  await expect(late).toBeHidden();
  await expect(late).toBeVisible({ timeout: 8000 });
  await expect(page.locator('access-identity')).toHaveAttribute('data-state', 'loading');
});

test('when the script arrives late, the card still comes alive', async ({ page }) => {
  await answerIdentity(page, 'member');
  await page.route('**/_astro/IdentityCard*.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.goto('/scim-a/');
  await expect(page.locator('access-identity')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByText('The identity card’s script has not arrived.')).toBeHidden();
});

test('hostile answers render as text: no element, attribute or script is injected', async ({ page }) => {
  test.setTimeout(120_000);
  let next = JSON.stringify({ email: 'first@barbicancloud.co.uk' });
  await page.route('**/cdn-cgi/access/get-identity', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: next }));
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-state', 'ready');
  const allowed = await page.evaluate(() => {
    // Every tag and attribute the card's own templates can produce.
    const tags = new Set<string>();
    const attributes = new Set<string>(['data-group', 'data-required', 'hidden', 'class', 'datetime', 'title']);
    for (const template of document.querySelectorAll('access-identity template')) {
      for (const element of (template as HTMLTemplateElement).content.querySelectorAll('*')) {
        tags.add(element.tagName);
        for (const attribute of element.attributes) attributes.add(attribute.name);
      }
    }
    tags.add('TIME');
    return { tags: [...tags], attributes: [...attributes] };
  });
  await fc.assert(
    fc.asyncProperty(hostileIdentity(), async (identity) => {
      next = JSON.stringify(identity);
      const result = await page.evaluate(async ({ tags, attributes }) => {
        const element = document.querySelector('access-identity') as HTMLElement & { refresh(): Promise<void> };
        await element.refresh();
        const body = element.querySelector('[data-slot="body"]') as HTMLElement;
        const problems: string[] = [];
        for (const node of body.querySelectorAll('*')) {
          if (!tags.includes(node.tagName)) problems.push(`tag ${node.tagName}`);
          for (const attribute of node.attributes) {
            if (!attributes.includes(attribute.name)) problems.push(`attribute ${attribute.name}`);
          }
        }
        if ((window as unknown as { __pwned?: number }).__pwned) problems.push('script ran');
        return { state: element.dataset['state'], problems };
      }, allowed);
      expect(result.problems).toEqual([]);
      expect(['ready', 'error']).toContain(result.state);
    }),
    { numRuns: 40 },
  );
  next = JSON.stringify(thousandsOfGroups());
  const state = await page.evaluate(async () => {
    const element = document.querySelector('access-identity') as HTMLElement & { refresh(): Promise<void> };
    await element.refresh();
    return { state: element.dataset['state'], groups: element.querySelectorAll('[data-group]').length, pwned: (window as unknown as { __pwned?: number }).__pwned };
  });
  expect(state).toEqual({ state: 'ready', groups: 500, pwned: undefined });
});
