/**
 * An application path written as `<slug>/*` leaves out `<slug>` itself: Cloudflare's application
 * paths page says `example.com/alpha/*` covers `example.com/alpha/one` but does not cover
 * `example.com/alpha`, while `example.com/alpha` covers both
 * (https://developers.cloudflare.com/cloudflare-one/access-controls/policies/app-paths/). A page
 * that recommended `oidc/*` sent visitors of `/oidc` to this site without an Access token. So a
 * text unit may name such a path only while saying what it leaves out (a warning, or a contrast
 * with the path to use).
 *
 * The path is one segment and `/*`, optionally after a hostname or `<your-domain>/`; a path of
 * several segments (`/.well-known/acme-challenge/*`) or a bare `/*` is something else.
 */
import { textBlocks } from '../blocks.ts';
import type { Finding } from '../finding.ts';
import type { ParsedPage } from '../parse-mdx.ts';

export const RULE = 'application-path-wildcard';
const ONE_SEGMENT_WILDCARD = /(?<![\w/.-])(?:<your-domain>\/|[a-z0-9-]+(?:\.[a-z0-9-]+)+\/)?[a-z0-9-]+\/\*(?![\w*])/i;
const SAYS_WHAT_IT_LEAVES_OUT =
  /\b(?:does|do|would|will) not cover\b|\b(?:doesn't|don't|wouldn't|won't) cover\b|\bleaves? out\b|\bnot enough\b/i;

export function applicationPathWildcard(page: ParsedPage): Finding[] {
  return textBlocks(page.tree)
    .filter(({ text }) => ONE_SEGMENT_WILDCARD.test(text) && !SAYS_WHAT_IT_LEAVES_OUT.test(text))
    .map(({ line, text }) => ({
      line,
      rule: RULE,
      message: `names the application path "${ONE_SEGMENT_WILDCARD.exec(text)?.[0] ?? ''}" without saying that it does not cover the path itself: recommend "<your-domain>/<slug>"`,
    }));
}
