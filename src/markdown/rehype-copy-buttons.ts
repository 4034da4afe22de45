/**
 * Puts a copy button beside every value a reader types: each code block, and each inline code
 * value inside a numbered procedure step. The buttons are in the HTML from the start, taking
 * their space (so nothing moves when they come alive) but invisible until the page's script
 * (src/client/copy-buttons.ts) can make them work.
 */
import type { Element, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import { visitParents } from 'unist-util-visit-parents';

function copyButton(label: string, inline: boolean): Element {
  return {
    type: 'element',
    tagName: 'button',
    properties: {
      type: 'button',
      className: inline ? ['copy-button', 'copy-button--inline'] : ['copy-button'],
      dataCopy: '',
      ariaLabel: label,
      // Its "Copy" is not text a reader searches for (src/search/site-index.ts).
      dataPagefindIgnore: '',
    },
    children: inline ? [] : [{ type: 'text', value: 'Copy' }],
  };
}

const isElement = (node: unknown): node is Element => (node as Element | undefined)?.type === 'element';
const hasClass = (node: Element, name: string) => {
  const classes = node.properties['className'];
  return Array.isArray(classes) && classes.includes(name);
};

export function rehypeCopyButtons() {
  return (tree: Root) => {
    const blocks: { node: Element; parent: Root | Element }[] = [];
    const inline: { node: Element; parent: Root | Element }[] = [];
    visitParents(tree, 'element', (node, ancestors) => {
      const parent = ancestors.at(-1) as Root | Element | undefined;
      if (!parent) return;
      if (node.tagName === 'pre' && !(isElement(parent) && hasClass(parent, 'code-block'))) {
        const code = node.children.find(isElement);
        if (code && hasClass(code, 'language-mermaid')) return;
        blocks.push({ node, parent });
      } else if (node.tagName === 'code' && !(isElement(parent) && parent.tagName === 'pre')) {
        if (ancestors.some((a) => isElement(a) && a.tagName === 'ol')) inline.push({ node, parent });
      }
    });
    for (const { node, parent } of blocks) {
      // A code block can scroll sideways: it must be reachable by keyboard to scroll it.
      node.properties['tabIndex'] = 0;
      const index = parent.children.indexOf(node);
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['code-block'] },
        children: [node, copyButton('Copy code', false)],
      };
    }
    for (const { node, parent } of inline) {
      const index = parent.children.indexOf(node);
      parent.children[index] = {
        type: 'element',
        tagName: 'span',
        properties: { className: ['copy-value'] },
        children: [node, copyButton(`Copy ${toText(node).slice(0, 80)}`, true)],
      };
    }
  };
}
