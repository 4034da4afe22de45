/**
 * Cheap, safe size cuts on mermaid's SVG output before it is cached and inlined: whitespace
 * between tags and inside the embedded stylesheet. Anything structural (ids, classes, text) is
 * left alone.
 */
export function minifyMermaidSvg(svg: string): string {
  return svg
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/>\s+</g, '><')
    .replace(/<style>([\s\S]*?)<\/style>/g, (_match, css: string) => `<style>${minifyCss(css)}</style>`)
    .trim();
}

function minifyCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}
