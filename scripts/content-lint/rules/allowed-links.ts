/** Every external link, in Markdown or as an MDX `<a href>`, points at an allowed place. */
import type { Nodes, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { checkLink } from '../allowed-links.ts';
import { lineOf, type Finding } from '../finding.ts';
import type { ParsedPage } from '../parse-mdx.ts';

export const RULE = 'allowed-links';
const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

function hrefs(tree: Root): Array<{ href: string; node: Nodes }> {
  const found: Array<{ href: string; node: Nodes }> = [];
  visit(tree, (node: Nodes) => {
    if (node.type === 'link' || node.type === 'definition') found.push({ href: node.url, node });
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === 'a') {
      for (const attribute of node.attributes) {
        if (attribute.type === 'mdxJsxAttribute' && attribute.name === 'href' && typeof attribute.value === 'string') {
          found.push({ href: attribute.value, node });
        }
      }
    }
  });
  return found;
}

export function allowedLinks(page: ParsedPage): Finding[] {
  return hrefs(page.tree).flatMap(({ href, node }) => {
    if (!EXTERNAL.test(href) || href.startsWith('mailto:')) return [];
    const verdict = checkLink(href);
    return verdict.ok ? [] : [{ line: lineOf(node), rule: RULE, message: `links ${verdict.reason}` }];
  });
}
