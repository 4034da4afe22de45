/**
 * Marks reader-specific placeholders in code (`<your-team>`, `<your-domain>`, `<your-account-id>`) so the page can
 * show the reader's own values once they enter them (src/client/personalise.ts). Without
 * JavaScript the placeholder text stays as written: readable, and obviously a placeholder.
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import { visit } from 'unist-util-visit';

/** Placeholder text → the key the reader's value is stored under. */
export const PLACEHOLDERS = {
  '<your-team>': 'team',
  '<your-domain>': 'domain',
  '<your-account-id>': 'account',
} as const;

export type PlaceholderKey = (typeof PLACEHOLDERS)[keyof typeof PLACEHOLDERS];

const PATTERN = new RegExp(`(${Object.keys(PLACEHOLDERS).join('|')})`, 'g');

function splitText(node: Text): ElementContent[] {
  return node.value
    .split(PATTERN)
    .filter((part) => part !== '')
    .map((part): ElementContent => {
      const key = PLACEHOLDERS[part as keyof typeof PLACEHOLDERS];
      if (!key) return { type: 'text', value: part };
      return {
        type: 'element',
        tagName: 'span',
        properties: { className: ['ph'], dataPlaceholder: key, dataDefault: part },
        children: [{ type: 'text', value: part }],
      };
    });
}

export function rehypePlaceholders() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'code') return;
      node.children = node.children.flatMap((child) =>
        child.type === 'text' && PATTERN.test(child.value) ? ((PATTERN.lastIndex = 0), splitText(child)) : [child],
      );
      PATTERN.lastIndex = 0;
    });
  };
}
