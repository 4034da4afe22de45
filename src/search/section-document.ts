/**
 * One section of a public page as the small HTML document Pagefind indexes: the heading as the
 * document's h1 (Pagefind takes it as the result's title and weighs its words above the text),
 * the section's lead, its subheadings as h2s (weighed as headings), its terms in one paragraph,
 * and the page's title as the `page` metadata of the result. Pagefind ends each block with a full
 * stop in the result's excerpt, so the terms are set apart with middle dots, not as blocks.
 * https://pagefind.app/docs/metadata/ https://pagefind.app/docs/weighting/
 */
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { PageSection, PublicPage } from './public-pages.ts';

export function sectionDocument(page: PublicPage, section: PageSection): string {
  return toHtml(
    h(null, [
      { type: 'doctype' },
      h('html', { lang: page.language }, [
        h('head', [h('meta', { dataPagefindMeta: 'page[content]', content: page.title })]),
        h('body', [
          h('main', { dataPagefindBody: '' }, [
            h('h1', section.heading),
            h('p', section.lead),
            ...section.subheadings.map((subheading) => h('h2', subheading)),
            h('p', section.terms.join(' · ')),
          ]),
        ]),
      ]),
    ]),
  );
}
