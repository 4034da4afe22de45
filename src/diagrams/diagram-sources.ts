/**
 * The one place that says what a mermaid diagram's source is: the text of a ```mermaid code
 * block, as the build's HTML tree (hast) holds it. The rehype plugin reads the build's tree; the
 * cache test and `npm run diagrams:prune` read each MDX file through remark (with its MDX
 * syntax, https://mdxjs.com/packages/remark-mdx/) into the same kind of tree, so all three
 * agree on every source, and so on every cache key.
 */
import { readFileSync } from 'node:fs';
import type { Element, ElementContent, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { mdxFiles } from '../lib/mdx-files.ts';

export interface MermaidBlock {
  source: string;
  /** Puts a node where the block's <pre> is (the plugin puts the drawing there). */
  replace: (node: Element) => void;
}

function isMermaidCode(node: ElementContent | undefined): node is Element {
  if (!node || node.type !== 'element' || node.tagName !== 'code') return false;
  const classes = node.properties['className'];
  return Array.isArray(classes) && classes.includes('language-mermaid');
}

/** Every ```mermaid block in the tree, in document order. */
export function mermaidBlocks(tree: Root): MermaidBlock[] {
  const found: MermaidBlock[] = [];
  // The parent may be an element, the root, or an MDX component (<Diagram>…</Diagram>).
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'pre' || index === undefined || !parent) return;
    const code = node.children.find(isMermaidCode);
    if (code)
      found.push({
        source: toText(code, { whitespace: 'pre' }).trim(),
        replace: (replacement) => parent.children.splice(index, 1, replacement),
      });
  });
  return found;
}

export interface DiagramSource {
  file: string;
  source: string;
}

const mdxToHast = unified().use(remarkParse).use(remarkMdx).use(remarkRehype);

/** The mermaid sources written in the MDX files under contentDir. */
export function diagramSources(contentDir: string): DiagramSource[] {
  return mdxFiles(contentDir).flatMap((file) => {
    const tree = mdxToHast.runSync(mdxToHast.parse(readFileSync(file, 'utf8')));
    return mermaidBlocks(tree).map(({ source }) => ({ file, source }));
  });
}
