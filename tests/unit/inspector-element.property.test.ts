/**
 * The inspector element on its real server-rendered markup (components/Inspector.astro, rendered
 * with Astro's container API, https://docs.astro.build/en/reference/container-reference/) in a
 * happy-dom window: it renders every kind, never throws, and never turns pasted text into markup.
 * The file runs in Node (the container renders .astro files there only) and installs the window's
 * globals itself, before the element's module is loaded.
 */
import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import Inspector from '../../src/components/Inspector.astro';
import type { AccessInspectorElement } from '../../src/inspector/inspector-element.ts';
import { STORAGE_KEY } from '../../src/client/personalise.ts';
import { fixtureBody, fixtures } from '../../src/dev/personas/index.ts';
import { fixtureDemos } from '../fixtures/inspector/demo-gates.ts';
import { TEAM, tokenFixtures, type TokenFixtures } from '../fixtures/inspector/tokens.ts';
import { HOSTILE_STRINGS, hostileIdentity } from '../support/hostile-identities.ts';
import { answerWith, installDom, renderHtml } from '../support/card-dom.ts';
import { DIAGNOSIS_ANCHORS, DIAGNOSIS_CODES, troubleshootingHref } from '../../src/inspector/diagnosis-links.ts';

let markup: string;
let tokens: TokenFixtures;

beforeAll(async () => {
  markup = await renderHtml(Inspector, { props: { demos: fixtureDemos } });
  tokens = await tokenFixtures();
  installDom('https://inspector.test/inspect/');
  const { AccessInspectorElement } = await import('../../src/inspector/inspector-element.ts');
  AccessInspectorElement.define();
});

beforeEach(() => {
  document.body.innerHTML = markup;
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ team: TEAM }));
});

const element = () => document.querySelector('access-inspector') as AccessInspectorElement;
const result = () => document.querySelector('[data-inspect-result]') as HTMLElement;

function paste(text: string): HTMLElement {
  (document.querySelector('textarea[name="inspect-input"]') as HTMLTextAreaElement).value = text;
  element().inspectInput();
  return result();
}

/** A term's value in a list of facts (the header, the identity). */
const fact = (view: ParentNode, term: string) =>
  [...view.querySelectorAll('dt')].find((dt) => dt.textContent?.includes(term))?.nextElementSibling?.textContent?.trim();

/** Elements in the result that are not from the page's own templates. */
function foreignMarkup(): string[] {
  const allowed = new Set([
    'DIV',
    'H2',
    'H3',
    'P',
    'STRONG',
    'CODE',
    'BUTTON',
    'A',
    'DL',
    'DT',
    'DD',
    'UL',
    'LI',
    'SPAN',
    'TIME',
    'DETAILS',
    'SUMMARY',
    'PRE',
  ]);
  return [...result().querySelectorAll('*')].map((e) => e.tagName).filter((tag) => !allowed.has(tag));
}

describe('<access-inspector> renders each kind', () => {
  it('an Access token: kind, header, claims with meanings, the signature note, no verdicts', () => {
    const view = paste(tokens.access);
    expect(view.dataset['kind']).toBe('access-jwt');
    expect(fact(view, 'Algorithm')).toBe('RS256');
    expect(view.querySelector('h2')?.textContent).toBe('An Access token');
    expect(view.textContent).toContain(TEAM);
    expect(view.querySelector('a[href="/guides/validating-access-jwts/#how-this-site-does-it"]')).not.toBeNull();
    const exp = [...view.querySelectorAll('.in-claim')].find((row) => row.querySelector('dt')?.textContent === 'exp');
    expect(exp?.querySelector('.in-value')?.textContent).toMatch(/Z \(in \d+ minutes\)$/);
    expect(exp?.querySelector('.in-meaning')?.textContent).toMatch(/Expires/);
    expect(view.querySelectorAll('[data-demo]')).toHaveLength(0);
    expect(view.querySelectorAll('[data-diagnosis]')).toHaveLength(0);
    expect(document.querySelector('[role="status"]')?.textContent).toBe('An Access token. No problems found.');
  });

  it('an identity: one verdict row per demo, diagnoses linking the troubleshooting page', () => {
    const view = paste(fixtureBody(fixtures.member));
    expect(view.dataset['kind']).toBe('identity');
    const verdicts = Object.fromEntries(
      [...view.querySelectorAll<HTMLElement>('[data-demo]')].map((row) => [row.dataset['demo'], row.dataset['verdict']]),
    );
    expect(verdicts).toEqual({ anyone: 'allow', 'saml-a': 'deny', 'azure-a': 'allow', 'azure-b': 'unknown' });
    expect(view.querySelector('[data-demo="azure-b"] .in-reason')?.textContent).toMatch(/object ids.*CF-Demo-Group-B/s);
    expect(view.querySelector('[data-demo="saml-a"] .in-reason')?.textContent).toContain('Microsoft Entra ID');
    // One reason per row, the verdict's word, and the demo's policy as the API sees it.
    expect(view.querySelector('[data-demo="azure-a"] .in-reason')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'The identity holds CF-Demo-Group-A.',
    );
    expect(view.querySelector('[data-demo="azure-a"] .ai-verdict')?.textContent?.trim()).toBe('Opens');
    expect(JSON.parse(view.querySelector('[data-demo="azure-a"] pre')?.textContent ?? '')).toMatchObject({
      name: 'Barbican demo: azure-a',
      include: [{ azureAD: { id: '<entra-group-object-id>', identity_provider_id: '<identity-provider-id>' } }],
    });
    expect(fact(view, 'Email')).toBe('jane@barbicancloud.co.uk');
    expect([...view.querySelectorAll('[data-diagnosis] a')].map((a) => a.getAttribute('href'))).toEqual([
      '/guides/troubleshooting/#object-ids-instead-of-names',
      '/guides/troubleshooting/#denied-although-member',
    ]);
    expect(view.querySelector('h3:has(+ .in-groups)')?.textContent?.replace(/\s+/g, '')).toBe('Groups(3)');
  });

  it('identity-error, malformed and invalid input, and clearing', () => {
    expect(paste(fixtureBody(fixtures['signed-out'])).dataset['kind']).toBe('identity-error');
    expect(result().querySelector('[data-diagnosis="identity-error"]')?.textContent).toContain('“no app token set”');
    expect(paste(tokens.cutPayload).dataset['kind']).toBe('invalid');
    expect(result().querySelector('h2')?.textContent).toBe('A malformed token');
    expect(result().querySelector('[data-diagnosis="jwt-malformed"]')).not.toBeNull();
    expect(paste('hello').querySelector('h2')?.textContent).toBe('Not a token or an identity');
    expect(paste('').dataset['kind']).toBeUndefined();
  });

  it('each diagnosis links its troubleshooting entry, and "not behind Access" its own', async () => {
    const links = () => [...result().querySelectorAll('[data-diagnosis] a')].map((a) => a.getAttribute('href'));
    paste(tokens.accessExpired);
    expect(links()).toEqual(['/guides/troubleshooting/#gate-403']);
    paste(fixtureBody(fixtures['signed-out']));
    expect(links()).toEqual(['/guides/troubleshooting/#no-app-token-set']);
    vi.stubGlobal('fetch', answerWith(fixtures.unprotected));
    await element().inspectSession();
    expect(result().dataset['kind']).toBe('identity-error');
    expect(links()).toEqual(['/guides/troubleshooting/#not-behind-access']);
    // Every code of the contract has its words and link in the page, to the entry diagnosis-links.ts names.
    const words = document.querySelector('template[data-hook="words"]') as HTMLTemplateElement;
    for (const code of DIAGNOSIS_CODES)
      expect(words.content.querySelector(`[data-diagnosis="${code}"] a`)?.getAttribute('href'), code).toBe(
        troubleshootingHref(DIAGNOSIS_ANCHORS[code]),
      );
  });

  it('a token from another team than the saved one', () => {
    paste(tokens.accessOtherTeam);
    expect(result().querySelector('[data-diagnosis="team-mismatch"]')?.textContent).toContain(`Your saved team is ${TEAM}, but`);
  });
});

describe('<access-inspector> with hostile input', () => {
  it('shows hostile claims as text', () => {
    paste(tokens.hostile);
    expect(foreignMarkup()).toEqual([]);
    expect(result().textContent).toContain('<img src=x onerror="window.__pwned=1">');
  });

  it('never throws and never renders markup from any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...HOSTILE_STRINGS), fc.json()), (text) => {
        paste(text);
        expect(foreignMarkup()).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws and never renders markup from hostile identities', () => {
    fc.assert(
      fc.property(hostileIdentity(20), (body) => {
        paste(JSON.stringify(body));
        expect(result().dataset['kind']).toBe('identity');
        expect(foreignMarkup()).toEqual([]);
        expect(result().querySelectorAll('[data-demo][data-verdict]')).toHaveLength(fixtureDemos.length);
      }),
      { numRuns: 100 },
    );
  });
});
