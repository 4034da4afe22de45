/** Every demo and guide says when it was last checked (`verified`, read by src/schemas/verified.ts). */
import type { Finding } from '../finding.ts';
import type { ParsedPage } from '../parse-mdx.ts';

export const RULE = 'verified-date';

export function verifiedDate(page: ParsedPage): Finding[] {
  if (page.kind === 'partial' || page.frontmatter['verified'] !== undefined) return [];
  return [{ line: 1, rule: RULE, message: 'has no "verified: YYYY-MM-DD" in its frontmatter' }];
}
