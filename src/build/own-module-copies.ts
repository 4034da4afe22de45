/**
 * Gives one page script its own copy of every project module it imports, instead of a chunk
 * shared with another page script. A shared chunk is imported by each entry, so the browser only
 * finds it after downloading the entry: a request chained behind another (Lighthouse's network
 * dependency tree, checked in tests/e2e/lighthouse.spec.ts). Rolldown can copy small common
 * chunks into their importers only with entry signatures off, which Astro's client build does
 * not allow; a module id with a query is a different module to the bundler, so each entry
 * bundles its own.
 *
 * Used for the inspector, which shares the identity card's parser (src/identity/): the card's
 * page gets no bigger, and neither script waits for another. Build only: in `astro dev` every
 * module is its own request anyway.
 * Vite plugin API: https://vite.dev/guide/api-plugin.html#universal-hooks (resolveId).
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const SRC = fileURLToPath(new URL('../', import.meta.url));

/** `folder`: the entry's folder under src/, e.g. 'inspector'; its copies carry `?<folder>-copy`. */
export function ownModuleCopies(folder: string): Plugin {
  const own = `${SRC}${folder}/`;
  const query = `?${folder}-copy`;
  return {
    name: `barbican:own-module-copies:${folder}`,
    // Before Vite's own resolver, which would otherwise answer first.
    enforce: 'pre',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'client',
    async resolveId(source, importer, options) {
      if (!importer || !(importer.startsWith(own) || importer.endsWith(query))) return null;
      const resolved = await this.resolve(source, importer.replace(query, ''), { ...options, skipSelf: true });
      if (!resolved || resolved.external || !resolved.id.startsWith(SRC) || resolved.id.startsWith(own) || resolved.id.includes('?'))
        return resolved;
      return { ...resolved, id: `${resolved.id}${query}` };
    },
  };
}
