/**
 * Drops the rules of a drawing's embedded stylesheet that match nothing in it. Mermaid ships its
 * whole theme with every diagram (notes, popups, the "neo" look, animations, in light and again
 * in dark): two thirds of a sequence diagram's stylesheet styled elements it did not draw.
 *
 * csso does the CSS work: given the tags, ids and classes that occur, it removes the selectors
 * that name any other (its documented `usage` option), without restructuring what it keeps.
 */
import { minify } from 'csso';
import type { Element, ElementContent, Root, Text } from 'hast';
import { visit } from 'unist-util-visit';

interface Usage {
  tags: string[];
  ids: string[];
  classes: string[];
}

function usageOf(root: Root): Usage {
  const tags = new Set<string>();
  const ids = new Set<string>();
  const classes = new Set<string>();
  visit(root, 'element', (node: Element) => {
    // SVG names are case-sensitive in the DOM (foreignObject) but not in every stylesheet.
    tags.add(node.tagName).add(node.tagName.toLowerCase());
    if (node.properties['id'] !== undefined) ids.add(String(node.properties['id']));
    const classNames = node.properties['className'];
    for (const name of Array.isArray(classNames) ? classNames : []) classes.add(String(name));
  });
  return { tags: [...tags], ids: [...ids], classes: [...classes] };
}

export function pruneUnusedStyles(nodes: ElementContent[]): ElementContent[] {
  const root: Root = { type: 'root', children: nodes };
  const usage = usageOf(root);
  visit(root, 'element', (node: Element) => {
    if (node.tagName !== 'style') return;
    const css = node.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
    const text: Text = { type: 'text', value: minify(css, { restructure: false, comments: false, usage }).css };
    node.children = [text];
  });
  return root.children as ElementContent[];
}
