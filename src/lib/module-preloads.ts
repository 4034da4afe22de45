/**
 * `<link rel="modulepreload">` for the chunks a page's module scripts import, so that a chunk two
 * scripts share (the identity parser of the card and the inspector, the clipboard helper of the
 * card and the copy buttons) is requested straight from the HTML, alongside the scripts, rather
 * than only once a script has arrived and named it: a preloaded chunk is not a request chained
 * behind another (https://html.spec.whatwg.org/multipage/links.html#link-type-modulepreload).
 *
 * Astro writes no such links for its page scripts (withastro/astro#8804 proposed them and was
 * closed), so src/build/module-preloads.ts reads the client build's chunk graph and adds them:
 * to the prerendered pages' files after the build, and, through this module, to the pages the
 * Worker renders on demand (src/worker.ts). Delete both once Astro preloads script imports.
 */

/** Script URL (`/_astro/x.js`) → the URLs of every chunk it imports, directly or not. */
export type ModulePreloads = Readonly<Record<string, readonly string[]>>;

const MODULE_SCRIPT = /<script type="module" src="([^"]+)"><\/script>/g;

/** The HTML with a modulepreload link before each module script for the chunks it imports, each chunk once. */
export function withModulePreloads(html: string, preloads: ModulePreloads): string {
  const linked = new Set<string>();
  return html.replace(MODULE_SCRIPT, (script, src: string) => {
    const links = (preloads[src] ?? [])
      .filter((href) => !linked.has(href) && linked.add(href))
      .map((href) => `<link rel="modulepreload" href="${href}">`);
    return links.join('') + script;
  });
}

/**
 * The client build's map, for the Worker: the server bundle is built before the client build, so
 * the map is written into this string literal after both (src/build/module-preloads.ts). It is
 * valid JSON as it stands: empty under `astro dev`, where there are no chunks.
 */
const FILLED_IN_BY_THE_BUILD = '{"__barbican_module_preloads__":[]}';

export const MODULE_PRELOADS: ModulePreloads = JSON.parse(FILLED_IN_BY_THE_BUILD) as ModulePreloads;
