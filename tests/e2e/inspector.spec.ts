/**
 * The inspector at /inspect/ in real Chromium against the real build: each kind pasted, the
 * verdicts and diagnoses, "Use my current session", no request after a paste, no injection from
 * hostile claims, keyboard only, axe in both colour schemes, 320 px.
 */
import { expect, test, type Page } from '@playwright/test';
import { demoVerdicts, demosFrom, type DemoGateInfo } from '../../src/inspector/verdicts.ts';
import { parseIdentity } from '../../src/identity/parse-identity.ts';
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

/** The demo gates the page was built with, read from the JSON it carries as the element reads them. */
const pageGates = async (page: Page): Promise<DemoGateInfo[]> =>
  demosFrom(await page.locator('access-inspector script[type="application/json"]').textContent());

test.beforeEach(async ({ page }) => {
  await open(page);
});

test('every demo of the site has a gate for the verdicts', async ({ page }) => {
  expect((await pageGates(page)).map((g) => g.slug).sort()).toEqual(demoSlugs());
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

const tokenCases: [keyof TokenFixtures, string, string[]][] = [
  ['accessExpired', 'access-jwt', ['jwt-expired']],
  ['accessNotYetValid', 'access-jwt', ['jwt-not-yet-valid']],
  ['accessOtherTeam', 'access-jwt', ['team-mismatch']],
  ['serviceToken', 'access-jwt', ['service-token']],
  ['entra', 'entra-jwt', ['groups-are-object-ids', 'not-access-issuer']],
  ['entraOverage', 'entra-jwt', ['group-overage', 'not-access-issuer']],
  ['otherIssuer', 'jwt', ['not-access-issuer']],
  ['cutSignature', 'access-jwt', ['jwt-malformed']],
  ['cutPayload', 'invalid', ['jwt-malformed']],
];
for (const [name, kind, expected] of tokenCases) {
  test(`token ${name}: ${kind}, ${expected.join(', ')}`, async ({ page }) => {
    await inspect(page, tokens[name]);
    await expect(result(page)).toHaveAttribute('data-kind', kind);
    expect(await diagnoses(page)).toEqual(expected);
    for (const link of await result(page).locator('[data-diagnosis] a').all())
      await expect(link).toHaveAttribute('href', /^\/guides\/troubleshooting\/#[a-z0-9-]+$/);
  });
}

const identityCases: [PersonaName, string[]][] = [
  ['member', []],
  ['non-member', []],
  ['id-only-groups', ['groups-are-object-ids']],
  ['saml', ['groups-are-object-ids']],
  ['many-groups', []],
];
for (const [persona, mustInclude] of identityCases) {
  test(`identity ${persona}: a verdict per demo, as its gate decides`, async ({ page }) => {
    const body = fixtures[persona].body;
    await inspect(page, fixtureBody(fixtures[persona]));
    await expect(result(page)).toHaveAttribute('data-kind', 'identity');
    const identity = parseIdentity(body);
    if (!identity) throw new Error(`${persona} is not an identity`);
    const expected = demoVerdicts(identity, body, await pageGates(page));
    await expect(result(page).locator('[data-demo][data-verdict]')).toHaveCount(expected.length);
    for (const { slug, verdict } of expected)
      await expect(result(page).locator(`[data-demo="${slug}"]`)).toHaveAttribute('data-verdict', verdict);
    for (const row of await result(page).locator('[data-demo]').all()) await expect(row.locator('.in-reason')).not.toBeEmpty();
    expect(await diagnoses(page)).toEqual(expect.arrayContaining(mustInclude));
  });
}

test('verdicts follow the gate: any signed-in user opens, a missing group refuses', async ({ page }) => {
  await inspect(page, JSON.stringify({ email: 'nobody@barbicancloud.co.uk', idp: { type: 'azureAD' }, groups: [] }));
  for (const gate of await pageGates(page)) {
    await expect(result(page).locator(`[data-demo="${gate.slug}"]`)).toHaveAttribute(
      'data-verdict',
      gate.gate === 'any-signed-in-user' ? 'allow' : 'deny',
    );
  }
});

test('a get-identity error pasted: identity-error', async ({ page }) => {
  await inspect(page, fixtureBody(fixtures['signed-out']));
  await expect(result(page)).toHaveAttribute('data-kind', 'identity-error');
  expect(await diagnoses(page)).toEqual(['identity-error']);
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
    ...Object.values(tokens),
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

test('"Use my current session" inspects what get-identity answers', async ({ page }) => {
  await answerIdentity(page, 'member');
  await page.getByRole('button', { name: 'Use my current session' }).click();
  await expect(result(page)).toHaveAttribute('data-kind', 'identity');
  await expect(result(page).locator('[data-demo][data-verdict]')).toHaveCount(demoSlugs().length);
});

for (const [persona, heading] of [
  ['signed-out', 'No Access session'],
  ['unprotected', 'Not behind Cloudflare Access'],
] as const) {
  test(`"Use my current session" when ${persona}: said in words, identity-error`, async ({ page }) => {
    await answerIdentity(page, persona);
    await page.getByRole('button', { name: 'Use my current session' }).click();
    await expect(result(page)).toHaveAttribute('data-kind', 'identity-error');
    await expect(result(page).getByRole('heading', { name: heading })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText(`${heading}. 1 finding.`);
    expect(await diagnoses(page)).toEqual(['identity-error']);
  });
}

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

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds nothing with results shown, ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const text of [tokens.accessExpired, fixtureBody(fixtures.member), fixtureBody(fixtures.saml), tokens.cutPayload]) {
      await inspect(page, text);
      await expect(result(page)).toHaveAttribute('data-kind', /.+/);
      expect(await axeViolations(page)).toEqual([]);
    }
  });
}

test('320 px: results fit without sideways scrolling', async ({ page }) => {
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
