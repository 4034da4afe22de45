import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { rehypeHeadingId } from '../../src/markdown/rehype-heading-id.ts';

const marker = (id: unknown, name = 'HeadingId') => ({
  type: 'mdxJsxTextElement',
  name,
  attributes: [{ type: 'mdxJsxAttribute', name: 'id', value: id }],
  children: [],
});
const heading = (tagName: string, text: string, ...extra: unknown[]): Element =>
  ({ type: 'element', tagName, properties: {}, children: [{ type: 'text', value: text }, ...extra] }) as Element;
const run = (tree: Root) => rehypeHeadingId()(tree, new VFile({ path: 'page.mdx' }));

describe('rehypeHeadingId', () => {
  it('gives the heading the marker’s id and removes the marker', () => {
    const tree: Root = { type: 'root', children: [heading('h3', 'Failed to fetch user/group information ', marker('groups-missing'))] };
    run(tree);
    expect(toHtml(tree)).toBe('<h3 id="groups-missing">Failed to fetch user/group information</h3>');
  });

  it('runs before Astro’s heading pass, which then keeps the id and lists the heading under it', () => {
    const tree: Root = {
      type: 'root',
      children: [heading('h2', 'Plain heading'), heading('h3', 'Exact message: no app token set ', marker('no-app-token-set'))],
    };
    const file = new VFile({ path: 'page.mdx' });
    rehypeHeadingId()(tree, file);
    const collectHeadings = rehypeHeadingIds() as (tree: Root, file: VFile) => void;
    collectHeadings(tree, file);
    expect((file.data as { astro: { headings: unknown } }).astro.headings).toEqual([
      { depth: 2, slug: 'plain-heading', text: 'Plain heading' },
      { depth: 3, slug: 'no-app-token-set', text: 'Exact message: no app token set' },
    ]);
  });

  it('leaves headings without a marker, and other components, alone', () => {
    const other = marker('x', 'Copy');
    const tree: Root = { type: 'root', children: [heading('h2', 'Sources'), heading('h3', 'Value ', other)] };
    run(tree);
    expect((tree.children[0] as Element).properties).toEqual({});
    expect((tree.children[1] as Element).children).toContain(other);
  });

  it.each([
    ['an id that is not a slug', 'Group Overage'],
    ['an empty id', ''],
    ['an id that is not a string', 42],
  ])('refuses %s, naming the component', (_name, id) => {
    const tree: Root = { type: 'root', children: [heading('h3', 'Title ', marker(id))] };
    expect(() => run(tree)).toThrow(/HeadingId.*lower-case letters, digits and hyphens/);
  });

  it('refuses a marker outside a heading', () => {
    const tree: Root = { type: 'root', children: [heading('p', 'Not a heading ', marker('x'))] };
    expect(() => run(tree)).toThrow(/belongs at the end of a heading/);
  });

  it('refuses the same id twice on one page', () => {
    const tree: Root = { type: 'root', children: [heading('h3', 'One ', marker('same')), heading('h3', 'Two ', marker('same'))] };
    expect(() => run(tree)).toThrow(/Two headings have the id "same"/);
  });
});
