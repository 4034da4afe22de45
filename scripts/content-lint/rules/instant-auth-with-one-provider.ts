/**
 * Limiting an application to one identity provider does not by itself send visitors to it:
 * Access still shows its login page unless Instant Auth is on ("If you plan to only allow access
 * via a single IdP, turn on Instant Auth",
 * https://developers.cloudflare.com/cloudflare-one/access-controls/applications/http-apps/self-hosted-public-app/).
 * Pages that turned off "Accept all available identity providers" without it promised "straight
 * to Entra ID" and delivered a login page. So the step that turns the switch off names Instant
 * Auth too.
 */
import { textBlocks } from '../blocks.ts';
import type { Finding } from '../finding.ts';
import type { ParsedPage } from '../parse-mdx.ts';

export const RULE = 'instant-auth-with-one-provider';

export function instantAuthWithOneProvider(page: ParsedPage): Finding[] {
  return textBlocks(page.tree)
    .filter(({ text }) => /\baccept all available identity providers\b/i.test(text) && !/\binstant auth\b/i.test(text))
    .map(({ line }) => ({
      line,
      rule: RULE,
      message:
        'limits the application to its providers without "Instant Auth": with one provider, Access still shows its login page unless it is on',
    }));
}
