/**
 * A quote is cited to the page it is on. The guides once quoted a banner as being on "every
 * Cloudflare Pages documentation page"; the Pages overview now says "Start new projects with
 * Workers" (https://developers.cloudflare.com/pages/). A claim about every page of a site cannot
 * be checked against one page and goes stale unseen, so quote what a named page says, and link it.
 */
import { textBlocks } from '../blocks.ts';
import type { Finding } from '../finding.ts';
import type { ParsedPage } from '../parse-mdx.ts';

export const RULE = 'pages-banner-quote';
const EVERY_PAGES_PAGE = /\b(?:every|each|all)\s+(?:of\s+the\s+)?(?:Cloudflare\s+)?Pages\s+(?:doc(?:s|umentation)?\s+)?pages?\b/i;

export function pagesBannerQuote(page: ParsedPage): Finding[] {
  return textBlocks(page.tree)
    .filter(({ text }) => EVERY_PAGES_PAGE.test(text))
    .map(({ line }) => ({
      line,
      rule: RULE,
      message:
        'quotes what "every Cloudflare Pages documentation page" says: quote one named page with its link (the Pages overview says "Start new projects with Workers")',
    }));
}
