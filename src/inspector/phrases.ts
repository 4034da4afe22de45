/**
 * The inspector's words: every sentence, label and list item it shows is an element in the
 * server-rendered `words` template (components/inspector/*Words.astro), named by its hook
 * (`need:email`, `decision:policy`, ...; src/lib/hooks.ts). `say(name, values)` copies one and
 * fills it, so the script carries the choice of words, not the words. Inside a phrase, a hook
 * names a value by its key, and prefixes change what is done with it:
 * - `key`: the value as text (or, when it is a Node, that node: a phrase inside a phrase);
 * - `#key`: the value as a short id, its first 8 characters (ids are told apart at a glance);
 * - `?key` / `!key`: the element stays only when the value is set (not empty, 0, false) / is not.
 * A phrase is filled once, whole: a condition whose value is not given counts as not set.
 * Values only ever become text (`textContent`), never markup.
 */
import { HOOK_ATTRIBUTE } from '../lib/hooks.ts';

/** What a phrase's hooks are filled with: text, a number, a flag, or a node (a phrase of its own). */
export type HookValue = string | number | boolean | Node | undefined;
export type HookValues = Readonly<Record<string, HookValue>>;

/** An id cut to its first 8 characters when it is long (as ids are told apart at a glance). */
export const shortId = (id: string): string => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

/** Fills the hooks inside `view` from `values` (see the top of this file); value hooks of other keys are left alone. */
export function fillHooks<T extends ParentNode>(view: T, values: HookValues): T {
  const marked = view.querySelectorAll(`[${HOOK_ATTRIBUTE}]`);
  // Conditions first, so that a value is put only where it stays.
  for (const element of marked) {
    const name = element.getAttribute(HOOK_ATTRIBUTE) ?? '';
    if (name[0] !== '?' && name[0] !== '!') continue;
    if (!values[name.slice(1)] === (name[0] === '?')) element.remove();
    else element.removeAttribute(HOOK_ATTRIBUTE);
  }
  for (const element of marked) {
    const name = element.getAttribute(HOOK_ATTRIBUTE) ?? '';
    const short = name[0] === '#';
    const key = short ? name.slice(1) : name;
    // Not ours (a phrase of its own, filled later), or inside a part a condition took out.
    if (!Object.hasOwn(values, key) || !view.contains(element)) continue;
    const value = values[key];
    element.removeAttribute(HOOK_ATTRIBUTE);
    if (typeof value === 'object') element.replaceChildren(value);
    else element.textContent = short ? shortId(String(value ?? '')) : String(value ?? '');
  }
  return view;
}

export interface Say {
  /** A copy of the phrase, filled; throws naming it when the markup lacks it (a bug of the page). */
  (name: string, values?: HookValues): HTMLElement;
  /** The same, or undefined when there is no such phrase (a word that only some cases have). */
  maybe(name: string, values?: HookValues): HTMLElement | undefined;
}

/** The phrase's text as one line, for the status line and the tests. */
export const textOf = (node: Node): string => (node.textContent ?? '').replace(/\s+/g, ' ').trim();

export function phrasesOf(template: HTMLTemplateElement): Say {
  const phrases = new Map<string, Element>();
  for (const element of template.content.children) phrases.set(element.getAttribute(HOOK_ATTRIBUTE) ?? '', element);
  // Phrases filled with text alone, by name and values: the same facts of one identity recur under
  // every rule, and copying a filled phrase is cheaper than filling it again. Bounded.
  const filled = new Map<string, Element>();
  const maybe = (name: string, values: HookValues = {}) => {
    const key = Object.values(values).some((value) => typeof value === 'object') ? undefined : name + JSON.stringify(values);
    const phrase = (key && filled.get(key)) || phrases.get(name);
    const copy = phrase && document.importNode(phrase, true);
    if (!(copy instanceof HTMLElement)) return undefined;
    if (phrase === filled.get(key ?? '')) return copy;
    copy.removeAttribute(HOOK_ATTRIBUTE);
    fillHooks(copy, values);
    if (key && filled.size < 2_000) filled.set(key, document.importNode(copy, true));
    return copy;
  };
  const say = (name: string, values?: HookValues) => {
    const phrase = maybe(name, values);
    if (!phrase) throw new Error(`inspector: no phrase ${name}`);
    return phrase;
  };
  return Object.assign(say, { maybe });
}

/** The nodes in one fragment, with `between` between them and `last` before the last (", " and " and "). */
export function join(nodes: readonly Node[], between = '', last = between): DocumentFragment {
  const fragment = document.createDocumentFragment();
  nodes.forEach((node, i) => {
    const separator = i === 0 ? '' : i === nodes.length - 1 ? last : between;
    if (separator) fragment.append(separator);
    fragment.append(node);
  });
  return fragment;
}

/** 1,000,000: by hand, as toLocaleString's first use loads ICU data on the main thread. */
export const number = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "“a”, “b” and 3 more": the values quoted, `count` of them in all; `or` for alternatives. */
export function quoted(values: readonly string[], count = values.length, conjunction = ' and '): string {
  const shown = values.map((value) => `“${value}”`);
  const more = count - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${number(more)} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')}${conjunction}${shown.at(-1) ?? ''}` : (shown[0] ?? '');
}
