/**
 * The identity card as one unit, without a browser: the server-rendered component (Astro's
 * Container API) with its element running in happy-dom, answered by every persona. Real-browser
 * concerns (accessibility, layout shift, clipboard, the injection fuzz) are in
 * tests/e2e/identity-card*.spec.ts.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtures, type IdentityFixture, type PersonaName } from '../../src/dev/personas/index.ts';
import { TAGGED_HOOKS, hook, hookNames, requireHook, type HookName } from '../../src/identity/card-hooks.ts';
import { FILTER_THRESHOLD, LIST_LIMIT } from '../../src/identity/render-identity.ts';
import { IDENTITY_PATH } from '../../src/access/protocol.ts';
import { HOSTILE_STRINGS, thousandsOfGroups } from '../support/hostile-identities.ts';
import { PAGE_URL, answerWith, installDom, renderCardHtml } from '../support/card-dom.ts';

const REQUIRED = 'CF-Demo-Group-A';
let memberHtml = '';
let openHtml = '';

beforeAll(async () => {
  memberHtml = await renderCardHtml(REQUIRED);
  openHtml = await renderCardHtml(undefined);
});

beforeEach(async () => {
  installDom();
  // Imported per window: the element class extends that window's HTMLElement.
  vi.resetModules();
  const { AccessIdentityElement } = await import('../../src/identity/access-identity-element.ts');
  AccessIdentityElement.define();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

type Card = HTMLElement & { refresh(): Promise<void> };

/** Puts the server-rendered card on the page; the element starts its fetch as it connects. */
function mount(fetchStub: typeof fetch, html = memberHtml): Card {
  vi.stubGlobal('fetch', fetchStub);
  // Parsed apart, then connected whole: as on the page, where the element's module script runs
  // after the parser has built the card's children.
  const parsed = document.createElement('template');
  parsed.innerHTML = html;
  document.body.replaceChildren(parsed.content);
  const card = document.querySelector<Card>('access-identity');
  if (!card) throw new Error('no <access-identity> in the rendered card');
  return card;
}

async function settled(card: Card): Promise<Card> {
  await vi.waitFor(() => expect(card.dataset['state']).not.toBe('loading'));
  return card;
}

const open = (fixture: IdentityFixture, html?: string) => settled(mount(answerWith(fixture), html));
const groupsOf = (card: Element) => [...card.querySelectorAll('[data-group]')].map((row) => row.getAttribute('data-group'));
const text = (card: Element, name: HookName) => requireHook(card, name).textContent?.trim();
const status = (card: Element) => text(card, 'status');

describe('the rendered card and its hook map', () => {
  it('carries every hook the script reads, each on the element the map names', () => {
    const page = new DOMParser().parseFromString(memberHtml, 'text/html');
    const scopes: ParentNode[] = [page, ...[...page.querySelectorAll('template')].map((template) => template.content)];
    const tags: Partial<Record<HookName, string>> = TAGGED_HOOKS;
    const names = hookNames();
    expect(names.length).toBeGreaterThan(30);
    for (const name of names) {
      const marked = scopes.flatMap((scope) => [...scope.querySelectorAll(`[data-hook="${name}"]`)]);
      expect(marked.length, `${name} is in the markup`).toBeGreaterThan(0);
      for (const element of marked) expect(element.localName, name).toBe(tags[name] ?? element.localName);
    }
    // And nothing in the markup is marked with a hook the map does not know.
    const used = new Set(
      scopes.flatMap((scope) => [...scope.querySelectorAll('[data-hook]')].map((element) => element.getAttribute('data-hook'))),
    );
    expect([...used].filter((name) => !names.some((known) => known === name))).toEqual([]);
  });

  it('writes a hook as the attribute the script looks for', () => {
    expect(hook('status')).toEqual({ 'data-hook': 'status' });
  });

  it('starts loading, with the contract attributes and the endpoint in full', () => {
    const card = new DOMParser().parseFromString(memberHtml, 'text/html').querySelector('access-identity');
    expect(card?.getAttribute('data-state')).toBe('loading');
    expect(card?.getAttribute('required-group')).toBe(REQUIRED);
    expect(card?.getAttribute('aria-busy')).toBe('true');
    expect(card?.querySelector('.ai-endpoint')?.textContent).toContain(IDENTITY_PATH);
  });

  it('names the missing hook when the markup lacks one', () => {
    const fragment = document.createDocumentFragment();
    fragment.append(document.createElement('div'));
    expect(() => requireHook(fragment, 'status')).toThrow('identity card: no [data-hook="status"]');
  });

  it('does not take an element of the wrong kind for the hook', () => {
    const holder = document.createElement('div');
    holder.innerHTML = '<span data-hook="filter"></span>';
    expect(() => requireHook(holder, 'filter')).toThrow('identity card: no input[data-hook="filter"]');
  });
});

/** What each persona must show on a page gated by CF-Demo-Group-A. */
const EXPECTED: Record<PersonaName, { state: string; member?: 'true' | 'false'; groups?: string[]; shows: string[] }> = {
  member: {
    state: 'ready',
    member: 'true',
    groups: ['CF-Demo-Group-A', 'All Staff', 'c4d2a1e0-5b6f-4c3d-8e9f-1a2b3c4d5e6f'],
    shows: ['You are a member of CF-Demo-Group-A.', 'Jane Doe', 'jane@barbicancloud.co.uk', 'Microsoft Entra ID', 'GB'],
  },
  slow: {
    state: 'ready',
    member: 'true',
    groups: ['CF-Demo-Group-A', 'All Staff', 'c4d2a1e0-5b6f-4c3d-8e9f-1a2b3c4d5e6f'],
    shows: ['Jane Doe'],
  },
  'non-member': {
    state: 'ready',
    member: 'false',
    groups: ['All Staff', 'CF-Demo-Group-B'],
    shows: ['You are not a member of CF-Demo-Group-A.', 'Sam Visitor', 'IE', 'a1b2c3d4-device'],
  },
  'id-only-groups': {
    state: 'ready',
    member: 'false',
    groups: ['61503835-b6fe-4630-af88-de551dd59a2a', 'c4d2a1e0-5b6f-4c3d-8e9f-1a2b3c4d5e6f'],
    shows: ['Ola Nordmann', 'Look them up in Entra ID → Groups.'],
  },
  saml: {
    state: 'ready',
    member: 'true',
    groups: ['CF-Demo-Group-A', '0b7f5e2c-7a1d-4d3e-9a59-0f4c7e1d2b3c', '61503835-b6fe-4630-af88-de551dd59a2a'],
    shows: ['Alex SAML', 'SAML', 'Look them up in Entra ID → Groups.'],
  },
  'many-groups': { state: 'ready', member: 'true', shows: ['Morgan Many', 'Groups (301)'] },
  'signed-out': { state: 'signed-out', shows: ['You are not signed in.', '“no app token set”'] },
  unprotected: { state: 'unprotected', shows: ['Not behind Cloudflare Access.', 'get-identity answered with HTTP 404'] },
  'html-fall-through': { state: 'unprotected', shows: ['get-identity answered with an HTML page'] },
  error: { state: 'error', shows: ['Could not load your identity.', 'Your identity could not be loaded: HTTP 502.'] },
  malformed: { state: 'error', shows: ['the answer was not valid JSON'] },
};

describe('every persona', () => {
  it('has an expectation here', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(fixtures).sort());
  });

  for (const [persona, expected] of Object.entries(EXPECTED)) {
    it(`${persona}: ${expected.state}${expected.member ? `, data-member=${expected.member}` : ''}`, async () => {
      const card = await open(fixtures[persona as PersonaName]);
      expect(card.dataset['state']).toBe(expected.state);
      expect(card.getAttribute('aria-busy')).toBe('false');
      expect(card.dataset['member']).toBe(expected.member);
      for (const words of expected.shows) expect(card.textContent?.replace(/\s+/g, ' ')).toContain(words);
      if (expected.groups) expect(groupsOf(card)).toEqual(expected.groups);
      if (expected.state !== 'ready') expect(card.querySelectorAll('[data-group]')).toHaveLength(0);
      // The status line is the state template's own sentence.
      const template = card.querySelector<HTMLTemplateElement>(`template[data-hook="${expected.state}"]`);
      expect(status(card)).toBe(template?.dataset['status']);
    });
  }

  it('signed-out: the sign-in link leads back to this page', async () => {
    const card = await open(fixtures['signed-out']);
    const link = card.querySelector('a[data-hook="sign-in"]');
    expect(link?.textContent).toBe('Sign in with Cloudflare Access');
    expect(link?.getAttribute('href')).toBe(new URL(PAGE_URL).pathname);
  });

  it('member: object-id groups are tagged, the required group marked, no device row without a device', async () => {
    const card = await open(fixtures.member);
    expect(card.querySelector('[data-group="c4d2a1e0-5b6f-4c3d-8e9f-1a2b3c4d5e6f"]')?.textContent).toContain('object id');
    expect(card.querySelector('[data-group="CF-Demo-Group-A"]')?.getAttribute('data-required')).toBe('true');
    expect(card.querySelector('[data-group="CF-Demo-Group-A"]')?.textContent).toContain('required here');
    expect(card.querySelectorAll('[data-required]')).toHaveLength(1);
    expect(text(card, 'warp')).toBe('No');
    expect(card.textContent).not.toContain('Device');
    expect(card.querySelector('[data-hook="filter"]')).toBeNull();
  });

  it('saml: groups from SAML attributes carry the SAML tag, and the IdP reads "SAML"', async () => {
    const card = await open(fixtures.saml);
    expect(text(card, 'idp')).toBe('SAML');
    expect(card.querySelector('[data-group="61503835-b6fe-4630-af88-de551dd59a2a"]')?.textContent).toBe(
      '61503835-b6fe-4630-af88-de551dd59a2aobject idSAML',
    );
  });

  it('non-member: WARP, Gateway and the device are shown', async () => {
    const card = await open(fixtures['non-member']);
    expect([text(card, 'warp'), text(card, 'gateway'), text(card, 'device')]).toEqual(['Yes', 'Yes', 'a1b2c3d4-device']);
  });

  it('without a required group: no verdict and no data-member', async () => {
    const card = await open(fixtures.member, openHtml);
    expect(card.dataset['state']).toBe('ready');
    expect(card.dataset['member']).toBeUndefined();
    expect(card.querySelector('[data-hook="member"], [data-hook="not-member"]')).toBeNull();
    expect(groupsOf(card)[0]).toBe('All Staff');
  });
});

describe('the ready view', () => {
  it(`past ${FILTER_THRESHOLD} groups: a filter that narrows the list and says how many are shown`, async () => {
    const card = await open(fixtures['many-groups']);
    expect(groupsOf(card).slice(0, 2)).toEqual(['CF-Demo-Group-A', 'Team 0001']);
    expect(groupsOf(card)).toHaveLength(301);
    const filter = requireHook(card, 'filter');
    filter.value = 'team 012';
    filter.dispatchEvent(new Event('input'));
    expect(groupsOf(card)).toEqual(Array.from({ length: 10 }, (_, i) => `Team 012${i}`));
    expect(text(card, 'shown')).toBe('10 of 301 shown');
    filter.value = '';
    filter.dispatchEvent(new Event('input'));
    expect(groupsOf(card)).toHaveLength(301);
    expect(text(card, 'shown')).toBe('');
  });

  it(`5,000 groups: ${LIST_LIMIT} rows at once, the rest on request, and the filter searches them all`, async () => {
    const card = await open({ status: 200, contentType: 'application/json', body: thousandsOfGroups(), note: 'test' });
    expect(text(card, 'count')).toBe('5000');
    expect(groupsOf(card)).toHaveLength(LIST_LIMIT);
    expect(text(card, 'shown')).toBe(`${LIST_LIMIT} of 5000 shown`);
    const filter = requireHook(card, 'filter');
    filter.value = 'group 4999';
    filter.dispatchEvent(new Event('input'));
    expect(groupsOf(card)).toEqual(['Group 4999']);
    filter.value = '';
    filter.dispatchEvent(new Event('input'));
    const more = requireHook(card, 'more');
    expect(more.hidden).toBe(false);
    expect(more.textContent).toBe('Show all 5000 groups');
    more.click();
    expect(groupsOf(card)).toHaveLength(5000);
    expect(more.hidden).toBe(true);
  });

  it('absent fields say "Not provided", never "undefined" or "null"', async () => {
    const card = await open({ status: 200, contentType: 'application/json', body: { email: 'only@barbicancloud.co.uk' }, note: 'test' });
    expect(text(card, 'name')).toBe('Not provided');
    expect(requireHook(card, 'name').classList.contains('ai-absent')).toBe(true);
    expect(text(card, 'issued')).toBe('Not provided');
    expect(card.textContent).not.toMatch(/undefined|null/);
    expect(card.querySelector('[data-hook="no-groups"]')?.textContent).toBe('Access reported no groups for this session.');
  });

  it('the session time is relative, with the exact time in its title', async () => {
    const card = await open(fixtures.member);
    const time = requireHook(card, 'issued').querySelector('time');
    expect(time?.getAttribute('datetime')).toBe('2025-11-28T16:00:00.000Z');
    expect(time?.getAttribute('title')).toBe('Fri, 28 Nov 2025 16:00:00 GMT');
    expect(time?.textContent).toMatch(/ ago$|^last year$/);
  });

  it('values are text: markup in an answer becomes no element', async () => {
    const body = { email: HOSTILE_STRINGS[0], name: HOSTILE_STRINGS[1], groups: [HOSTILE_STRINGS[2]] };
    const card = await open({ status: 200, contentType: 'application/json', body, note: 'test' });
    expect(text(card, 'email')).toBe(HOSTILE_STRINGS[0]);
    expect(text(card, 'name')).toBe(HOSTILE_STRINGS[1]);
    expect(groupsOf(card)).toEqual([HOSTILE_STRINGS[2]]);
    expect(card.querySelectorAll('img, script, svg')).toHaveLength(0);
    expect(JSON.parse(text(card, 'raw') ?? '')).toEqual(body);
  });
});

describe('fetching', () => {
  it('asks for JSON, with same-origin credentials, no cache, and no followed redirect', async () => {
    const answer = answerWith(fixtures.member);
    await settled(mount(answer));
    expect(answer).toHaveBeenCalledTimes(1);
    const [url, init] = answer.mock.calls[0] ?? [];
    expect(url).toBe(IDENTITY_PATH);
    expect(init).toMatchObject({
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'manual',
      headers: { accept: 'application/json', 'x-requested-with': 'XMLHttpRequest' },
    });
  });

  it('a network failure: error, and "Try again" fetches again and recovers', async () => {
    let calls = 0;
    const answer = vi.fn(() => {
      calls++;
      if (calls === 1) return Promise.reject(new TypeError('Failed to fetch'));
      return Promise.resolve(
        new Response(JSON.stringify({ email: 'jane@barbicancloud.co.uk', groups: [REQUIRED] }), {
          headers: { 'content-type': 'application/json' },
        }),
      );
    });
    const card = await settled(mount(answer));
    expect(card.dataset['state']).toBe('error');
    expect(card.textContent).toContain('Your identity could not be loaded: the network request failed.');
    requireHook(requireHook(card, 'body'), 'refresh').click();
    await vi.waitFor(() => expect(card.dataset['state']).toBe('ready'));
    expect(card.dataset['member']).toBe('true');
    expect(calls).toBe(2);
  });

  it('no answer within 8 seconds: error, with the time-out named', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const never = vi.fn(
      (_url: string | URL | Request, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    );
    const card = mount(never);
    await vi.advanceTimersByTimeAsync(7900);
    expect(card.dataset['state']).toBe('loading');
    await vi.advanceTimersByTimeAsync(200);
    expect(card.dataset['state']).toBe('error');
    expect(card.textContent).toContain('no answer within 8 seconds');
  });

  it('a newer refresh supersedes one under way', async () => {
    const pending: ((response: Response) => void)[] = [];
    const answer = vi.fn(() => new Promise<Response>((resolve) => pending.push(resolve)));
    const json = (fixture: IdentityFixture) =>
      new Response(JSON.stringify(fixture.body), { headers: { 'content-type': 'application/json' } });
    const card = mount(answer);
    const newer = card.refresh();
    expect(pending).toHaveLength(2);
    // The newer request answers first; the older one's late answer must not overwrite it.
    pending[1]?.(json(fixtures.member));
    await newer;
    expect(text(card, 'name')).toBe('Jane Doe');
    pending[0]?.(json(fixtures['non-member']));
    // Let every callback the late answer queued run.
    await new Promise((resolve) => setImmediate(resolve));
    expect(text(card, 'name')).toBe('Jane Doe');
    expect(card.dataset['member']).toBe('true');
  });
});
