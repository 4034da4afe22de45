/**
 * The dashboard path to a self-hosted application is "Access controls → Applications → Create new
 * application → Self-hosted and private"; "Add an application → Self-hosted" is the old one
 * (https://developers.cloudflare.com/cloudflare-one/access-controls/applications/http-apps/self-hosted-public-app/).
 * Any arrow a writer might use counts.
 */
import { textBlocks } from '../blocks.ts';
import type { Finding } from '../finding.ts';
import type { ParsedPage } from '../parse-mdx.ts';

export const RULE = 'current-self-hosted-path';
const OLD_PATH = /add an application\s*(?:→|⟶|➔|➜|›|»|->|=>|>|\/|\|)\s*self-hosted/i;

export function currentSelfHostedPath(page: ParsedPage): Finding[] {
  return textBlocks(page.tree)
    .filter(({ text }) => OLD_PATH.test(text))
    .map(({ line }) => ({
      line,
      rule: RULE,
      message: 'names the old path "Add an application → Self-hosted": write "Create new application → Self-hosted and private"',
    }));
}
