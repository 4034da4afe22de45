/**
 * Quotes and labels that were cited to the wrong page, each with the page that holds it. A text
 * unit that names one of them and cites anything (has a link) must cite that page among its
 * links; a unit without links is not a citation (a step that repeats a label), so it is left
 * alone. Each page is where a check of the live documentation on 2026-12-02 found the words.
 */
import { textBlocks } from '../blocks.ts';
import type { Finding } from '../finding.ts';
import type { ParsedPage } from '../parse-mdx.ts';

export const RULE = 'cited-to-its-page';

interface Citation {
  /** The words as a page writes them. */
  words: RegExp;
  /** What the words are, for the message. */
  what: string;
  /** The page that holds them: a URL, matched without its `#fragment`. */
  page: string;
  /** Whether any page under `page` counts (the API reference has one page per method). */
  under?: boolean;
}

export const CITATIONS: readonly Citation[] = [
  {
    // Not on the Entra-group API example: it is the description of the Azure group rule in the API schema.
    words: /requires an Azure identity provider/i,
    what: '"requires an Azure identity provider"',
    page: 'https://developers.cloudflare.com/api/resources/zero_trust/subresources/access/subresources/policies/',
    under: true,
  },
  {
    // The "enable single sign-on" page downloads Certificate (Raw); the certificate tutorial has Base64.
    words: /Certificate \(Base64\)/,
    what: '"Certificate (Base64)"',
    page: 'https://learn.microsoft.com/entra/identity/enterprise-apps/tutorial-manage-certificates-for-federated-single-sign-on',
  },
  {
    // The v6 upgrade guide, as the 2026-12-02 check found; the adapter guide's section of the same
    // name has the sentence too, so a page may cite both, but not the adapter guide alone.
    words: /no longer supports deployment on Cloudflare Pages/i,
    what: 'Astro\'s "no longer supports deployment on Cloudflare Pages"',
    page: 'https://docs.astro.build/en/guides/upgrade-to/v6/',
  },
  {
    // The Access policies page; not the self-hosted application page.
    words: /\bdeny by default\b/i,
    what: '"deny by default"',
    page: 'https://developers.cloudflare.com/cloudflare-one/access-controls/policies/',
  },
];

const withoutFragment = (url: string): string => url.split('#')[0] ?? url;
const normalise = (url: string): string => withoutFragment(url).replace(/\/?$/, '/');

function cites(links: readonly string[], { page, under }: Citation): boolean {
  const target = normalise(page);
  return links.some((link) => {
    const url = normalise(link);
    return under ? url.startsWith(target) : url === target;
  });
}

export function citedToItsPage(page: ParsedPage): Finding[] {
  return textBlocks(page.tree).flatMap(({ line, text, links }) =>
    links.length === 0
      ? []
      : CITATIONS.filter((citation) => citation.words.test(text) && !cites(links, citation)).map((citation) => ({
          line,
          rule: RULE,
          message: `cites ${citation.what} without the page that holds it: link ${citation.page}`,
        })),
  );
}
