/**
 * The inspector's words: every sentence, label and list item it shows is an element in the
 * server-rendered `words` template (components/inspector/*Words.astro), named by its hook
 * (`need:email`, `decision:policy`, ...). `say(name, values)` copies one and fills its hooks with
 * the values as text (src/lib/hooks.ts), so the script carries the choice of words, not the words.
 */
import { HOOK_ATTRIBUTE, fillHooks, type HookValues } from '../lib/hooks.ts';

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
  const maybe = (name: string, values: HookValues = {}) => {
    const phrase = phrases.get(name);
    const copy = phrase && document.importNode(phrase, true);
    if (!(copy instanceof HTMLElement)) return undefined;
    copy.removeAttribute(HOOK_ATTRIBUTE);
    return fillHooks(copy, values);
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
