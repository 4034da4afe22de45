/**
 * An svgo plugin (https://svgo.dev/docs/plugins-api/) that drops the <symbol> and <marker>
 * definitions a drawing never uses. Mermaid puts the same icon library (computer, database,
 * clock: about 3.5 KB gzipped) and every arrowhead kind into each sequence diagram whether or not
 * it draws them, which was half of such a diagram's bytes. A definition stays if anything in the
 * drawing points at its id: an attribute (`href`, `marker-end="url(#…)"`, …) or the embedded
 * stylesheet. A <defs> left empty goes too.
 */
import type { CustomPlugin, XastChild, XastParent } from 'svgo';

const PRUNABLE = new Set(['symbol', 'marker']);
const REFERENCE = /#([\w.:-]+)/g;

function referencesIn(value: string, into: Set<string>): void {
  for (const match of value.matchAll(REFERENCE)) into.add(match[1] ?? '');
}

/** Every id the drawing refers to, leaving out the definitions' own ids. */
function referencedIds(node: XastParent, into = new Set<string>()): Set<string> {
  for (const child of node.children) {
    if (child.type === 'text' || child.type === 'cdata') referencesIn(child.value, into);
    if (child.type !== 'element') continue;
    for (const [name, value] of Object.entries(child.attributes)) if (name !== 'id') referencesIn(value, into);
    referencedIds(child, into);
  }
  return into;
}

function prune(node: XastParent, used: Set<string>): void {
  const unused = (child: XastChild) => child.type === 'element' && PRUNABLE.has(child.name) && !used.has(child.attributes['id'] ?? '');
  node.children = node.children.filter((child) => !unused(child));
  for (const child of node.children) if (child.type === 'element') prune(child, used);
  // After its own children: a <defs> is only known to be empty once they have been pruned.
  node.children = node.children.filter((child) => !(child.type === 'element' && child.name === 'defs' && child.children.length === 0));
}

export const pruneUnusedDefs: CustomPlugin = {
  name: 'pruneUnusedDefs',
  fn: (root) => {
    prune(root, referencedIds(root));
    return null;
  },
};
