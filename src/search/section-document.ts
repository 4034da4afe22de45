/**
 * One section of a public page as the small HTML document Pagefind indexes: the heading as the
 * document's h1 (Pagefind takes it as the result's title and weighs its words above the text),
 * the section's text, and the page's title as the `page` metadata of the result.
 * https://pagefind.app/docs/metadata/
 */
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { PageSection, PublicPage } from './public-pages.ts';

export function sectionDocument(page: PublicPage, section: PageSection): string {
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      {
        type: 'element',
        tagName: 'html',
        properties: { lang: page.language },
        children: [
          {
            type: 'element',
            tagName: 'head',
            properties: {},
            children: [
              { type: 'element', tagName: 'meta', properties: { dataPagefindMeta: 'page[content]', content: page.title }, children: [] },
            ],
          },
          {
            type: 'element',
            tagName: 'body',
            properties: {},
            children: [
              {
                type: 'element',
                tagName: 'main',
                properties: { dataPagefindBody: '' },
                children: [
                  { type: 'element', tagName: 'h1', properties: {}, children: [{ type: 'text', value: section.heading }] },
                  { type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: section.text }] },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
  return toHtml(tree);
}
