/**
 * The one way a script finds its parts in the markup the server rendered: every element a script
 * reaches for carries `data-hook="<name>"`, and each element type (the identity card, the
 * inspector) declares a hook map, the names it uses and, where it matters, the element each must
 * be (a <template> for its content, a <textarea> for its value). The component writes a hook
 * with `hook(name)`, the script finds it with `requireHook` (or `findHook` where the markup may
 * have removed it), so the two cannot drift apart silently: a missing or mistyped hook is an
 * error that names it, not a `null` deep inside a render. No casts: the tag is checked.
 * The inspector's words are hooks too, filled by their values (src/inspector/phrases.ts).
 */

/** The attribute that marks every hook; its value is the hook's name. */
export const HOOK_ATTRIBUTE = 'data-hook';

type Tag = keyof HTMLElementTagNameMap;

/** The element a hook is: the tag its map names, else any HTML element. */
export type HookElement<Tagged extends Record<string, Tag>, N extends string> = N extends keyof Tagged
  ? HTMLElementTagNameMap[Tagged[N]]
  : HTMLElement;

/** Functions, not methods: each element's script takes them apart (`const { findHook } = …`). */
export interface Hooks<Tagged extends Record<string, Tag>, Plain extends string> {
  /** The attribute to spread on the element in the component: `<dd {...hook('name')}>`. */
  hook: (name: (keyof Tagged & string) | Plain) => { [HOOK_ATTRIBUTE]: string };
  /** The hook inside scope, or undefined where the markup has (legitimately) removed it. */
  findHook: <N extends (keyof Tagged & string) | Plain>(scope: ParentNode, name: N) => HookElement<Tagged, N> | undefined;
  /** The hook inside scope; throws an error naming it when the markup lacks it. */
  requireHook: <N extends (keyof Tagged & string) | Plain>(scope: ParentNode, name: N) => HookElement<Tagged, N>;
  /** The hook element an event started in (a click on a button's text lands on the text's parent). */
  closestHook: <N extends (keyof Tagged & string) | Plain>(target: EventTarget | null, name: N) => HookElement<Tagged, N> | undefined;
}

/**
 * The helpers for one hook map: `tagged` gives the hooks whose tag the script checks (only those
 * ship in its code); `Plain` names the rest, any HTML element will do for them.
 */
export function defineHooks<Tagged extends Record<string, Tag>, Plain extends string>(owner: string, tagged: Tagged): Hooks<Tagged, Plain> {
  type Name = (keyof Tagged & string) | Plain;
  const tags: Partial<Record<string, Tag>> = tagged;
  const selector = (name: string) => `[${HOOK_ATTRIBUTE}="${name}"]`;
  const isHook = <N extends Name>(element: Element | null, name: N): element is HookElement<Tagged, N> => {
    const tag = Object.hasOwn(tags, name) ? tags[name] : undefined;
    return tag ? element?.localName === tag : element instanceof HTMLElement;
  };
  const findHook = <N extends Name>(scope: ParentNode, name: N) => {
    const element = scope.querySelector(selector(name));
    return isHook(element, name) ? element : undefined;
  };
  return {
    hook: (name) => ({ [HOOK_ATTRIBUTE]: name }),
    findHook,
    requireHook: (scope, name) => {
      const element = findHook(scope, name);
      if (!element) throw new Error(`${owner}: no ${tags[name] ?? ''}${selector(name)}`);
      return element;
    },
    closestHook: (target, name) => {
      const element = target instanceof Element ? target.closest(selector(name)) : null;
      return isHook(element, name) ? element : undefined;
    },
  };
}
