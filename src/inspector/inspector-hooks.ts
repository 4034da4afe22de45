/**
 * The inspector's hook map (src/client/hooks.ts): every element `<access-inspector>` reaches for in
 * its server-rendered frame (components/Inspector.astro and components/inspector/*), by name,
 * with the element it must be. Its words are phrases in the `words` template (phrases.ts); the
 * identity's facts are the view it shares with the card (src/identity/identity-facts.ts).
 */
import { defineHooks } from '../client/hooks.ts';

/** Hooks the script needs to be a particular element, by tag (checked at run time). */
export const TAGGED_HOOKS = {
  'inspect-form': 'form',
  'inspect-input': 'textarea',
  'policy-form': 'form',
  'policy-input': 'textarea',
  /** The account id the API calls are personalised with (src/client/personalise.ts). */
  account: 'form',
  /** Every phrase the inspector shows. */
  words: 'template',
  /** The demos and their gates, as JSON, from the demo list at build time. */
  demos: 'script',
} as const satisfies Record<string, keyof HTMLElementTagNameMap>;

/** Hooks any HTML element will do for. */
export const PLAIN_HOOKS = [
  // The page's status line, and the two results (the contract's [data-inspect-result] and [data-policy-result]).
  'status',
  'result',
  'policy-result',
  // "Use my current session", in the form and in an Access token's summary.
  'session',
  // A summary's heading, which the status line repeats.
  'heading',
] as const;

export type InspectorHook = keyof typeof TAGGED_HOOKS | (typeof PLAIN_HOOKS)[number];

export const { hook, findHook, requireHook, closestHook } = defineHooks<typeof TAGGED_HOOKS, InspectorHook>('inspector', TAGGED_HOOKS);
