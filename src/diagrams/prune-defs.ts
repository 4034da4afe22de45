/**
 * Drops the <symbol> and <marker> definitions a drawing never uses. Mermaid puts the same
 * icon library (computer, database, clock: about 3.5 KB gzipped) and every arrowhead kind into
 * each sequence diagram whether or not it draws them, which was half of such a diagram's bytes.
 * A definition stays if anything in the drawing points at its id: an attribute (`href`,
 * `marker-end="url(#…)"`, …) or the embedded stylesheet.
 */
import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';

const PRUNABLE = new Set(['symbol', 'marker']);
const REFERENCE = /#([\w.:-]+)/g;

function referencesIn(value: unknown, into: Set<string>): void {
  const values = Array.isArray(value) ? value : [value];
  for (const item of values) {
    if (typeof item !== 'string') continue;
    for (const match of item.matchAll(REFERENCE)) into.add(match[1] ?? '');
  }
}

/** Every id the drawing refers to, leaving out the definitions' own ids. */
function referencedIds(root: Root): Set<string> {
  const ids = new Set<string>();
  visit(root, (node) => {
    if (node.type === 'text') referencesIn(node.value, ids);
    if (node.type !== 'element') return;
    for (const [name, value] of Object.entries(node.properties)) if (name !== 'id') referencesIn(value, ids);
  });
  return ids;
}

export function pruneUnusedDefs(nodes: ElementContent[]): ElementContent[] {
  const root: Root = { type: 'root', children: nodes };
  const used = referencedIds(root);
  const unused = (node: ElementContent) => node.type === 'element' && PRUNABLE.has(node.tagName) && !used.has(String(node.properties['id'] ?? ''));
  const emptyDefs = (node: ElementContent) => node.type === 'element' && node.tagName === 'defs' && node.children.length === 0;
  // Two passes: a <defs> is only known to be empty once its own children have been pruned.
  visit(root, 'element', (node: Element) => {
    if (node.children.some(unused)) node.children = node.children.filter((child) => !unused(child));
  });
  visit(root, 'element', (node: Element) => {
    if (node.children.some(emptyDefs)) node.children = node.children.filter((child) => !emptyDefs(child));
  });
  return root.children as ElementContent[];
}
