import { toHtml } from 'hast-util-to-html';
import type { Root, RootContent } from 'hast';
import { describe, expect, it } from 'vitest';
import { rehypeSections } from '../../src/markdown/rehype-sections.ts';

const el = (tagName: string, text: string): RootContent => ({
  type: 'element',
  tagName,
  properties: {},
  children: [{ type: 'text', value: text }],
});

describe('rehypeSections', () => {
  it('wraps each h2 and what follows it, up to the next h2, in a section', () => {
    const tree: Root = {
      type: 'root',
      children: [el('p', 'intro'), el('h2', 'One'), el('p', 'a'), el('h3', 'Sub'), el('p', 'b'), el('h2', 'Two'), el('p', 'c')],
    };
    rehypeSections()(tree);
    expect(toHtml(tree)).toBe(
      '<p>intro</p>' +
        '<section class="doc-section"><h2>One</h2><p>a</p><h3>Sub</h3><p>b</p></section>' +
        '<section class="doc-section"><h2>Two</h2><p>c</p></section>',
    );
  });

  it('leaves a page without h2 headings as it was', () => {
    const tree: Root = { type: 'root', children: [el('p', 'only'), el('h3', 'minor')] };
    rehypeSections()(tree);
    expect(toHtml(tree)).toBe('<p>only</p><h3>minor</h3>');
  });

  it('keeps MDX import and export statements at the top level, where MDX requires them', () => {
    const esm = { type: 'mdxjsEsm', value: 'export const x = 1' } as unknown as RootContent;
    const tree: Root = { type: 'root', children: [el('h2', 'One'), el('p', 'a'), esm, el('p', 'b')] };
    rehypeSections()(tree);
    expect(tree.children.map((node) => node.type)).toEqual(['element', 'mdxjsEsm']);
    expect(toHtml({ type: 'root', children: [tree.children[0]!] })).toBe(
      '<section class="doc-section"><h2>One</h2><p>a</p><p>b</p></section>',
    );
  });
});
