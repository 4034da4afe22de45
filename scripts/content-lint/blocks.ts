/**
 * The units of text a rule reads: each list item as a whole (a step and its sub-points), and
 * each paragraph, heading or table cell that is not inside a list item. A sentence is never split
 * across two units, and no text is read twice. Each unit also carries the links written in it,
 * so that a rule can ask which page a claim is cited to.
 */
import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { lineOf } from './finding.ts';

export interface TextBlock {
  line: number;
  text: string;
  /** The URLs of the Markdown links in the unit, in order. */
  links: string[];
}

const STANDALONE = new Set(['paragraph', 'heading', 'tableCell']);

function linksIn(node: Nodes): string[] {
  const links: string[] = [];
  visit(node, 'link', (link) => {
    links.push(link.url);
  });
  return links;
}

export function textBlocks(tree: Root): TextBlock[] {
  const blocks: TextBlock[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'listItem' || STANDALONE.has(node.type)) {
      blocks.push({ line: lineOf(node), text: toString(node).replace(/\s+/g, ' '), links: linksIn(node) });
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return blocks;
}
