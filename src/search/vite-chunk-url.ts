/**
 * `import url from './module.ts?chunk-url'` gives the URL of that module built as a chunk of its
 * own, for a script to `import(/* @vite-ignore *\/ url)` when it is needed.
 *
 * Why not a plain `import('./module.ts')`: Vite wraps every dynamic import of the client build in
 * its preload helper (to fetch the chunk's CSS and imports alongside it), about 1 KB gzipped in
 * the importing script, and the search loader on every page has a budget of 600 B. The chunk
 * here imports nothing and has no CSS, so there is nothing to preload.
 * https://rollupjs.org/plugin-development/#file-urls
 *
 * A workaround: delete this plugin (and import the box with a plain `import()`) once Vite leaves
 * the helper out of a dynamic import with nothing to preload, which vitejs/vite#13952 ("Omit
 * `__vitePreload` if dependency array is empty") and vitejs/vite#18551 (the helper injected even
 * with `build.modulePreload: false`) ask for.
 */
import type { Plugin } from 'vite';

const QUERY = '?chunk-url';
const PREFIX = '\0chunk-url:';

export function chunkUrl(): Plugin {
  let serving = false;
  return {
    name: 'barbican:chunk-url',
    // Before Vite's own resolver, which would take the query for a plain file.
    enforce: 'pre',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    async resolveId(source, importer) {
      if (!source.endsWith(QUERY)) return null;
      const resolved = await this.resolve(source.slice(0, -QUERY.length), importer, { skipSelf: true });
      if (!resolved) return null;
      return PREFIX + resolved.id;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length);
      // The dev server compiles and serves source files at /@fs/<path>.
      if (serving) return `export default ${JSON.stringify(`/@fs${file}`)};`;
      const reference = this.emitFile({ type: 'chunk', id: file });
      return `export default import.meta.ROLLUP_FILE_URL_${reference};`;
    },
  };
}
