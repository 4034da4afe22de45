/**
 * The card's hook map (src/client/hooks.ts): every element the card's script reaches for in its
 * server-rendered markup (IdentityCard.astro), by name, with the element it must be. The
 * component writes each hook with `hook(name)`; the script (access-identity-element.ts,
 * render-identity.ts) finds it with `requireHook`, `findHook` or `closestHook`.
 */
import { defineHooks, type HookElement } from '../client/hooks.ts';
import { FACT_HOOKS } from './identity-facts.ts';

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
  // The ready view (and the identity's facts, identity-facts.ts).
  'member',
  'not-member',
  'required-group',
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
export type HookName = TaggedHook | (typeof PLAIN_HOOKS)[number] | (typeof FACT_HOOKS)[number];
export type CardHookElement<N extends HookName> = HookElement<typeof TAGGED_HOOKS, N>;

const isTagged = (key: string): key is TaggedHook => Object.hasOwn(TAGGED_HOOKS, key);

/** Every hook name, for checks of the markup (a function, so the card's script does not ship the list). */
export function hookNames(): HookName[] {
  return [...Object.keys(TAGGED_HOOKS).filter(isTagged), ...PLAIN_HOOKS, ...FACT_HOOKS];
}

export const { hook, findHook, requireHook, closestHook } = defineHooks<typeof TAGGED_HOOKS, HookName>('identity card', TAGGED_HOOKS);
