/**
 * The inspector's words: every sentence, label and list item it shows is an element in the
 * server-rendered `words` template (components/inspector/*Words.astro), named by its hook
 * (`need:email`, `decision:policy`, ...; src/client/hooks.ts), so the script carries the choice of
 * words, not the words. `say(name, values)` copies one and fills it (a part of the page: a
 * policy, a rule, a summary); `say.text(name, values)` reads it as one line of text, without
 * copying anything, from the phrase read once (a sentence: a thousand rules' reasons this way).
 * Inside a phrase, a hook names a value by its key, and prefixes change what is done with it:
 * - `key`: the value as text (or, when it is a Node, that node: a phrase inside a phrase);
 * - `#key`: the value as a short id, its first 8 characters (ids are told apart at a glance);
 * - `?key` / `!key`: the element stays only when the value is set (not empty, 0, false) / is not.
 * A phrase is filled once, whole: a condition whose value is not given counts as not set.
 * Values only ever become text (`textContent`), never markup.
 */
import { HOOK_ATTRIBUTE } from '../client/hooks.ts';

/** What a phrase's hooks are filled with: text, a number, a flag, or a node (a phrase of its own). */
export type HookValue = string | number | boolean | Node | undefined;
export type HookValues = Readonly<Record<string, HookValue>>;

/** An id cut to its first 8 characters when it is long (as ids are told apart at a glance). */
export const shortId = (id: string): string => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

/** A value hook's key and whether it is shown short (`#key`). */
const slot = (name: string) => (name[0] === '#' ? { key: name.slice(1), short: true } : { key: name, short: false });
/** A value as text: a node's text, else the primitive written out. */
const asText = (value: HookValue): string => (value instanceof Node ? (value.textContent ?? '') : value === undefined ? '' : String(value));
const shown = (value: HookValue, short: boolean) => (short ? shortId(asText(value)) : asText(value));
/** For a condition hook: whether its part stays; undefined for any other hook. */
const kept = (name: string, values: HookValues) =>
  name[0] === '?' || name[0] === '!' ? !values[name.slice(1)] !== (name[0] === '?') : undefined;

/** Fills the hooks inside `view` from `values` (see the top of this file); value hooks of other keys are left alone. */
export function fillHooks<T extends ParentNode>(view: T, values: HookValues): T {
  const marked = view.querySelectorAll(`[${HOOK_ATTRIBUTE}]`);
  let removed = false;
  // Conditions first, so that a value is put only where it stays.
  for (const element of marked) {
    const stays = kept(element.getAttribute(HOOK_ATTRIBUTE) ?? '', values);
    if (stays === false) {
      element.remove();
      removed = true;
    } else if (stays) element.removeAttribute(HOOK_ATTRIBUTE);
  }
  for (const element of marked) {
    const { key, short } = slot(element.getAttribute(HOOK_ATTRIBUTE) ?? '');
    // Not ours (a phrase of its own, filled later), or inside a part a condition took out.
    if (!Object.hasOwn(values, key) || (removed && !view.contains(element))) continue;
    const value = values[key];
    element.removeAttribute(HOOK_ATTRIBUTE);
    if (typeof value === 'object') element.replaceChildren(value);
    else element.textContent = shown(value, short);
  }
  return view;
}

/** A phrase read once for its text: words, value hooks (with what they hold when no value is given), and conditional parts. */
type Part = string | { key: string; short: boolean; inner: Part[] } | { condition: string; when: boolean; parts: Part[] };

function compile(element: Element): Part[] {
  const parts: Part[] = [];
  for (const node of element.childNodes) {
    const name = node instanceof Element ? (node.getAttribute(HOOK_ATTRIBUTE) ?? '') : undefined;
    if (name === undefined) parts.push((node.textContent ?? '').replace(/\s+/g, ' '));
    else if (!(node instanceof Element)) continue;
    else if (name[0] === '?' || name[0] === '!') parts.push({ condition: name.slice(1), when: name[0] === '?', parts: compile(node) });
    else if (name) parts.push({ ...slot(name), inner: compile(node) });
    else parts.push(...compile(node));
  }
  return parts;
}

function render(parts: readonly Part[], values: HookValues): string {
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') text += part;
    else if ('condition' in part) {
      if (!values[part.condition] !== part.when) text += render(part.parts, values);
    } else if (Object.hasOwn(values, part.key)) {
      const value = values[part.key];
      text += typeof value === 'object' ? (value.textContent ?? '') : shown(value, part.short);
    } else text += render(part.inner, values);
  }
  return text;
}

/** Text as one line: runs of spaces (where a part met the markup's line breaks) as one. */
const line = (text: string) => (text.includes('  ') ? text.replace(/ {2,}/g, ' ') : text).trim();

/** The phrase's text as one line, for the status line and the tests. */
export const textOf = (node: Node): string => line(node.textContent ?? '');

export interface Say {
  /** A copy of the phrase, filled; throws naming it when the markup lacks it (a bug of the page). */
  (name: string, values?: HookValues): HTMLElement;
  /** The same, or undefined when there is no such phrase (a word that only some cases have). */
  maybe(name: string, values?: HookValues): HTMLElement | undefined;
  /** The phrase's words, filled, as one line of text; throws naming it when the markup lacks it. */
  text(name: string, values?: HookValues): string;
  /** Whether the markup has the phrase. */
  has(name: string): boolean;
}

export function phrasesOf(template: HTMLTemplateElement): Say {
  const phrases = new Map<string, Element>();
  for (const element of template.content.children) phrases.set(element.getAttribute(HOOK_ATTRIBUTE) ?? '', element);
  const compiled = new Map<string, Part[]>();
  const phrase = (name: string) => {
    const found = phrases.get(name);
    if (!found) throw new Error(`inspector: no phrase ${name}`);
    return found;
  };
  const maybe = (name: string, values: HookValues = {}) => {
    const copy = phrases.has(name) ? document.importNode(phrase(name), true) : undefined;
    if (!(copy instanceof HTMLElement)) return undefined;
    copy.removeAttribute(HOOK_ATTRIBUTE);
    return fillHooks(copy, values);
  };
  const say = (name: string, values?: HookValues) => {
    const copy = maybe(name, values);
    if (!copy) throw new Error(`inspector: no phrase ${name}`);
    return copy;
  };
  return Object.assign(say, {
    maybe,
    text(name: string, values: HookValues = {}) {
      let parts = compiled.get(name);
      if (!parts) compiled.set(name, (parts = compile(phrase(name))));
      return line(render(parts, values));
    },
    has: (name: string) => phrases.has(name),
  });
}

/** The parts in one fragment (a list's items, a policy's rules). */
export function fragment(nodes: readonly Node[]): DocumentFragment {
  const parts = document.createDocumentFragment();
  parts.append(...nodes);
  return parts;
}

/** "a, b and c" (or "a, b or c"). */
export const series = (parts: readonly string[], conjunction = ' and '): string =>
  parts.length > 1 ? `${parts.slice(0, -1).join(', ')}${conjunction}${parts.at(-1) ?? ''}` : (parts[0] ?? '');

/** 1,000,000: by hand, as toLocaleString's first use loads ICU data on the main thread. */
export const number = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "“a”, “b” and 3 more": the values quoted, `count` of them in all; `or` for alternatives. */
export function quoted(values: readonly string[], count = values.length, conjunction = ' and '): string {
  const shown = values.map((value) => `“${value}”`);
  const more = count - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${number(more)} more` : series(shown, conjunction);
}
