/**
 * Renders ```mermaid code blocks to inline SVG at build time, in a light and a dark variant.
 *
 * Why not rehype-mermaid directly: a fresh clone must build without a browser when no diagram
 * changed, and a warm build must launch no browser at all. So every rendered diagram is kept in
 * a content-addressed cache (`src/diagrams/cache/<sha256>.json`, committed), and the browser is
 * launched only on a cache miss. A miss without a browser fails the build with a message naming
 * the file and how to get one, never an empty page.
 */
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { diagramKey, readCachedDiagram, writeCachedDiagram, type CachedDiagram } from './diagram-cache.ts';
import { renderDiagramVariants, variantIds } from './render-diagram.ts';
import { minifyMermaidSvg } from './minify-svg.ts';
import { pruneUnusedDefs } from './prune-defs.ts';
import { pruneUnusedStyles } from './prune-styles.ts';
import { variantFrame } from './variant-frame.ts';
import { combineVariants } from './combine-variants.ts';

export interface RehypeMermaidCachedOptions {
  /** Folder of the committed cache. */
  cacheDir: string;
}

interface PendingDiagram {
  source: string;
  pre: Element;
  /** The element, root or MDX component (a `<Diagram>`) the code block sits in. */
  parent: { children: ElementContent[] | Root['children'] };
  index: number;
}

function isMermaidCode(node: ElementContent | undefined): node is Element {
  if (!node || node.type !== 'element' || node.tagName !== 'code') return false;
  const classes = node.properties['className'];
  return Array.isArray(classes) && classes.includes('language-mermaid');
}

function collectDiagrams(tree: Root): PendingDiagram[] {
  const found: PendingDiagram[] = [];
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'pre' || index === undefined || !parent) return;
    const code = node.children.find(isMermaidCode);
    if (!code) return;
    found.push({ source: toText(code, { whitespace: 'pre' }).trim(), pre: node, parent, index });
  });
  return found;
}

const svgNodes = (svg: string) => fromHtml(svg, { fragment: true }).children as ElementContent[];
/** One drawing as inlined: what it never uses dropped, in a frame of its own size. */
const variant = (className: string[], svg: string): ElementContent =>
  variantFrame(className, pruneUnusedStyles(pruneUnusedDefs(svgNodes(svg))));

/**
 * The figure that replaces the code block: one drawing restyled for dark mode where the two
 * renders allow it, otherwise both variants, of which CSS shows the one that fits.
 */
function diagramFigure(diagram: CachedDiagram, key: string): Element {
  const ids = variantIds(key);
  const combined = combineVariants(diagram.light, diagram.dark, ids.light, ids.dark);
  const children: ElementContent[] = combined
    ? [variant(['diagram-variant'], combined)]
    : [variant(['diagram-variant', 'diagram-light'], diagram.light), variant(['diagram-variant', 'diagram-dark'], diagram.dark)];
  if (diagram.title) {
    children.push({
      type: 'element',
      tagName: 'figcaption',
      properties: {},
      children: [{ type: 'text', value: diagram.title }],
    });
  }
  return { type: 'element', tagName: 'figure', properties: { className: ['diagram'] }, children };
}

export function rehypeMermaidCached(options: RehypeMermaidCachedOptions) {
  return async function transform(tree: Root, file: VFile): Promise<void> {
    const pending = collectDiagrams(tree);
    for (const item of pending) {
      const key = diagramKey(item.source);
      let diagram = await readCachedDiagram(options.cacheDir, key);
      if (!diagram) {
        const rendered = await renderDiagramVariants(item.source, key, file.path ?? '(unknown file)');
        diagram = {
          ...rendered,
          light: minifyMermaidSvg(rendered.light),
          dark: minifyMermaidSvg(rendered.dark),
        };
        await writeCachedDiagram(options.cacheDir, key, diagram);
      }
      item.parent.children[item.index] = diagramFigure(diagram, key);
    }
  };
}
