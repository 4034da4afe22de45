/**
 * What one page weighs, as served: the HTML, and within it the inline CSS and the inline
 * diagram SVG (both ship inside the HTML, so they are parts of it, not additions), plus the
 * JavaScript it loads. Gzip sizes use zlib's default level, close to what a CDN sends; the
 * HTML is re-compressed here rather than measured on the wire, so every row uses one method.
 */
import { gzipSync } from 'node:zlib';
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { scriptBytes, type ScriptBytes } from './script-bytes.ts';

export interface PageBytes {
  path: string;
  status: number;
  htmlRaw: number;
  htmlGzip: number;
  inlineCss: number;
  diagrams: number;
  svgRaw: number;
  svgGzip: number;
  scripts: ScriptBytes;
}

const bytes = (text: string) => Buffer.byteLength(text);
const gzipped = (text: string) => gzipSync(text).length;

function classes(node: Element): string[] {
  const value = node.properties['className'];
  return Array.isArray(value) ? value.map(String) : [];
}

/** The exact source text of an element, from the parser's positions. */
function sourceOf(html: string, node: Element): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) throw new Error(`<${node.tagName}> has no source position`);
  return html.slice(start, end);
}

interface Parts {
  styles: string[];
  diagramSvgs: string[];
  diagrams: number;
  scriptSrcs: string[];
}

/** Walks the tree once. Page CSS is the text of <style> elements; an <svg>'s own <style> counts as SVG. */
function collect(html: string, node: Root | RootContent, parts: Parts, inSvg = false, inDiagram = false): void {
  if (node.type === 'element') {
    if (node.tagName === 'style' && !inSvg)
      parts.styles.push(node.children.map((child) => (child.type === 'text' ? child.value : '')).join(''));
    if (node.tagName === 'script' && typeof node.properties['src'] === 'string') parts.scriptSrcs.push(node.properties['src']);
    if (node.tagName === 'figure' && classes(node).includes('diagram')) parts.diagrams++;
    if (node.tagName === 'svg' && !inSvg && inDiagram) parts.diagramSvgs.push(sourceOf(html, node));
    inSvg ||= node.tagName === 'svg';
    inDiagram ||= node.tagName === 'figure' && classes(node).includes('diagram');
  }
  const children = 'children' in node ? node.children : [];
  for (const child of children) collect(html, child, parts, inSvg, inDiagram);
  // <template> content is parsed into `content`, not `children`.
  if (node.type === 'element' && node.content) collect(html, node.content, parts, inSvg, inDiagram);
}

export async function measurePage(baseUrl: string, path: string, headers: Record<string, string>): Promise<PageBytes> {
  const url = new URL(path, baseUrl).href;
  const response = await fetch(url, { headers });
  const html = await response.text();
  if (!response.ok) throw new Error(`${path} answered ${response.status}; a demo page needs a valid Access token`);
  const parts: Parts = { styles: [], diagramSvgs: [], diagrams: 0, scriptSrcs: [] };
  collect(html, fromHtml(html), parts);
  const svg = parts.diagramSvgs.join('');
  return {
    path,
    status: response.status,
    htmlRaw: bytes(html),
    htmlGzip: gzipped(html),
    inlineCss: parts.styles.reduce((sum, style) => sum + bytes(style), 0),
    diagrams: parts.diagrams,
    svgRaw: bytes(svg),
    svgGzip: svg ? gzipped(svg) : 0,
    scripts: await scriptBytes(
      parts.scriptSrcs.map((src) => new URL(src, url).href),
      headers,
    ),
  };
}
