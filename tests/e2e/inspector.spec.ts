/**
 * The inspector at /inspect/ in real Chromium against the real build: the element is wired to the
 * page's own templates and to the site's real demo gates, pasting and "Use my current session"
 * work, nothing is requested after a paste, hostile claims stay text, keyboard only, axe in both
 * colour schemes, 320 px. What each token and identity is diagnosed as is a case list over fixture
 * gates in tests/unit/inspector-diagnoses.test.ts, and the element renders every kind in
 * tests/unit/inspector-element.property.test.ts; here one paste of each kind proves the wiring.
 */
import { expect, test, type Page } from '@playwright/test';
import { STORAGE_KEY } from '../../src/client/personalise.ts';
import { fixtureBody, fixtures, type PersonaName } from '../../src/dev/personas/index.ts';
import { TEAM, tokenFixtures, type TokenFixtures } from '../fixtures/inspector/tokens.ts';
import { demoSlugs } from '../../scripts/lib/local-site/site-pages.ts';
import { answerIdentity, axeViolations } from './helpers.ts';

let tokens: TokenFixtures;
test.beforeAll(async () => {
  tokens = await tokenFixtures();
});

const result = (page: Page) => page.locator('[data-inspect-result]');
const input = (page: Page) => page.locator('textarea[name="inspect-input"]');

async function open(page: Page): Promise<void> {
  await page.addInitScript(([key, team]) => localStorage.setItem(key, JSON.stringify({ team })), [STORAGE_KEY, TEAM] as const);
  await page.goto('/inspect/');
  await expect(page.locator('access-inspector')).toHaveAttribute('data-ready', '');
}

/** Pastes as a reader does (one input event), then presses "Inspect". */
async function inspect(page: Page, text: string): Promise<void> {
  await input(page).fill(text);
  await page.getByRole('button', { name: 'Inspect', exact: true }).click();
}

const diagnoses = (page: Page) =>
  result(page)
    .locator('[data-diagnosis]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-diagnosis')).sort());

/** The verdict rows shown, as slug → verdict. */
const shownVerdicts = (page: Page) =>
  result(page)
    .locator('[data-demo][data-verdict]')
    .evaluateAll((rows) =>
      Object.fromEntries(rows.map((row) => [row.getAttribute('data-demo') ?? '', row.getAttribute('data-verdict') ?? ''] as const)),
    );

/**
 * What each persona's identity is allowed, demo by demo, written out from the demos' gates
 * (content/demos/*.mdx) and the personas (src/dev/personas/):
 * - oidc, any signed-in user: everyone;
 * - saml, SAML Group CF-Demo-Group-A read from Entra's groups claim (object ids): only a SAML
 *   identity can match, and an object id the page cannot name leaves it unknown;
 * - scim-a and scim-b, Azure Groups CF-Demo-Group-A and CF-Demo-Group-B: only an Azure AD identity;
 *   a group listed by object id alone might be the one, so unknown rather than deny.
 */
const VERDICTS: Record<string, Record<string, 'allow' | 'deny' | 'unknown'>> = {
  // Azure AD; Group A and All Staff by name, one more group by object id only.
  member: { oidc: 'allow', saml: 'deny', 'scim-a': 'allow', 'scim-b': 'unknown' },
  // Azure AD; All Staff and Group B by name.
  'non-member': { oidc: 'allow', saml: 'deny', 'scim-a': 'deny', 'scim-b': 'allow' },
  // Azure AD; groups as object ids only.
  'id-only-groups': { oidc: 'allow', saml: 'deny', 'scim-a': 'unknown', 'scim-b': 'unknown' },
  // SAML; Entra's groups claim holds object ids.
  saml: { oidc: 'allow', saml: 'unknown', 'scim-a': 'deny', 'scim-b': 'deny' },
  // Azure AD; 301 groups by name, Group A among them.
  'many-groups': { oidc: 'allow', saml: 'deny', 'scim-a': 'allow', 'scim-b': 'deny' },
  // Azure AD without any group.
  nobody: { oidc: 'allow', saml: 'deny', 'scim-a': 'deny', 'scim-b': 'deny' },
};

test.beforeEach(async ({ page }) => {
  await open(page);
});

test('an Access token: its kind, its claims explained, the signature note, no verdicts', async ({ page }) => {
  await inspect(page, tokens.access);
  await expect(result(page)).toHaveAttribute('data-kind', 'access-jwt');
  await expect(result(page).getByRole('heading', { name: 'An Access token' })).toBeVisible();
  await expect(result(page).getByText('does not check its signature')).toBeVisible();
  await expect(result(page).locator('.in-claim', { hasText: 'identity_nonce' })).toBeVisible();
  await expect(result(page).locator('.in-claim', { hasText: /^exp/ }).locator('.in-value')).toHaveText(/\(in \d+ minutes\)$/);
  await expect(result(page).locator('[data-demo]')).toHaveCount(0);
  expect(await diagnoses(page)).toEqual([]);
  await expect(page.getByRole('status')).toHaveText('An Access token. No problems found.');
});

test('one paste of each other kind: its kind and its diagnoses, each linked to its troubleshooting entry', async ({ page }) => {
  const cases: [string, () => string, string, string[]][] = [
    ['an expired Access token', () => tokens.accessExpired, 'access-jwt', ['jwt-expired']],
    // Judged against the team the reader saved (personalise.ts, in localStorage).
    ["another team's Access token", () => tokens.accessOtherTeam, 'access-jwt', ['team-mismatch']],
    ['an Entra ID token', () => tokens.entra, 'entra-jwt', ['groups-are-object-ids', 'not-access-issuer']],
    ['a token of another issuer', () => tokens.otherIssuer, 'jwt', ['not-access-issuer']],
    ['a token cut in its payload', () => tokens.cutPayload, 'invalid', ['jwt-malformed']],
    ["get-identity's error answer", () => fixtureBody(fixtures['signed-out']), 'identity-error', ['identity-error']],
  ];
  for (const [name, text, kind, expected] of cases) {
    await inspect(page, text());
    await expect(result(page), name).toHaveAttribute('data-kind', kind);
    expect(await diagnoses(page), name).toEqual(expected);
    const links = result(page).locator('[data-diagnosis] a');
    expect(await links.count(), name).toBeGreaterThan(0);
    for (const link of await links.all()) await expect(link, name).toHaveAttribute('href', /^\/guides\/troubleshooting\/#[a-z0-9-]+$/);
  }
});

test('identities: a verdict per demo of the site, as its gate decides, each with its reason', async ({ page }) => {
  // Every demo of the site is judged, and the table above covers every demo.
  for (const verdicts of Object.values(VERDICTS)) expect(Object.keys(verdicts).sort()).toEqual(demoSlugs());
  const body = (name: string) =>
    name in fixtures
      ? fixtureBody(fixtures[name as PersonaName])
      : JSON.stringify({ email: 'nobody@barbicancloud.co.uk', idp: { type: 'azureAD' }, groups: [] });
  // Diagnoses that go with the verdicts: groups the page can only show as object ids.
  const mustInclude: Record<string, string[]> = { 'id-only-groups': ['groups-are-object-ids'], saml: ['groups-are-object-ids'] };
  for (const [name, expected] of Object.entries(VERDICTS)) {
    await inspect(page, body(name));
    await expect(result(page), name).toHaveAttribute('data-kind', 'identity');
    await expect.poll(() => shownVerdicts(page), name).toEqual(expected);
    for (const row of await result(page).locator('[data-demo]').all()) await expect(row.locator('.in-reason'), name).not.toBeEmpty();
    expect(await diagnoses(page), name).toEqual(expect.arrayContaining(mustInclude[name] ?? []));
  }
});

test('results follow typing after a pause, without pressing Inspect, and Clear empties them', async ({ page }) => {
  await input(page).fill(fixtureBody(fixtures.member));
  await expect(result(page)).toHaveAttribute('data-kind', 'identity');
  await input(page).fill('not a token');
  await expect(result(page)).toHaveAttribute('data-kind', 'invalid');
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(result(page)).not.toHaveAttribute('data-kind');
  await expect(input(page)).toHaveValue('');
});

test('nothing is requested after a paste, whatever is pasted', async ({ page }) => {
  await page.waitForLoadState('networkidle');
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const texts = [
    ...(Object.values(tokens) as string[]),
    ...(['member', 'saml', 'signed-out', 'malformed'] as const).map((name) => fixtureBody(fixtures[name])),
  ];
  for (const text of texts) {
    await inspect(page, text);
    await expect(result(page)).toHaveAttribute('data-kind', /.+/);
  }
  await input(page).fill(tokens.entra);
  await expect(result(page)).toHaveAttribute('data-kind', 'entra-jwt');
  expect(requests).toEqual([]);
});

test('"Use my current session" inspects what get-identity answers, and says in words when there is no identity', async ({ page }) => {
  const button = page.getByRole('button', { name: 'Use my current session' });
  await answerIdentity(page, 'member');
  await button.click();
  await expect(result(page)).toHaveAttribute('data-kind', 'identity');
  await expect(result(page).locator('[data-demo][data-verdict]')).toHaveCount(demoSlugs().length);
  for (const [persona, heading] of [
    ['signed-out', 'No Access session'],
    ['unprotected', 'Not behind Cloudflare Access'],
  ] as const) {
    // The latest route wins: get-identity now answers as this persona.
    await answerIdentity(page, persona);
    await button.click();
    await expect(result(page), persona).toHaveAttribute('data-kind', 'identity-error');
    await expect(result(page).getByRole('heading', { name: heading }), persona).toBeVisible();
    await expect(page.getByRole('status'), persona).toHaveText(`${heading}. 1 finding.`);
    expect(await diagnoses(page), persona).toEqual(['identity-error']);
  }
});

test('hostile claims and identities are shown as text, never run', async ({ page }) => {
  await inspect(page, tokens.hostile);
  await expect(result(page)).toContainText('<img src=x onerror="window.__pwned=1">');
  await expect(result(page)).toContainText('<b onmouseover=window.__pwned=1>claim</b>');
  await inspect(
    page,
    JSON.stringify({
      email: '<script>window.__pwned=1</script>',
      name: '"><svg onload=window.__pwned=1>',
      groups: ['<img src=x onerror="window.__pwned=1">'],
    }),
  );
  await expect(result(page)).toContainText('"><svg onload=window.__pwned=1>');
  expect(await result(page).locator('img, script, svg, b').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
});

test('keyboard only: paste, Inspect, and Use my current session', async ({ page }) => {
  await answerIdentity(page, 'saml');
  await input(page).focus();
  await page.keyboard.insertText(tokens.accessExpired);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Inspect', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(result(page)).toHaveAttribute('data-kind', 'access-jwt');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Use my current session', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(result(page)).toHaveAttribute('data-kind', 'identity');
  // The token's own "use my current session" button: the focus stays on the form's one after.
  await inspect(page, tokens.access);
  await result(page).getByRole('button', { name: 'use my current session', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(result(page)).toHaveAttribute('data-kind', 'identity');
  await expect(page.getByRole('button', { name: 'Use my current session', exact: true })).toBeFocused();
});

test('axe finds nothing with results shown, in light and dark; at 320 px results fit without sideways scrolling', async ({ page }) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const text of [tokens.accessExpired, fixtureBody(fixtures.member), fixtureBody(fixtures.saml), tokens.cutPayload]) {
      await inspect(page, text);
      await expect(result(page)).toHaveAttribute('data-kind', /.+/);
      expect(await axeViolations(page), scheme).toEqual([]);
    }
  }
  await page.setViewportSize({ width: 320, height: 640 });
  for (const text of [tokens.hostile, tokens.entraClaimNames, fixtureBody(fixtures['many-groups'])]) {
    await inspect(page, text);
    await expect(result(page)).toHaveAttribute('data-kind', /.+/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  }
});

test("linked from the home page, the site header, and the gate's 403 page", async ({ page, request }) => {
  await page.goto('/');
  await expect(page.getByRole('main').locator('a[href="/inspect/"]')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Inspector' })).toHaveAttribute(
    'href',
    '/inspect/',
  );
  const refused = await request.get(`/${demoSlugs()[0]}/`);
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toMatch(/<a href="https:\/\/[^"]+\/inspect\/">inspector<\/a>/);
});
