/**
 * The one contract between the card's server-rendered markup (IdentityCard.astro) and the script
 * that fills it (access-identity-element.ts, render-identity.ts): every element the script
 * reaches for, by name, with the element it must be (`CardHooks`). In the markup a hook is the
 * attribute `data-hook="<name>"`.
 *
 * The component writes each hook with `hook(name)`, the script finds it with
 * `requireHook` (or `findHook` where the markup may have removed it), so the two cannot drift
 * apart silently: a missing or mistyped hook is an error that names it, not a `null` deep inside
 * a render.
 */

/**
 * Hooks the script needs to be a particular element (a template's content, an input's value),
 * by tag. The script checks these tags at run time.
 */
export const TAGGED_HOOKS = {
  // One <template> per state, named after the state (`data-state`) it shows, and the group row.
  ready: 'template',
  'signed-out': 'template',
  unprotected: 'template',
  error: 'template',
  group: 'template',
  filter: 'input',
} as const satisfies Record<string, keyof HTMLElementTagNameMap>;

/**
 * Hooks any HTML element will do for: the script sets their text, attributes or children, or
 * removes them. (Kept apart from TAGGED_HOOKS so the script ships only the tags it checks.)
 */
export const PLAIN_HOOKS = [
  // The frame, present from the first byte.
  'status',
  'body',
  'refresh',
  // The ready view.
  'member',
  'not-member',
  'required-group',
  'name',
  'email',
  'idp',
  'issued',
  'country',
  'warp',
  'gateway',
  'device',
  'device-row',
  'count',
  'no-groups',
  'id-only',
  'shown',
  'groups',
  'more',
  'copy-raw',
  'raw',
  // The group row, its label and its tags.
  'row',
  'label',
  'tag-required',
  'tag-id',
  'tag-saml',
  'tag-oidc',
  // The signed-out, unprotected and error views.
  'detail',
  'sign-in',
] as const;

type TaggedHook = keyof typeof TAGGED_HOOKS;
export type HookName = TaggedHook | (typeof PLAIN_HOOKS)[number];

/** The card's hook map: each hook's name and the element it is (`CardHooks['filter']` is an input). */
export type CardHooks = { [N in HookName]: N extends TaggedHook ? HTMLElementTagNameMap[(typeof TAGGED_HOOKS)[N]] : HTMLElement };
export type HookElement<N extends HookName> = CardHooks[N];

const isTagged = (key: string): key is TaggedHook => Object.hasOwn(TAGGED_HOOKS, key);

/** Every hook name, for checks of the markup (a function, so the card's script does not ship the list). */
export function hookNames(): HookName[] {
  return [...Object.keys(TAGGED_HOOKS).filter(isTagged), ...PLAIN_HOOKS];
}

/** The attribute that marks every hook; its value is the hook's name. */
export const HOOK_ATTRIBUTE = 'data-hook';

/** The attribute to spread on the element in the component: `<dd {...hook('name')}>`. */
export function hook(name: HookName): { [HOOK_ATTRIBUTE]: HookName } {
  return { [HOOK_ATTRIBUTE]: name };
}

const selector = (name: HookName) => `[${HOOK_ATTRIBUTE}="${name}"]`;
const tags: Partial<Record<HookName, string>> = TAGGED_HOOKS;

/** Whether the element is what the hook map says the hook is. */
function isHook<N extends HookName>(element: Element, name: N): element is HookElement<N> {
  const tag = tags[name];
  return tag ? element.localName === tag : element instanceof HTMLElement;
}

/** The hook inside scope, or undefined where the markup has (legitimately) removed it. */
export function findHook<N extends HookName>(scope: ParentNode, name: N): HookElement<N> | undefined {
  const element = scope.querySelector(selector(name));
  return element && isHook(element, name) ? element : undefined;
}

/** The hook inside scope; throws an error naming it when the markup lacks it. */
export function requireHook<N extends HookName>(scope: ParentNode, name: N): HookElement<N> {
  const element = findHook(scope, name);
  if (!element) throw new Error(`identity card: no ${tags[name] ?? ''}${selector(name)}`);
  return element;
}

/** The hook element an event started in (a click on a button's text lands on the text's parent). */
export function closestHook<N extends HookName>(target: EventTarget | null, name: N): HookElement<N> | undefined {
  const element = target instanceof Element ? target.closest(selector(name)) : null;
  return element && isHook(element, name) ? element : undefined;
}
