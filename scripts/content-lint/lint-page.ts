/** All the content rules, run on one file. */
import type { Finding } from './finding.ts';
import { pageKind, parseMdx, type ParsedPage } from './parse-mdx.ts';
import { allowedLinks } from './rules/allowed-links.ts';
import { currentSelfHostedPath } from './rules/current-self-hosted-path.ts';
import { scimNeedsSupportGroups } from './rules/scim-needs-support-groups.ts';
import { sourcesSection } from './rules/sources-section.ts';
import { verifiedDate } from './rules/verified-date.ts';

export const RULES: ReadonlyArray<(page: ParsedPage) => Finding[]> = [
  scimNeedsSupportGroups,
  currentSelfHostedPath,
  verifiedDate,
  sourcesSection,
  allowedLinks,
];

/** The findings for a file, in line order; an unreadable file is one finding, not a crash. */
export function lintPage(path: string, source: string): Finding[] {
  let page: ParsedPage;
  try {
    page = parseMdx(source, pageKind(path));
  } catch (error) {
    const line =
      (error as { line?: number; mark?: { line?: number } }).line ?? ((error as { mark?: { line?: number } }).mark?.line ?? 0) + 1;
    return [{ line, rule: 'parse', message: `cannot be read: ${(error as Error).message.split('\n')[0]}` }];
  }
  return RULES.flatMap((rule) => rule(page)).sort((a, b) => a.line - b.line);
}
