/** All the content rules, run on one file. */
import type { Finding } from './finding.ts';
import { pageKind, parseMdx, type ParsedPage } from './parse-mdx.ts';
import { allowedLinks } from './rules/allowed-links.ts';
import { applicationPathWildcard } from './rules/application-path-wildcard.ts';
import { citedToItsPage } from './rules/cited-to-its-page.ts';
import { currentSelfHostedPath } from './rules/current-self-hosted-path.ts';
import { instantAuthWithOneProvider } from './rules/instant-auth-with-one-provider.ts';
import { keyPublishedAhead } from './rules/key-published-ahead.ts';
import { pagesBannerQuote } from './rules/pages-banner-quote.ts';
import { scimNeedsSupportGroups } from './rules/scim-needs-support-groups.ts';
import { selectorBothNames } from './rules/selector-both-names.ts';
import { sourcesSection } from './rules/sources-section.ts';
import { verifiedDate } from './rules/verified-date.ts';

type Rule = (page: ParsedPage) => Finding[];

/** What a page or the README tells readers: wrong claims that were made once and can recur. */
export const CLAIM_RULES: readonly Rule[] = [
  scimNeedsSupportGroups,
  currentSelfHostedPath,
  applicationPathWildcard,
  instantAuthWithOneProvider,
  keyPublishedAhead,
  pagesBannerQuote,
  citedToItsPage,
  selectorBothNames,
];

/** What a published page must carry; the README is no page (it links localhost and its own files). */
export const PAGE_RULES: readonly Rule[] = [verifiedDate, sourcesSection, allowedLinks];

export const RULES: readonly Rule[] = [...CLAIM_RULES, ...PAGE_RULES];

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
  const rules = page.kind === 'readme' ? CLAIM_RULES : RULES;
  return rules.flatMap((rule) => rule(page)).sort((a, b) => a.line - b.line);
}
