/**
 * The inspector's server-rendered markup (components/Inspector.astro, rendered with Astro's
 * Container API) against its hook map (src/inspector/inspector-hooks.ts) and its code: every hook
 * the element reaches for is there, on the element the map names, and nothing else in the frame
 * is marked; every phrase the code can ask for is in the `words` template. The lists of names
 * are the engine's and the contract's own (rule keys, decisions, diagnosis codes), not the markup's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import Inspector from '../../src/components/Inspector.astro';
import { PLAIN_HOOKS, TAGGED_HOOKS } from '../../src/inspector/inspector-hooks.ts';
import { DIAGNOSIS_CODES } from '../../src/inspector/diagnosis-links.ts';
import { POLICY_DECISIONS, RULE_KEYS, RULE_LISTS } from '../../src/policy/api-types.ts';
import { fixtureDemos } from '../fixtures/inspector/demo-gates.ts';
import { installDom, renderHtml } from '../support/card-dom.ts';

let page: Document;
let words: DocumentFragment;

beforeAll(async () => {
  const html = await renderHtml(Inspector, { props: { demos: fixtureDemos } });
  installDom();
  page = new DOMParser().parseFromString(html, 'text/html');
  const template = page.querySelector('template[data-hook="words"]');
  if (!(template instanceof HTMLTemplateElement)) throw new Error('no words template');
  words = template.content;
});

const phrases = () => new Set([...words.children].map((element) => element.getAttribute('data-hook')));

describe('the frame and its hook map', () => {
  it('carries every hook the element reaches for, each on the element the map names', () => {
    const tags: Partial<Record<string, string>> = TAGGED_HOOKS;
    for (const name of [...Object.keys(TAGGED_HOOKS), ...PLAIN_HOOKS]) {
      const marked = [...page.querySelectorAll(`[data-hook="${name}"]`), ...words.querySelectorAll(`[data-hook="${name}"]`)];
      expect(marked.length, `${name} is in the markup`).toBeGreaterThan(0);
      for (const element of marked) expect(element.localName, name).toBe(tags[name] ?? element.localName);
    }
  });

  it('marks nothing else outside the words (which are phrases, with hooks of their own)', () => {
    const known = new Set<string>([...Object.keys(TAGGED_HOOKS), ...PLAIN_HOOKS]);
    const used = [...page.querySelectorAll('[data-hook]')].map((element) => element.getAttribute('data-hook') ?? '');
    expect(used.filter((name) => !known.has(name))).toEqual([]);
  });

  it('writes the demos and their gates as JSON, no markup in it', () => {
    const json = page.querySelector('script[data-hook="demos"]')?.textContent ?? '';
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual(fixtureDemos.map(({ slug, gate }) => ({ slug, gate })));
  });

  it('the policy section is #your-policies, with the field and the result of the contract', () => {
    expect(page.querySelector('h2#your-policies')?.textContent).toBe('Your own policies');
    expect(page.querySelector('#your-policies ~ form textarea[name="policy-input"]')).not.toBeNull();
    expect(page.querySelector('[data-policy-result]')?.getAttribute('data-decision')).toBe('none');
  });
});

describe('every phrase the code can ask for is in the words', () => {
  const has = (names: string[]) => {
    const all = phrases();
    expect(names.filter((name) => !all.has(name))).toEqual([]);
  };

  it('what each rule type needs, and what the identity has', () => {
    has(RULE_KEYS.map((key) => `need:${key}`));
    has(['need:unrecognised', 'need:malformed', 'provider']);
    has(
      ['provider', 'email', 'groups', 'values', 'ip', 'country', 'amr', 'common-name', 'service-token', 'device-posture'].map(
        (kind) => `has:${kind}`,
      ),
    );
  });

  it('each rule, policy and decision', () => {
    has(['match', 'no-match', 'unknown', 'no-identity'].map((outcome) => `rule:${outcome}`));
    has(['match', 'no-match', 'unknown', 'not-reached'].map((outcome) => `outcome:${outcome}`));
    has(RULE_LISTS.map((list) => `list:${list}`));
    has(POLICY_DECISIONS.map((decision) => `action:${decision}`));
    has(['allow', 'deny', 'bypass', 'unknown', 'invalid', 'none'].map((decision) => `result:${decision}`));
    has(['allow', 'deny', 'bypass'].map((decision) => `word:${decision}`));
    has(
      ['none', 'none-listed', 'invalid', 'unknown', 'plain', 'policy', 'default-deny', 'one-of', 'allowed-idps'].map(
        (kind) => `decision:${kind}`,
      ),
    );
    has(['accepted', 'refused', 'unknown'].map((outcome) => `idp:${outcome}`));
    has(['purpose-justification', 'approval', 'isolation', 'session-duration', 'mfa'].map((kind) => `setting:${kind}`));
  });

  it('what was read, what was not, and why', () => {
    has(['read', 'read:none', 'ignored', 'report', 'policy', 'rule', 'item', 'status:policies']);
    has(['applications', 'policies', 'groups', 'providers'].map((kind) => `count:${kind}`));
    has(['syntax', 'too-deep', 'too-many-items', 'too-many-documents', 'too-large'].map((kind) => `problem:${kind}`));
    has(
      ['api-error', 'unrecognised', 'bad-decision', 'second-application', 'not-attached', 'missing-policy'].map(
        (reason) => `ignored:${reason}`,
      ),
    );
  });

  it('the token and identity views, each diagnosis, each demo', () => {
    has([...DIAGNOSIS_CODES.map((code) => `diagnosis:${code}`), 'diagnosis:identity-error:unprotected']);
    has(fixtureDemos.map(({ slug }) => `demo:${slug}`));
    has(
      [
        'access-jwt',
        'entra-jwt',
        'jwt',
        'identity',
        'identity-error:signed-out',
        'identity-error:unprotected',
        'identity-error:error',
        'invalid',
        'invalid:malformed',
      ].map((variant) => `summary:${variant}`),
    );
    has([
      'empty',
      'token',
      'claim',
      'claim:other',
      'identity',
      'group',
      'verdicts',
      'diagnoses',
      'status:loading',
      'status:clean',
      'status:findings',
    ]);
  });
});
