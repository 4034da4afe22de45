/**
 * Adds `<link rel="modulepreload">` for the chunks each page script imports
 * (src/lib/module-preloads.ts says why). The client build's chunk graph is read as it is written
 * (Vite plugin, `generateBundle`); after the build, every prerendered page's file gets its links,
 * and the map is written into the server bundle for the pages the Worker renders on demand.
 * Runs before the Pages build's own `astro:build:done`, which takes the demo pages' files into
 * its `_worker.js` (src/pages-target/pages-integration.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { filesEndingWith } from '../lib/mdx-files.ts';
import { withModulePreloads, type ModulePreloads } from '../lib/module-preloads.ts';

/** The literal the server bundle carries until the map is written in (src/lib/module-preloads.ts). */
const PLACEHOLDER = /(["'`])\{\\?"__barbican_module_preloads__\\?":\[\]\}\1/;

interface Chunk {
  type: 'chunk' | 'asset';
  fileName: string;
  isEntry?: boolean;
  imports?: string[];
}

/** Every chunk an entry imports, directly or through another chunk. */
export function chunkPreloads(bundle: Record<string, Chunk>, base = '/'): ModulePreloads {
  const chunks = new Map(
    Object.values(bundle)
      .filter((chunk) => chunk.type === 'chunk')
      .map((chunk) => [chunk.fileName, chunk]),
  );
  const preloads: Record<string, string[]> = {};
  for (const entry of chunks.values()) {
    if (!entry.isEntry) continue;
    const seen = new Set<string>();
    const visit = (fileName: string) => {
      for (const dependency of chunks.get(fileName)?.imports ?? []) {
        if (seen.has(dependency)) continue;
        seen.add(dependency);
        visit(dependency);
      }
    };
    visit(entry.fileName);
    if (seen.size > 0) preloads[`${base}${entry.fileName}`] = [...seen].map((fileName) => `${base}${fileName}`);
  }
  return preloads;
}

async function rewrite(file: string, change: (text: string) => string): Promise<boolean> {
  const text = await readFile(file, 'utf8');
  const changed = change(text);
  if (changed === text) return false;
  await writeFile(file, changed);
  return true;
}

export function modulePreloads(): AstroIntegration {
  let preloads: ModulePreloads = {};
  let serverDir: URL | undefined;
  const plugin: Plugin = {
    name: 'barbican:module-preloads',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'client',
    generateBundle(_options, bundle) {
      preloads = chunkPreloads(bundle);
    },
  };
  return {
    name: 'barbican:module-preloads',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [plugin] } });
      },
      'astro:config:done': ({ config }) => {
        serverDir = config.output === 'server' || config.adapter ? config.build.server : undefined;
      },
      'astro:build:done': async ({ dir, logger }) => {
        for (const page of filesEndingWith(fileURLToPath(dir), '.html')) await rewrite(page, (html) => withModulePreloads(html, preloads));
        if (!serverDir) return;
        let filled = 0;
        for (const chunk of filesEndingWith(fileURLToPath(serverDir), '.mjs'))
          if (await rewrite(chunk, (code) => code.replace(PLACEHOLDER, JSON.stringify(JSON.stringify(preloads))))) filled++;
        if (filled === 0 && Object.keys(preloads).length > 0) {
          throw new Error('module preloads: no server chunk holds the map placeholder of src/lib/module-preloads.ts');
        }
        logger.info(`module preloads for ${Object.keys(preloads).length} script(s)`);
      },
    },
  };
}
