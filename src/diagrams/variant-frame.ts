/**
 * The box a diagram drawing sits in. It takes the drawing's own proportions (from the SVG's
 * viewBox) and CSS skips its layout and paint while it is off screen (`.diagram-variant--sized` has
 * `content-visibility: auto`, src/styles/global.css). Mermaid's SVGs, with their HTML labels,
 * are the costliest thing to lay out on a page; with the box sized up front, skipping them
 * moves nothing when they come into view.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';

export interface DrawingBox {
  width: number;
  height: number;
}

/** The viewBox size of the first <svg> among the nodes, if it has a usable one. */
export function drawingBox(nodes: ElementContent[]): DrawingBox | undefined {
  const svg = nodes.find((node): node is Element => node.type === 'element' && node.tagName === 'svg');
  const viewBox = svg?.properties['viewBox'];
  const [, , width, height] = String(viewBox ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if (!width || !height || !Number.isFinite(width) || !Number.isFinite(height) || width <= 0 || height <= 0) return undefined;
  return { width, height };
}

/** `aspect-ratio` and `max-width` that give the frame exactly the size the SVG would have. */
export function frameStyle(box: DrawingBox): string {
  const round = (n: number) => Number(n.toFixed(3));
  return `aspect-ratio:${round(box.width)}/${round(box.height)};max-width:${round(box.width)}px`;
}

export function variantFrame(className: string[], drawing: ElementContent[]): Element {
  const box = drawingBox(drawing);
  // Without a size the frame would collapse while skipped, so such a drawing is laid out as usual.
  const properties = box ? { className: [...className, 'diagram-variant--sized'], style: frameStyle(box) } : { className };
  return h('div', properties, drawing);
}
