/**
 * "Enable SCIM" never stands alone. Cloudflare's Entra ID page turns on Enable SCIM *and* Support
 * groups: Access evaluates an Azure Groups rule from the groups it reads at sign-in, which Support
 * groups turns on, not from SCIM; a reader who turns on SCIM alone gets a policy that denies the
 * group's own members
 * (https://developers.cloudflare.com/cloudflare-one/integrations/identity-providers/entra-id/#synchronize-users-and-groups).
 * The switch's label is matched as the dashboard writes it, "Enable SCIM"; "support groups" in
 * any case.
 */
import { textBlocks } from '../blocks.ts';
import type { Finding } from '../finding.ts';
import type { ParsedPage } from '../parse-mdx.ts';

export const RULE = 'scim-needs-support-groups';

export function scimNeedsSupportGroups(page: ParsedPage): Finding[] {
  return textBlocks(page.tree)
    .filter(({ text }) => /\bEnable SCIM\b/.test(text) && !/\bsupport groups\b/i.test(text))
    .map(({ line }) => ({
      line,
      rule: RULE,
      message: 'says "Enable SCIM" without "Support groups": both must be on for an Azure Groups rule',
    }));
}
