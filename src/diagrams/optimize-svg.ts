/**
 * Mermaid's SVG, made smaller with svgo (https://svgo.dev/) without touching what the page's
 * styles and the dark-mode stylesheet rely on: no built-in preset (it would rename ids, merge
 * paths, rewrite shapes), only these plugins.
 *
 * - As rendered, before caching (`minifyMermaidSvg`): comments and whitespace go, the embedded
 *   stylesheet is minified as it is (csso through svgo's minifyStyles, no usage data yet: the
 *   light and dark renders must stay comparable, combine-variants.ts).
 * - As inlined (`optimizeDrawing`): the definitions nothing points at go (prune-defs.ts), and the
 *   stylesheet keeps only the rules whose tags, ids and classes occur in the drawing
 *   (minifyStyles with usage data; Mermaid ships its whole theme with every diagram, two thirds
 *   of which styled elements a sequence diagram did not draw).
 */
import { optimize, type PluginConfig } from 'svgo';
import { pruneUnusedDefs } from './prune-defs.ts';

const run = (svg: string, plugins: PluginConfig[]) => optimize(svg, { multipass: false, plugins, js2svg: { pretty: false } }).data;

export function minifyMermaidSvg(svg: string): string {
  return run(svg, ['removeComments', { name: 'minifyStyles', params: { restructure: false, usage: false } }]);
}

export function optimizeDrawing(svg: string): string {
  return run(svg, [pruneUnusedDefs, { name: 'minifyStyles', params: { restructure: false, usage: true } }]);
}
