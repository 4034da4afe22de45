/**
 * Fills the card's server-rendered `ready` template (components/IdentityCard.astro) from a
 * parsed identity. Values go in as text only, never as HTML.
 */
import { idpDisplayName, isMemberOf, isRequiredGroup, sortGroups, type Identity, type IdentityGroup } from './parse-identity.ts';
import { relativeTime } from './relative-time.ts';

/** Past this many groups the list gets a filter box. */
export const FILTER_THRESHOLD = 20;
/** Rows rendered at once; more behind "Show all". */
export const LIST_LIMIT = 500;

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

/** The tag chips a group row can carry, taken once from the server-rendered group template. */
function groupParts(template: HTMLTemplateElement) {
  const item = template.content.firstElementChild as Element;
  const tag = (name: string) => item.querySelector(`[data-if="${name}"]`)?.cloneNode(true) as Element;
  const chips = { required: tag('required'), id: tag('id'), saml: tag('saml'), oidc: tag('oidc') };
  for (const chip of Object.values(chips)) chip.removeAttribute('data-if');
  const row = item.cloneNode(false) as Element;
  const label = item.firstElementChild?.cloneNode(false) as Element;
  return { row, label, chips };
}

// Built by cloning a few prepared nodes rather than a whole template per row: thousands of
// groups must render within a frame or two.
function groupItem(parts: ReturnType<typeof groupParts>, group: IdentityGroup, required: boolean): Element {
  const item = parts.row.cloneNode(false) as Element;
  item.setAttribute('data-group', group.label);
  const label = parts.label.cloneNode(false);
  label.textContent = group.label;
  item.append(label);
  if (required) {
    item.setAttribute('data-required', 'true');
    item.append(parts.chips.required.cloneNode(true));
  }
  if (group.idOnly) {
    item.classList.add('ai-group--id');
    item.append(parts.chips.id.cloneNode(true));
  }
  if (group.source !== 'groups') item.append(parts.chips[group.source].cloneNode(true));
  return item;
}

/**
 * The group list: sorted, filterable past FILTER_THRESHOLD, and at most LIST_LIMIT rows at a
 * time so that even thousands of groups render within a few frames; "Show all" lifts the limit.
 * The filter searches every group, not only the rows on screen.
 */
function fillGroups(view: DocumentFragment, groupTemplate: HTMLTemplateElement, identity: Identity, requiredGroup: string | undefined): void {
  const groups = sortGroups(identity.groups, requiredGroup);
  const list = view.querySelector('[data-field="groups"]') as Element;
  const shown = view.querySelector('[data-field="shown"]') as Element;
  const more = view.querySelector<HTMLButtonElement>('[data-field="more"]');
  const filter = view.querySelector<HTMLInputElement>('[data-if="many"]');
  const parts = groupParts(groupTemplate);
  let showAll = false;

  const update = () => {
    const needle = filter?.value.trim().toLowerCase() ?? '';
    const matches = needle ? groups.filter((g) => g.label.toLowerCase().includes(needle)) : groups;
    const rows = showAll ? matches : matches.slice(0, LIST_LIMIT);
    const fragment = document.createDocumentFragment();
    for (const group of rows) fragment.append(groupItem(parts, group, isRequiredGroup(group, requiredGroup)));
    list.replaceChildren(fragment);
    shown.textContent = needle || rows.length < matches.length ? `${rows.length} of ${groups.length} shown` : '';
    if (more) {
      more.hidden = rows.length === matches.length;
      more.textContent = `Show all ${matches.length} groups`;
    }
  };
  filter?.addEventListener('input', update);
  more?.addEventListener('click', () => {
    showAll = true;
    update();
  });
  update();

  (view.querySelector('[data-field="count"]') as Element).textContent = String(groups.length);
  keepIf(view, 'no-groups', groups.length === 0);
  keepIf(view, 'id-only', groups.some((g) => g.idOnly));
  keepIf(view, 'many', groups.length > FILTER_THRESHOLD);
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
