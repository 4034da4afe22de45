/**
 * Cloudflare names the Entra group selector twice: **Identity provider group** on the Access
 * policies page (https://developers.cloudflare.com/cloudflare-one/access-controls/policies/),
 * **Azure Groups** on the Entra ID page
 * (https://developers.cloudflare.com/cloudflare-one/integrations/identity-providers/entra-id/).
 * A reader who finds only one of them in the dashboard is lost, so a page that names the Azure
 * Groups selector gives the other name too, somewhere on the page.
 */
import { textBlocks } from '../blocks.ts';
import type { Finding } from '../finding.ts';
import type { ParsedPage } from '../parse-mdx.ts';

export const RULE = 'selector-both-names';
const AZURE_GROUPS_SELECTOR = /\bselector\b.{0,40}?\bAzure Groups\b|\bAzure Groups\b.{0,20}?\bselector\b/i;

export function selectorBothNames(page: ParsedPage): Finding[] {
  const blocks = textBlocks(page.tree);
  if (blocks.some(({ text }) => /\bIdentity provider group\b/i.test(text))) return [];
  const first = blocks.find(({ text }) => AZURE_GROUPS_SELECTOR.test(text));
  return first
    ? [
        {
          line: first.line,
          rule: RULE,
          message:
            'names the Azure Groups selector but never its other name, "Identity provider group" (the Access policies page\'s label)',
        },
      ]
    : [];
}
