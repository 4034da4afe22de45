/**
 * The policy evaluator's view on the real server-rendered markup (components/Inspector.astro,
 * rendered with Astro's Container API) in a happy-dom window: each decision and each outcome as
 * the contract attributes carry them, rules with their reasons, the deciding policy's settings,
 * the application's providers first, hostile names as text, the status sentence, and the field
 * followed after a pause (the clock driven, not waited for). Fixtures: tests/fixtures/policy/.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import Inspector from '../../src/components/Inspector.astro';
import type { AccessInspectorElement } from '../../src/inspector/inspector-element.ts';
import { fixtureDemos } from '../fixtures/inspector/demo-gates.ts';
import { entraMember, pasted, samlUser } from '../fixtures/policy/identities.ts';
import { installDom, renderHtml } from '../support/card-dom.ts';

let markup: string;
let DEBOUNCE_MS: number;

beforeAll(async () => {
  markup = await renderHtml(Inspector, { props: { demos: fixtureDemos } });
  installDom('https://inspector.test/inspect/');
  const element = await import('../../src/inspector/inspector-element.ts');
  element.AccessInspectorElement.define();
  DEBOUNCE_MS = element.DEBOUNCE_MS;
});

beforeEach(() => {
  localStorage.clear();
  // Parsed apart, then connected whole: as on the page, where the element's module script runs
  // after the parser has built its children.
  const parsed = document.createElement('template');
  parsed.innerHTML = markup;
  document.body.replaceChildren(parsed.content);
});

afterEach(() => vi.useRealTimers());

const element = () => document.querySelector('access-inspector') as AccessInspectorElement;
const field = (name: string) => document.querySelector(`textarea[name="${name}"]`) as HTMLTextAreaElement;
const result = () => document.querySelector('[data-policy-result]') as HTMLElement;
const status = () => document.querySelector('[role="status"]')?.textContent ?? '';
const words = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Pastes into both fields and presses a submit button, as a reader does. */
function evaluate(identity: unknown, ...fixtures: string[]): HTMLElement {
  field('inspect-input').value = identity === undefined ? '' : JSON.stringify(identity);
  field('policy-input').value = pasted(...fixtures);
  element().inspectInput();
  return result();
}

/** `key:outcome` per policy in the order shown, `*` on the deciding one. */
const policies = () =>
  [...result().querySelectorAll<HTMLElement>('[data-policy]')].map(
    (item) => `${item.dataset['policy']}:${item.dataset['outcome']}${item.hasAttribute('data-deciding') ? '*' : ''}`,
  );
const rules = (policy: string) =>
  [...result().querySelectorAll<HTMLElement>(`[data-policy="${policy}"] [data-rule]`)].map(
    (rule) => `${rule.dataset['ruleList']} ${rule.dataset['rule']} ${rule.dataset['outcome']}`,
  );

const GROUP_A = 'pppp0000-0000-4000-8000-000000000001';
const BLOCK_CONTRACTORS = 'pppp0000-0000-4000-8000-000000000002';
const HEALTH_CHECK = 'pppp0000-0000-4000-8000-000000000003';
const STAFF_MFA = 'rrrr0000-0000-4000-8000-000000000001';
const OFFICE = 'rrrr0000-0000-4000-8000-000000000002';

describe('each decision', () => {
  it('none before anything is pasted, and the status line says nothing about policies', () => {
    field('inspect-input').value = JSON.stringify(entraMember);
    element().inspectInput();
    expect(result().dataset['decision']).toBe('none');
    expect(words(result())).toBe('Paste policies (and an identity) to see which policy decides.');
    // One finding: the identity holds a group a demo requires, through a provider its rule cannot match.
    expect(status()).toBe('An identity from get-identity. 1 finding.');
  });

  it('allow: the application’s providers first, the deciding policy with its settings, each rule with its reason', () => {
    const view = evaluate(entraMember, 'providers.json', 'application.json');
    expect(view.dataset['decision']).toBe('allow');
    expect(policies()).toEqual([`${HEALTH_CHECK}:no-match`, `${GROUP_A}:match*`, `${BLOCK_CONTRACTORS}:not-reached`]);
    expect(rules(GROUP_A)).toEqual(['include azureAD match']);
    expect(words(view.querySelector(`[data-policy="${GROUP_A}"] [data-rule] .pe-reason`))).toBe(
      'Matches: needs the Entra group “61503835…” through provider “Azure AD” (“f3a1c9e0…”); this identity signed in through “Azure AD” (“f3a1c9e0…”) and holds “CF-Demo-Group-A” and “All Staff”.',
    );
    const deciding = view.querySelector(`[data-policy="${GROUP_A}"]`);
    expect(words(deciding)).toContain('This policy decides.');
    expect([...(deciding?.querySelectorAll('.pe-notes li') ?? [])].map(words)).toEqual([
      'Asks for a purpose justification (“Why do you need the demo?”) after the match.',
      'Sessions last “8h”.',
    ]);
    // Settings only with the deciding policy.
    expect(view.querySelector(`[data-policy="${HEALTH_CHECK}"] .pe-notes li`)).toBeNull();
    const [decision, read, idp] = [...(view.querySelector('.pe-report')?.children ?? [])].filter((part) => words(part)).map(words);
    expect([decision, read, idp]).toEqual([
      'Allowed by the policy “Group A”.',
      'Read 1 application, 3 policies and 2 identity providers.',
      'The application accepts “Azure AD”; this identity signed in through “Azure AD” (“f3a1c9e0…”).',
    ]);
    expect(status()).toBe('An identity from get-identity. 1 finding. Your policies: Allowed by the policy “Group A”.');
  });

  it('deny: a provider the application does not accept is refused before any policy', () => {
    const view = evaluate(samlUser, 'providers.json', 'application.json');
    expect(view.dataset['decision']).toBe('deny');
    expect(policies()).toEqual([`${HEALTH_CHECK}:not-reached`, `${GROUP_A}:not-reached`, `${BLOCK_CONTRACTORS}:not-reached`]);
    expect(words(view.querySelector('.pe-decision'))).toBe(
      'Blocked. The application accepts “Azure AD”; this identity signed in through “Entra SAML” (“5a3d0000…”), so Access refuses it before any policy.',
    );
  });

  it('bypass: a Bypass policy runs first, wherever it is listed', () => {
    const view = evaluate({ ...entraMember, ip: '198.51.100.7' }, 'groups.json', 'policies.json');
    expect(view.dataset['decision']).toBe('bypass');
    expect(policies()).toEqual([`${OFFICE}:match*`, `${STAFF_MFA}:not-reached`]);
    expect(rules(OFFICE)).toEqual(['include ip match']);
  });

  it('allow through a rule group, followed into its own rules (which carry no contract attributes)', () => {
    const view = evaluate(entraMember, 'groups.json', 'policies.json');
    expect(view.dataset['decision']).toBe('allow');
    expect(policies()).toEqual([`${OFFICE}:no-match`, `${STAFF_MFA}:match*`]);
    expect(rules(STAFF_MFA)).toEqual(['include group match', 'require auth_method match', 'exclude email no-match']);
    const group = view.querySelector(`[data-policy="${STAFF_MFA}"] [data-rule="group"]`);
    expect(words(group?.querySelector('.pe-rules li'))).toContain('needs an email address at “barbicancloud.co.uk”');
    expect(group?.querySelectorAll('[data-rule]')).toHaveLength(0);
    expect([...view.querySelectorAll(`[data-policy="${STAFF_MFA}"] .pe-notes li`)].map(words)).toEqual([
      'Needs an approver’s consent (1 approval group) after the match.',
      'Opens the application in an isolated browser.',
      'Asks for multi-factor authentication (“totp” and “security_key”), every “24h”.',
    ]);
  });

  it('unknown: a rule group that was not pasted, with what it depends on listed once', () => {
    const view = evaluate(entraMember, 'policies.json');
    expect(view.dataset['decision']).toBe('unknown');
    expect(policies()).toEqual([`${OFFICE}:no-match`, `${STAFF_MFA}:unknown`]);
    expect(rules(STAFF_MFA)).toEqual(['include group unknown', 'require auth_method match', 'exclude email no-match']);
    expect(words(view.querySelector('.pe-decision'))).toBe(
      'Undecided: it could be “allowed” or “blocked”, depending on the rules that cannot be decided from what was pasted.',
    );
    expect([...view.querySelectorAll('.pe-report > div:last-child li')].map(words)).toEqual([
      'Undecided: needs the Access rule group “aaaa0000…”; the rule group’s definition (GET /access/groups) would decide.',
    ]);
  });

  it('invalid: nothing readable as policies, with the line of the mistake', () => {
    field('policy-input').value = '{\n  "result": [\n    { "name": "a" "decision": "allow" }\n  ]\n}';
    element().evaluatePolicies();
    expect(result().dataset['decision']).toBe('invalid');
    expect(policies()).toEqual([]);
    expect(words(result().querySelector('.pe-notes li'))).toBe(
      "Line 3, column 19: not valid JSON at “\"” (Expected ',' or '}' after property value).",
    );
    expect(status()).toBe('Your policies: Nothing pasted reads as an Access policy or application.');
  });

  it('none without an identity: the policies in evaluation order, each rule with what it needs', () => {
    const view = evaluate(undefined, 'groups.json', 'policies.json');
    expect(view.dataset['decision']).toBe('none');
    expect(policies()).toEqual([`${OFFICE}:not-reached`, `${STAFF_MFA}:not-reached`]);
    expect(words(view.querySelector(`[data-policy="${OFFICE}"] [data-rule] .pe-reason`))).toBe('Needs an IP address in “198.51.100.0/24”.');
    expect(status()).toBe('Your policies: Paste an identity to see the decision; these are the policies in the order Access runs them.');
  });
});

describe('the identity is whatever the token field holds', () => {
  it('an Access token: its email decides, its missing groups leave group rules undecided', () => {
    const claims = {
      iss: 'https://barbican.cloudflareaccess.com',
      email: 'jane@barbicancloud.co.uk',
      country: 'GB',
      sub: 'x',
      type: 'app',
    };
    const token = `${btoa(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.sig`;
    field('inspect-input').value = token;
    field('policy-input').value = JSON.stringify([
      { id: 'groups', name: 'Group A', decision: 'allow', include: [{ azureAD: { id: 'g', identity_provider_id: 'p' } }] },
      { id: 'jane', name: 'Jane', decision: 'allow', include: [{ email: { email: 'jane@barbicancloud.co.uk' } }] },
    ]);
    element().inspectInput();
    expect(result().dataset['decision']).toBe('allow');
    expect(policies()).toEqual(['groups:unknown', 'jane:match*']);
  });
});

describe('hostile input', () => {
  it('names and values are shown as text, never as markup, and a key keeps its characters as an attribute value', () => {
    const name = '<img src=x onerror="window.__pwned=1">';
    evaluate(entraMember);
    field('policy-input').value = JSON.stringify([{ name, decision: 'allow', include: [{ email: { email: `<b>${name}</b>` } }] }]);
    element().evaluatePolicies();
    expect(result().querySelectorAll('img, b, script')).toHaveLength(0);
    expect(words(result())).toContain(name);
    expect(policies()).toEqual([`${name}:no-match`]);
  });

  it('deep and huge pastes get a message', () => {
    field('policy-input').value = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    element().evaluatePolicies();
    expect(words(result())).toContain('Line 1, column 33: nested deeper than 32 levels');
    field('policy-input').value = ' '.repeat(1_000_001);
    element().evaluatePolicies();
    expect(words(result())).toContain('The paste is 1,000,001 characters long');
  });
});

describe('following the field', () => {
  it('updates after a pause in typing, and the policy form’s Clear empties its result', () => {
    vi.useFakeTimers();
    field('policy-input').value = pasted('policies.json');
    field('policy-input').dispatchEvent(new Event('input', { bubbles: true }));
    vi.advanceTimersByTime(DEBOUNCE_MS - 1);
    expect(policies()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(policies()).toEqual([`${OFFICE}:not-reached`, `${STAFF_MFA}:not-reached`]);
    field('policy-input').form?.dispatchEvent(new Event('reset', { bubbles: true }));
    expect(result().dataset['decision']).toBe('none');
    expect(policies()).toEqual([]);
  });

  it('the account id the reader saves shows in the API calls', () => {
    const form = document.querySelector('input[name="account"]')?.closest('form');
    const input = form?.querySelector('input');
    if (!form || !input) throw new Error('no account form');
    input.value = '0123456789abcdef0123456789ABCDEF';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(document.querySelector('.pe-calls')?.textContent).toContain(
      'https://api.cloudflare.com/client/v4/accounts/0123456789abcdef0123456789abcdef/access/policies',
    );
  });
});
