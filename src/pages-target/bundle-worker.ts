/**
 * Bundles src/pages-target/pages-worker.ts into the Pages `_worker.js` with esbuild, the site
 * manifest inlined. Offline and deterministic: the test suite runs it, since Pages has no deploy
 * dry run.
 */
import { build, type Plugin } from 'esbuild';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { SiteManifest } from '../gate/site-manifest.ts';
import { SITE_MANIFEST_MODULE, siteManifestSource } from '../build/site-manifest.ts';

export const PAGES_WORKER_ENTRY = fileURLToPath(new URL('./pages-worker.ts', import.meta.url));

function siteManifestPlugin(manifest: SiteManifest): Plugin {
  return {
    name: 'barbican:site-manifest',
    setup(build) {
      build.onResolve({ filter: /^virtual:barbican\/site-manifest$/ }, () => ({ path: SITE_MANIFEST_MODULE, namespace: 'barbican' }));
      build.onLoad({ filter: /.*/, namespace: 'barbican' }, () => ({ contents: siteManifestSource(manifest), loader: 'js' }));
    },
  };
}

/** The bundled worker's source; written to `<outfile>` when given. */
export async function bundlePagesWorker(manifest: SiteManifest, outfile?: string): Promise<string> {
  const result = await build({
    entryPoints: [PAGES_WORKER_ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    // jose and zod publish builds for the Workers runtime and browsers; pick those, not Node's.
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    minify: true,
    legalComments: 'none',
    // Kept in memory: the tests check the code without writing a file.
    write: false,
    outfile: outfile ?? '_worker.js',
    logLevel: 'silent',
    plugins: [siteManifestPlugin(manifest)],
  });
  const text = result.outputFiles[0]?.text;
  if (!text) throw new Error('esbuild produced no _worker.js');
  if (outfile) await writeFile(outfile, text);
  return text;
}
