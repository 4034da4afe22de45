/**
 * The identity card where only a real browser can tell: layout stability, keyboard, clipboard,
 * accessibility, no-JavaScript and a late or missing script, and hostile answers, in Chromium
 * against the real build. Its states, groups and values are unit-tested
 * (tests/unit/identity-card.test.ts).
 */
import fc from 'fast-check';
import { expect, test, type Page } from '@playwright/test';
import { hostileIdentity, thousandsOfGroups } from '../support/hostile-identities.ts';
import { answerIdentity, axeViolations, signIn, tokenFor } from './helpers.ts';
import { fixtureBody, fixtures, type PersonaName } from '../../src/dev/personas/index.ts';
import { ACCESS_HEADER } from '../../scripts/lib/local-site/gated-site.ts';

const card = (page: Page) => page.locator('access-identity');

test.beforeEach(async ({ page }) => {
  await signIn(page, 'scim-a');
});

/** Resolves after the next two frames: a change of layout is then painted and measured. */
const nextFrames = (page: Page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** Answers get-identity only when the returned function is called: the test decides when. */
async function heldAnswer(page: Page, body: object): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/cdn-cgi/access/get-identity', async (route) => {
    await released;
    await route.fulfill({ json: body });
  });
  return release;
}

for (const width of [320, 390, 1280]) {
  test(`loading → ready causes no layout shift at ${width} px, and the status line and endpoint are shown in full, wrapped`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.addInitScript(() => {
      const state = { cls: 0, observer: undefined as PerformanceObserver | undefined };
      const add = (entries: PerformanceEntryList) => {
        for (const entry of entries as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) state.cls += entry.value;
        }
      };
      state.observer = new PerformanceObserver((list) => add(list.getEntries()));
      state.observer.observe({ type: 'layout-shift', buffered: true });
      Object.assign(window, { layoutShift: () => (add(state.observer?.takeRecords() ?? []), state.cls) });
    });
    const release = await heldAnswer(page, fixtures['many-groups'].body as object);
    await page.goto('/scim-a/');
    // The loading frame is on screen before the answer arrives.
    await expect(card(page)).toHaveAttribute('data-state', 'loading');
    await nextFrames(page);
    release();
    await expect(card(page)).toHaveAttribute('data-state', 'ready');
    await nextFrames(page);
    expect(await page.evaluate(() => (window as unknown as { layoutShift: () => number }).layoutShift())).toBe(0);

    await expect(card(page).getByRole('status')).toHaveText('Signed in through Cloudflare Access.');
    for (const line of [card(page).locator('.ai-status'), card(page).locator('.ai-endpoint')]) {
      const fit = await line.evaluate((element) => ({
        scrollWidth: element.scrollWidth,
        clientWidth: element.clientWidth,
        textOverflow: getComputedStyle(element).textOverflow,
        overflow: getComputedStyle(element).overflowX,
      }));
      expect(fit.scrollWidth, `${await line.textContent()}: cut at ${width} px`).toBeLessThanOrEqual(fit.clientWidth);
      expect(fit.textOverflow).not.toBe('ellipsis');
      expect(fit.overflow).toBe('visible');
    }
  });
}

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
  // The page's clock, driven here: the label's way back is a timer, not something to wait out.
  await page.clock.install();
  await answerIdentity(page, 'member');
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-state', 'ready');
  await card(page).locator('summary', { hasText: 'Raw answer' }).click();
  await card(page).getByRole('button', { name: 'Copy JSON' }).click();
  await expect(card(page).getByRole('button', { name: 'Copy failed' })).toBeVisible();
  await page.clock.runFor(1000);
  await expect(card(page).getByRole('button', { name: 'Copy failed' }), 'still saying so a second later').toBeVisible();
  await page.clock.runFor(1000);
  await expect(card(page).getByRole('button', { name: 'Copy JSON' })).toBeVisible();
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

test('axe finds no violations in the card, in each state it can show, in the light and the dark scheme', async ({ page }) => {
  let answer: PersonaName = 'member';
  await page.route('**/cdn-cgi/access/get-identity', (route) => {
    const fixture = fixtures[answer];
    return route.fulfill({ status: fixture.status, contentType: fixture.contentType, body: fixtureBody(fixture) });
  });
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-state', 'ready');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const persona of ['member', 'non-member', 'many-groups', 'signed-out', 'error'] as const) {
      answer = persona;
      // The card asks again, as its Refresh button does, and shows what get-identity now answers.
      await card(page).evaluate((element) => (element as HTMLElement & { refresh(): Promise<void> }).refresh());
      await expect(card(page), `${persona}, ${scheme}`).not.toHaveAttribute('data-state', 'loading');
      expect(await axeViolations(page, 'access-identity'), `${persona}, ${scheme}`).toEqual([]);
    }
  }
});

test('without JavaScript the served card carries a <noscript> way to the raw answer', async ({ request }) => {
  // Chromium's emulation cannot turn the HTML parser's scripting flag off, so <noscript> is
  // checked in the served HTML; its rendering is the browser's own business.
  const served = await request.get('/scim-a/', { headers: { [ACCESS_HEADER]: await tokenFor('scim-a') } });
  const body = await served.text();
  expect(body).toMatch(
    /<noscript>\s*<p class="ai-message"[^>]*>\s*The identity card needs JavaScript, which is off\.[\s\S]*<a href="\/cdn-cgi\/access\/get-identity"[^>]*>open \/cdn-cgi\/access\/get-identity<\/a>[\s\S]*<\/noscript>/,
  );
});

const late = (page: Page) => page.getByText('The identity card’s script has not arrived.');

test('when the script never arrives, the card says so after five seconds', async ({ page }) => {
  await answerIdentity(page, 'member');
  await page.route('**/_astro/IdentityCard*.js', (route) => route.abort());
  await page.goto('/scim-a/');
  await expect(card(page)).toHaveAttribute('data-state', 'loading');
  // A CSS animation reveals the message (it must work with no script at all). Its clock is
  // driven here rather than waited for: just before its 5 s delay it is hidden, at 5 s shown.
  const visibility = await late(page).evaluate((element) => {
    const [reveal] = element.getAnimations();
    if (!reveal) return { delay: undefined, before: '', after: '' };
    reveal.pause();
    const delay = Number(reveal.effect?.getTiming().delay);
    reveal.currentTime = delay - 1;
    const before = getComputedStyle(element).visibility;
    reveal.currentTime = delay;
    return { delay, before, after: getComputedStyle(element).visibility };
  });
  expect(visibility).toEqual({ delay: 5000, before: 'hidden', after: 'visible' });
  await expect(late(page)).toBeVisible();
  await expect(card(page)).toHaveAttribute('data-state', 'loading');
});

test('when the script arrives late, the card still comes alive', async ({ page }) => {
  await answerIdentity(page, 'member');
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_astro/IdentityCard*.js', async (route) => {
    await released;
    await route.continue();
  });
  // Not waiting for "load": the held module script delays it.
  await page.goto('/scim-a/', { waitUntil: 'commit' });
  await expect(card(page)).toHaveAttribute('data-state', 'loading');
  expect(await page.evaluate(() => customElements.get('access-identity') === undefined)).toBe(true);
  release();
  await expect(card(page)).toHaveAttribute('data-state', 'ready');
  await expect(late(page)).toBeHidden();
});

test('hostile answers render as text: no element, attribute or script is injected', async ({ page }) => {
  test.setTimeout(120_000);
  let next = JSON.stringify({ email: 'first@barbicancloud.co.uk' });
  await page.route('**/cdn-cgi/access/get-identity', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: next }),
  );
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
        const body = element.querySelector('[data-hook="body"]') as HTMLElement;
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
    return {
      state: element.dataset['state'],
      groups: element.querySelectorAll('[data-group]').length,
      pwned: (window as unknown as { __pwned?: number }).__pwned,
    };
  });
  expect(state).toEqual({ state: 'ready', groups: 500, pwned: undefined });
});
