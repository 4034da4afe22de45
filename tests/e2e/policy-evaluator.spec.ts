/**
 * The policy evaluator on /inspect/ in real Chromium against the real build: policies pasted
 * (tests/fixtures/policy/) with an identity, read through the contract attributes
 * (`[data-policy-result][data-decision]`, `[data-policy][data-outcome][data-deciding]`,
 * `[data-rule][data-rule-list][data-outcome]`); keyboard only; axe in both colour schemes;
 * 320 px without sideways scrolling; nothing requested after a paste; the API calls personalised
 * with the saved account id. Expected values are written here, from the fixtures.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { STORAGE_KEY } from '../../src/client/personalise.ts';
import { axeViolations } from './helpers.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/policy/${name}`, import.meta.url), 'utf8');
const pasted = (...names: string[]) => names.map(fixture).join('\n');

/** The Entra member of tests/fixtures/policy/identities.ts, through the Azure AD provider, in Group A. */
const member = {
  email: 'Jane@barbicancloud.co.uk',
  idp: { id: 'f3a1c9e0-0000-4000-8000-00000000a2ad', type: 'azureAD' },
  groups: [{ id: '61503835-b6fe-4630-af88-de551dd59a2a', name: 'CF-Demo-Group-A' }],
  amr: ['pwd', 'mfa'],
  ip: '203.0.113.10',
  geo: { country: 'GB' },
  common_name: '',
  service_token_id: '',
  service_token_status: false,
};
/** The same person signed in through the SAML provider, which the application does not accept. */
const samlUser = { ...member, idp: { id: '5a3d0000-0000-4000-8000-00000000sa31', type: 'saml' } };

const GROUP_A = 'pppp0000-0000-4000-8000-000000000001';
const BLOCK_CONTRACTORS = 'pppp0000-0000-4000-8000-000000000002';
const HEALTH_CHECK = 'pppp0000-0000-4000-8000-000000000003';
const STAFF_MFA = 'rrrr0000-0000-4000-8000-000000000001';
const OFFICE = 'rrrr0000-0000-4000-8000-000000000002';

const policyResult = (page: Page) => page.locator('[data-policy-result]');
const identityField = (page: Page) => page.locator('textarea[name="inspect-input"]');
const policyField = (page: Page) => page.locator('textarea[name="policy-input"]');

/** `id:outcome` per policy, in the order shown, `*` on the deciding one. */
const outcomes = (page: Page) =>
  policyResult(page)
    .locator('[data-policy]')
    .evaluateAll((items) =>
      items.map(
        (item) =>
          `${item.getAttribute('data-policy')}:${item.getAttribute('data-outcome')}${item.hasAttribute('data-deciding') ? '*' : ''}`,
      ),
    );
const rules = (page: Page, policy: string) =>
  policyResult(page)
    .locator(`[data-policy="${policy}"] [data-rule]`)
    .evaluateAll((items) =>
      items.map((item) => `${item.getAttribute('data-rule-list')} ${item.getAttribute('data-rule')} ${item.getAttribute('data-outcome')}`),
    );

/** Pastes both fields as a reader does (one input event each), then presses "Evaluate". */
async function evaluate(page: Page, identity: unknown, policies: string): Promise<void> {
  await identityField(page).fill(identity === undefined ? '' : JSON.stringify(identity));
  await policyField(page).fill(policies);
  await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
}

test.beforeEach(async ({ page }) => {
  await page.goto('/inspect/');
  await expect(page.locator('access-inspector')).toHaveAttribute('data-ready', '');
});

test('an application with its providers: the deciding policy, each rule, the settings, the status sentence', async ({ page }) => {
  await evaluate(page, member, pasted('providers.json', 'application.json'));
  await expect(policyResult(page)).toHaveAttribute('data-decision', 'allow');
  expect(await outcomes(page)).toEqual([`${HEALTH_CHECK}:no-match`, `${GROUP_A}:match*`, `${BLOCK_CONTRACTORS}:not-reached`]);
  expect(await rules(page, GROUP_A)).toEqual(['include azureAD match']);
  expect(await rules(page, HEALTH_CHECK)).toEqual(['include any_valid_service_token no-match']);
  await expect(policyResult(page).locator(`[data-policy="${GROUP_A}"] [data-rule]`)).toContainText(
    'needs the Entra group “61503835…” through provider “Azure AD” (“f3a1c9e0…”); this identity signed in through “Azure AD”',
  );
  await expect(policyResult(page).locator(`[data-policy="${GROUP_A}"]`)).toContainText('Sessions last “8h”.');
  await expect(policyResult(page)).toContainText('Read 1 application, 3 policies and 2 identity providers.');
  await expect(page.getByRole('status')).toHaveText(/Your policies: Allowed by the policy “Group A”\.$/);
});

test('a provider the application does not accept: refused before any policy', async ({ page }) => {
  await evaluate(page, samlUser, pasted('providers.json', 'application.json'));
  await expect(policyResult(page)).toHaveAttribute('data-decision', 'deny');
  expect(await outcomes(page)).toEqual([`${HEALTH_CHECK}:not-reached`, `${GROUP_A}:not-reached`, `${BLOCK_CONTRACTORS}:not-reached`]);
  await expect(policyResult(page)).toContainText('so Access refuses it before any policy');
});

test('bypass, a rule group followed, an undecided rule group, and no identity', async ({ page }) => {
  await evaluate(page, { ...member, ip: '198.51.100.7' }, pasted('groups.json', 'policies.json'));
  await expect(policyResult(page)).toHaveAttribute('data-decision', 'bypass');
  expect(await outcomes(page)).toEqual([`${OFFICE}:match*`, `${STAFF_MFA}:not-reached`]);

  await evaluate(page, member, pasted('groups.json', 'policies.json'));
  await expect(policyResult(page)).toHaveAttribute('data-decision', 'allow');
  expect(await rules(page, STAFF_MFA)).toEqual(['include group match', 'require auth_method match', 'exclude email no-match']);

  await evaluate(page, member, pasted('policies.json'));
  await expect(policyResult(page)).toHaveAttribute('data-decision', 'unknown');
  expect(await outcomes(page)).toEqual([`${OFFICE}:no-match`, `${STAFF_MFA}:unknown`]);

  await evaluate(page, undefined, pasted('policies.json'));
  await expect(policyResult(page)).toHaveAttribute('data-decision', 'none');
  expect(await outcomes(page)).toEqual([`${OFFICE}:not-reached`, `${STAFF_MFA}:not-reached`]);
  await expect(policyResult(page).locator(`[data-policy="${OFFICE}"] [data-rule]`)).toContainText(
    'Needs an IP address in “198.51.100.0/24”.',
  );
});

test('invalid JSON: the message says where, and the result follows typing without a button', async ({ page }) => {
  await policyField(page).fill('{\n  "result": [\n    { "name": "a" "decision": "allow" }\n  ]\n}');
  await expect(policyResult(page)).toHaveAttribute('data-decision', 'invalid');
  await expect(policyResult(page)).toContainText('Line 3, column 19: not valid JSON at “"”');
  await policyField(page).fill(pasted('policies.json'));
  await expect(policyResult(page)).toHaveAttribute('data-decision', 'none');
  await page.getByRole('button', { name: 'Remove the policies' }).click();
  await expect(policyField(page)).toHaveValue('');
  await expect(policyResult(page).locator('[data-policy]')).toHaveCount(0);
});

test('hostile names are shown as text, never run', async ({ page }) => {
  const name = '<img src=x onerror="window.__pwned=1">';
  await evaluate(
    page,
    member,
    JSON.stringify([{ id: name, name, decision: 'allow', include: [{ email: { email: `<script>window.__pwned=1</script>` } }] }]),
  );
  await expect(policyResult(page)).toContainText(name);
  await expect(policyResult(page)).toContainText('<script>window.__pwned=1</script>');
  expect(await policyResult(page).locator('img, script').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
});

test('huge and deeply nested pastes get a message, and the page keeps answering', async ({ page }) => {
  await policyField(page).fill(`${'['.repeat(20_000)}${']'.repeat(20_000)}`);
  await expect(policyResult(page)).toContainText('nested deeper than 32 levels');
  await policyField(page).fill(pasted('policies.json').padEnd(1_000_001, ' '));
  await expect(policyResult(page)).toContainText('characters long; at most 1,000,000 are read');
  await evaluate(page, member, pasted('groups.json', 'policies.json'));
  await expect(policyResult(page)).toHaveAttribute('data-decision', 'allow');
});

test('nothing is requested after a paste', async ({ page }) => {
  await page.waitForLoadState('networkidle');
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await evaluate(page, member, pasted('providers.json', 'groups.json', 'application.json', 'policies.json'));
  await expect(policyResult(page)).toHaveAttribute('data-decision', /.+/);
  await policyField(page).fill(pasted('policies.json'));
  await expect(policyResult(page)).toHaveAttribute('data-decision', 'unknown');
  expect(requests).toEqual([]);
});

test('keyboard only: paste the policies and evaluate', async ({ page }) => {
  await identityField(page).focus();
  await page.keyboard.insertText(JSON.stringify(member));
  await policyField(page).focus();
  await page.keyboard.insertText(pasted('providers.json', 'application.json'));
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Evaluate', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(policyResult(page)).toHaveAttribute('data-decision', 'allow');
  await expect(page.getByRole('status')).toContainText('Your policies: Allowed by the policy “Group A”.');
});

test('the API calls carry the saved account id, and the policy section is the page’s #your-policies', async ({ page }) => {
  await expect(page.locator('#your-policies')).toHaveText('Your own policies');
  await expect(page.locator('.pe-calls')).toContainText('accounts/<your-account-id>/access/policies');
  await page.getByLabel('Account id').fill('0123456789abcdef0123456789abcdef');
  await expect(page.locator('.pe-calls')).toContainText('accounts/0123456789abcdef0123456789abcdef/access/apps/<app-id>');
  expect(JSON.parse((await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)) ?? '{}')).toEqual({
    account: '0123456789abcdef0123456789abcdef',
  });
  await page.reload();
  await expect(page.locator('.pe-calls')).toContainText('accounts/0123456789abcdef0123456789abcdef/access/groups');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds nothing with policies evaluated, ${scheme}`, async ({ page }) => {
    // Five full-page axe runs on two shared cores.
    test.slow();
    await page.emulateMedia({ colorScheme: scheme });
    for (const [identity, policies] of [
      [member, pasted('providers.json', 'application.json')],
      [samlUser, pasted('providers.json', 'application.json')],
      [member, pasted('groups.json', 'policies.json')],
      [member, pasted('policies.json')],
      [undefined, '{"a": '],
    ] as const) {
      await evaluate(page, identity, policies);
      await expect(policyResult(page)).toHaveAttribute('data-decision', /.+/);
      expect(await axeViolations(page)).toEqual([]);
    }
  });
}

test('320 px: the policies and their rules fit without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const longName = `policy-${'x'.repeat(300)}`;
  for (const policies of [
    pasted('providers.json', 'groups.json', 'application.json'),
    pasted('groups.json', 'policies.json'),
    JSON.stringify([
      { id: longName, name: longName, decision: 'allow', include: [{ email: { email: `${'y'.repeat(200)}@example.com` } }] },
    ]),
  ]) {
    await evaluate(page, member, policies);
    await expect(policyResult(page).locator('[data-policy]').first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  }
});
