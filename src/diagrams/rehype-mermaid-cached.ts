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
import { h } from 'hastscript';
import type { VFile } from 'vfile';
import { diagramKey, readCachedDiagram, writeCachedDiagram, type CachedDiagram } from './diagram-cache.ts';
import { mermaidBlocks } from './diagram-sources.ts';
import { renderDiagramVariants, variantIds } from './render-diagram.ts';
import { minifyMermaidSvg, optimizeDrawing } from './optimize-svg.ts';
import { variantFrame } from './variant-frame.ts';
import { combineVariants } from './combine-variants.ts';

export interface RehypeMermaidCachedOptions {
  /** Folder of the committed cache. */
  cacheDir: string;
}

const svgNodes = (svg: string): ElementContent[] =>
  fromHtml(svg, { fragment: true }).children.filter((node): node is ElementContent => node.type !== 'doctype');
/** One drawing as inlined: what it never uses dropped (optimize-svg.ts), in a frame of its own size. */
const variant = (className: string[], svg: string): Element => variantFrame(className, svgNodes(optimizeDrawing(svg)));

/**
 * The figure that replaces the code block: one drawing restyled for dark mode where the two
 * renders allow it, otherwise both variants, of which CSS shows the one that fits.
 */
function diagramFigure(diagram: CachedDiagram, key: string): Element {
  const ids = variantIds(key);
  const combined = combineVariants(diagram.light, diagram.dark, ids.light, ids.dark);
  const drawings = combined
    ? [variant(['diagram-variant'], combined)]
    : [variant(['diagram-variant', 'diagram-light'], diagram.light), variant(['diagram-variant', 'diagram-dark'], diagram.dark)];
  return h('figure.diagram', [...drawings, diagram.title ? h('figcaption', diagram.title) : undefined]);
}

export function rehypeMermaidCached(options: RehypeMermaidCachedOptions) {
  return async function transform(tree: Root, file: VFile): Promise<void> {
    const pending = mermaidBlocks(tree);
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
      item.replace(diagramFigure(diagram, key));
    }
  };
}
