/**
 * Fills the card's server-rendered `ready` template (components/IdentityCard.astro) from a
 * parsed identity. Values go in as text only, never as HTML.
 */
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
  const [unit, size] = UNITS.find(([, s]) => Math.abs(delta) >= s) ?? ['second', 1];
  return relativeFormat.format(Math.round(delta / size), unit);
}

type Scope = DocumentFragment | Element;

/** Removes every `[data-if=name]` in scope unless the condition holds. */
function keepIf(scope: Scope, name: string, condition: boolean): void {
  if (!condition) for (const element of scope.querySelectorAll(`[data-if="${name}"]`)) element.remove();
}

function setText(element: Element | null, value: string | undefined): void {
  if (!element) return;
  element.textContent = value ?? 'Not provided';
  if (value === undefined) element.classList.add('ai-absent');
}

function issuedAt(seconds: number | undefined): HTMLTimeElement | undefined {
  const date = new Date((seconds ?? NaN) * 1000);
  if (Number.isNaN(date.getTime())) return undefined;
  const time = document.createElement('time');
  time.dateTime = date.toISOString();
  time.title = date.toUTCString();
  time.textContent = relativeTime(seconds ?? 0, Date.now());
  return time;
}

const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : value ? 'Yes' : 'No');

function groupItem(template: HTMLTemplateElement, group: IdentityGroup, required: boolean): Element {
  const item = (template.content.firstElementChild as Element).cloneNode(true) as Element;
  item.setAttribute('data-group', group.label);
  if (required) item.setAttribute('data-required', 'true');
  if (group.idOnly) item.classList.add('ai-group--id');
  (item.firstElementChild as Element).textContent = group.label;
  keepIf(item, 'required', required);
  keepIf(item, 'id', group.idOnly);
  keepIf(item, 'saml', group.source === 'saml');
  keepIf(item, 'oidc', group.source === 'oidc');
  return item;
}

function enableFilter(input: HTMLInputElement, list: Element, shown: Element, total: number): void {
  input.addEventListener('input', () => {
    const needle = input.value.trim().toLowerCase();
    let count = 0;
    for (const item of list.children) {
      const match = !needle || (item.getAttribute('data-group') ?? '').toLowerCase().includes(needle);
      (item as HTMLElement).hidden = !match;
      count += Number(match);
    }
    shown.textContent = needle ? `${count} of ${total} shown` : '';
  });
}

function fillGroups(view: DocumentFragment, groupTemplate: HTMLTemplateElement, identity: Identity, requiredGroup: string | undefined): void {
  const groups = sortGroups(identity.groups, requiredGroup);
  const wanted = requiredGroup?.toLowerCase();
  const list = view.querySelector('[data-field="groups"]') as Element;
  for (const group of groups) {
    const required = wanted !== undefined && (group.name?.toLowerCase() === wanted || group.id?.toLowerCase() === wanted);
    list.append(groupItem(groupTemplate, group, required));
  }
  (view.querySelector('[data-field="count"]') as Element).textContent = String(groups.length);
  keepIf(view, 'no-groups', groups.length === 0);
  keepIf(view, 'id-only', groups.some((g) => g.idOnly));
  keepIf(view, 'many', groups.length > FILTER_THRESHOLD);
  const filter = view.querySelector<HTMLInputElement>('[data-if="many"]');
  if (filter) enableFilter(filter, list, view.querySelector('[data-field="shown"]') as Element, groups.length);
  if (groups.length === 0) list.remove();
}

export function renderIdentity(
  templates: { ready: HTMLTemplateElement; group: HTMLTemplateElement },
  identity: Identity,
  requiredGroup: string | undefined,
  raw: unknown,
): DocumentFragment {
  const view = templates.ready.content.cloneNode(true) as DocumentFragment;
  const field = (name: string) => view.querySelector(`[data-field="${name}"]`);
  const verdict = requiredGroup ? (isMemberOf(identity, requiredGroup) ? 'member' : 'not-member') : undefined;
  for (const element of view.querySelectorAll('[data-verdict]')) {
    if (element.getAttribute('data-verdict') === verdict) (element.querySelector('[data-field="group"]') as Element).textContent = requiredGroup ?? '';
    else element.remove();
  }
  setText(field('name'), identity.name);
  setText(field('email'), identity.email);
  setText(field('idp'), idpDisplayName(identity.idpType));
  const time = issuedAt(identity.issuedAt);
  if (time) field('issued')?.append(time);
  else setText(field('issued'), undefined);
  setText(field('country'), identity.country);
  setText(field('warp'), yesNo(identity.isWarp));
  setText(field('gateway'), yesNo(identity.isGateway));
  if (identity.deviceId) setText(field('device'), identity.deviceId);
  else view.querySelector('[data-optional]')?.remove();
  fillGroups(view, templates.group, identity, requiredGroup);
  (field('raw') as Element).textContent = JSON.stringify(raw, null, 2);
  return view;
}
