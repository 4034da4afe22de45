/**
 * Fills the card's server-rendered `ready` template (IdentityCard.astro) from a parsed identity.
 * Values go in as text only, never as HTML.
 */
import { HOOK_ATTRIBUTE } from '../client/hooks.ts';
import { findHook, requireHook, type CardHookElement, type HookName } from './card-hooks.ts';
import { fillFacts } from './identity-facts.ts';
import { isMemberOf, isRequiredGroup, sortGroups, type Identity, type IdentityGroup } from './parse-identity.ts';

/** Past this many groups the list gets a filter box. */
export const FILTER_THRESHOLD = 20;
/** Rows rendered at once; more behind "Show all". */
export const LIST_LIMIT = 500;

/** Removes the hook's element unless the condition holds. */
function keepIf(view: ParentNode, name: HookName, condition: boolean): void {
  if (!condition) findHook(view, name)?.remove();
}

/** A copy of a node in this document (typed as the node, unlike cloneNode). */
const copy = <T extends Node>(node: T, deep = false): T => document.importNode(node, deep);

/** A copy of a template's hook element, without its hook attribute (the copy is content). */
function part<N extends HookName>(scope: ParentNode, name: N, deep = false): CardHookElement<N> {
  const element = copy(requireHook(scope, name), deep);
  element.removeAttribute(HOOK_ATTRIBUTE);
  return element;
}

/** The row and tag chips a group can carry, taken once from the server-rendered group template. */
function groupParts(template: HTMLTemplateElement) {
  const scope = template.content;
  return {
    row: part(scope, 'row'),
    label: part(scope, 'label'),
    chips: {
      required: part(scope, 'tag-required', true),
      id: part(scope, 'tag-id', true),
      saml: part(scope, 'tag-saml', true),
      oidc: part(scope, 'tag-oidc', true),
    },
  };
}

// Built by cloning a few prepared nodes rather than a whole template per row: thousands of
// groups must render within a frame or two.
function groupItem(parts: ReturnType<typeof groupParts>, group: IdentityGroup, required: boolean): HTMLElement {
  const item = copy(parts.row);
  item.setAttribute('data-group', group.label);
  const label = copy(parts.label);
  label.textContent = group.label;
  item.append(label);
  if (required) {
    item.setAttribute('data-required', 'true');
    item.append(copy(parts.chips.required, true));
  }
  if (group.idOnly) {
    item.classList.add('ai-group--id');
    item.append(copy(parts.chips.id, true));
  }
  if (group.source !== 'groups') item.append(copy(parts.chips[group.source], true));
  return item;
}

/**
 * The group list: sorted, filterable past FILTER_THRESHOLD, and at most LIST_LIMIT rows at a
 * time so that even thousands of groups render within a few frames; "Show all" lifts the limit.
 * The filter searches every group, not only the rows on screen.
 */
function fillGroups(
  view: DocumentFragment,
  groupTemplate: HTMLTemplateElement,
  identity: Identity,
  requiredGroup: string | undefined,
): void {
  const groups = sortGroups(identity.groups, requiredGroup);
  const list = requireHook(view, 'groups');
  const shown = requireHook(view, 'shown');
  const more = requireHook(view, 'more');
  const filter = requireHook(view, 'filter');
  const parts = groupParts(groupTemplate);
  let showAll = false;

  const update = () => {
    const needle = filter.value.trim().toLowerCase();
    const matches = needle ? groups.filter((g) => g.label.toLowerCase().includes(needle)) : groups;
    const rows = showAll ? matches : matches.slice(0, LIST_LIMIT);
    const fragment = document.createDocumentFragment();
    for (const group of rows) fragment.append(groupItem(parts, group, isRequiredGroup(group, requiredGroup)));
    list.replaceChildren(fragment);
    shown.textContent = needle || rows.length < matches.length ? `${rows.length} of ${groups.length} shown` : '';
    more.hidden = rows.length === matches.length;
    more.textContent = `Show all ${matches.length} groups`;
  };
  filter.addEventListener('input', update);
  more.addEventListener('click', () => {
    showAll = true;
    update();
  });
  update();

  requireHook(view, 'count').textContent = String(groups.length);
  keepIf(view, 'no-groups', groups.length === 0);
  keepIf(
    view,
    'id-only',
    groups.some((g) => g.idOnly),
  );
  keepIf(view, 'filter', groups.length > FILTER_THRESHOLD);
  if (groups.length === 0) list.remove();
}

export function renderIdentity(
  templates: { ready: HTMLTemplateElement; group: HTMLTemplateElement },
  identity: Identity,
  requiredGroup: string | undefined,
  raw: unknown,
): DocumentFragment {
  const view = document.importNode(templates.ready.content, true);
  const verdict = requiredGroup ? (isMemberOf(identity, requiredGroup) ? 'member' : 'not-member') : undefined;
  for (const name of ['member', 'not-member'] as const) {
    const element = requireHook(view, name);
    if (name === verdict) requireHook(element, 'required-group').textContent = requiredGroup ?? '';
    else element.remove();
  }
  fillFacts(view, identity);
  fillGroups(view, templates.group, identity, requiredGroup);
  requireHook(view, 'raw').textContent = JSON.stringify(raw, null, 2);
  return view;
}
