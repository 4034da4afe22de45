/**
 * Builds the card's `ready` view from a parsed identity. DOM only, text only (see lib/dom.ts).
 */
import { h } from '../lib/dom.ts';
import { idpDisplayName, isMemberOf, sortGroups, type Identity, type IdentityGroup } from './parse-identity.ts';

/** Past this many groups the list gets a filter box. */
export const FILTER_THRESHOLD = 20;

const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

export function relativeTime(epochSeconds: number, nowMs: number): string {
  const delta = epochSeconds - nowMs / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) >= size || unit === 'second') return relativeFormat.format(Math.round(delta / size), unit);
  }
  return '';
}

function fact(term: string, value: Node | string | undefined): HTMLElement {
  return h(
    'div',
    {},
    h('dt', {}, term),
    value === undefined ? h('dd', { class: 'ai-absent' }, 'Not provided') : h('dd', {}, value),
  );
}

function issuedAt(seconds: number | undefined): Node | undefined {
  if (seconds === undefined) return undefined;
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return undefined;
  return h('time', { datetime: date.toISOString(), title: date.toUTCString() }, relativeTime(seconds, Date.now()));
}

const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : value ? 'Yes' : 'No');

function verdict(identity: Identity, requiredGroup: string): HTMLElement {
  const member = isMemberOf(identity, requiredGroup);
  return h(
    'p',
    { class: `ai-verdict ai-verdict--${member ? 'member' : 'not-member'}`, 'data-verdict': member ? 'member' : 'not-member' },
    h('span', { class: 'ai-verdict__icon', 'aria-hidden': 'true' }, member ? '✓' : '✕'),
    h('span', {}, member ? 'You are a member of ' : 'You are not a member of ', h('strong', {}, requiredGroup), '.'),
  );
}

function groupItem(group: IdentityGroup, required: boolean): HTMLElement {
  return h(
    'li',
    { 'data-group': group.label, 'data-required': required ? 'true' : undefined, class: group.idOnly ? 'ai-group--id' : undefined },
    h('span', { class: 'ai-group__label' }, group.label),
    required && h('span', { class: 'ai-tag ai-tag--required' }, 'required here'),
    group.idOnly && h('span', { class: 'ai-tag' }, 'object id'),
    group.source !== 'groups' && h('span', { class: 'ai-tag' }, group.source === 'saml' ? 'SAML' : 'OIDC'),
  );
}

function groupFilter(list: HTMLUListElement, count: HTMLElement, total: number): HTMLElement {
  const input = h('input', { type: 'search', class: 'ai-filter', 'aria-label': 'Filter groups', placeholder: 'Filter groups…', autocomplete: 'off' });
  input.addEventListener('input', () => {
    const needle = input.value.trim().toLowerCase();
    let shown = 0;
    for (const item of list.children) {
      const match = !needle || (item.getAttribute('data-group') ?? '').toLowerCase().includes(needle);
      (item as HTMLElement).hidden = !match;
      if (match) shown++;
    }
    count.textContent = needle ? `${shown} of ${total} shown` : '';
  });
  return input;
}

function groups(identity: Identity, requiredGroup: string | undefined): HTMLElement {
  const sorted = sortGroups(identity.groups, requiredGroup);
  const wanted = requiredGroup?.trim().toLowerCase();
  const list = h('ul', { class: 'ai-groups__list', 'aria-label': 'Groups' });
  const fragment = document.createDocumentFragment();
  for (const group of sorted) {
    const required = wanted !== undefined && (group.name?.toLowerCase() === wanted || group.id?.toLowerCase() === wanted);
    fragment.append(groupItem(group, required));
  }
  list.append(fragment);
  const count = h('p', { class: 'ai-filter-count', 'aria-live': 'polite' });
  const hasIds = sorted.some((g) => g.idOnly);
  return h(
    'section',
    { class: 'ai-groups', 'aria-label': 'Groups' },
    h('h3', {}, `Groups (${sorted.length})`),
    sorted.length === 0 && h('p', { class: 'ai-absent' }, 'Access reported no groups for this session.'),
    hasIds &&
      h(
        'p',
        { class: 'ai-note' },
        'Entries marked “object id” are Entra group object ids: Access knows the group but not its name. Look them up in Entra ID → Groups.',
      ),
    sorted.length > FILTER_THRESHOLD && groupFilter(list, count, sorted.length),
    count,
    sorted.length > 0 && list,
  );
}

export function renderIdentity(identity: Identity, requiredGroup: string | undefined): DocumentFragment {
  const fragment = document.createDocumentFragment();
  if (requiredGroup) fragment.append(verdict(identity, requiredGroup));
  fragment.append(
    h(
      'dl',
      { class: 'ai-facts' },
      fact('Name', identity.name),
      fact('Email', identity.email),
      fact('Identity provider', idpDisplayName(identity.idpType)),
      fact('Signed in', issuedAt(identity.issuedAt)),
      fact('Country', identity.country),
      fact('WARP', yesNo(identity.isWarp)),
      fact('Gateway', yesNo(identity.isGateway)),
      identity.deviceId !== undefined && fact('Device', identity.deviceId),
    ),
    groups(identity, requiredGroup),
  );
  return fragment;
}
