/**
 * One section of a public page as the small HTML document Pagefind indexes: the heading as the
 * document's h1 (Pagefind takes it as the result's title and weighs its words above the text),
 * the section's lead, its subheadings as h2s (weighed as headings), its terms in one paragraph,
 * and the page's title as the `page` metadata of the result. Pagefind ends each block with a full
 * stop in the result's excerpt, so the terms are set apart with middle dots, not as blocks.
 * https://pagefind.app/docs/metadata/ https://pagefind.app/docs/weighting/
 */
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { PageSection, PublicPage } from './public-pages.ts';

const block = (tagName: string, text: string): Element => ({
  type: 'element',
  tagName,
  properties: {},
  children: [{ type: 'text', value: text }],
});

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
                  block('h1', section.heading),
                  block('p', section.lead),
                  ...section.subheadings.map((subheading) => block('h2', subheading)),
                  block('p', section.terms.join(' · ')),
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
