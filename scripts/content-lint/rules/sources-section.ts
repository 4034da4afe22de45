/**
 * A configuration page (every demo, and a guide with `checkedAgainst`) ends its claims in a
 * "Sources" section: its "Checked against … documentation" line links there.
 */
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Finding } from '../finding.ts';
import type { ParsedPage } from '../parse-mdx.ts';

export const RULE = 'sources-section';

export const isConfigurationPage = (page: ParsedPage): boolean =>
  page.kind === 'demo' || (page.kind === 'guide' && page.frontmatter['checkedAgainst'] !== undefined);

const hasSources = (tree: Root): boolean =>
  tree.children.some((node) => node.type === 'heading' && node.depth === 2 && toString(node).trim() === 'Sources');

export function sourcesSection(page: ParsedPage): Finding[] {
  if (!isConfigurationPage(page) || hasSources(page.tree)) return [];
  return [{ line: page.frontmatterLine('checkedAgainst'), rule: RULE, message: 'is a configuration page without a "## Sources" section' }];
}
