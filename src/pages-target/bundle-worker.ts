/**
 * Bundles src/pages-target/pages-worker.ts into the Pages `_worker.js` with esbuild, the site
 * manifest and the demo pages' HTML (src/pages-target/demo-pages.ts) inlined. Offline and
 * deterministic: the test suite runs it, since Pages has no deploy dry run.
 */
import { build, type Plugin } from 'esbuild';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { SiteManifest } from '../gate/site-manifest.ts';
import { SITE_MANIFEST_MODULE, siteManifestSource } from '../build/site-manifest.ts';
import { DEMO_PAGES_MODULE, demoPagesSource, type DemoPages } from './demo-pages.ts';

export const PAGES_WORKER_ENTRY = fileURLToPath(new URL('./pages-worker.ts', import.meta.url));

/** The build-time modules the worker imports, each by its `virtual:` name, as generated source. */
function virtualModulesPlugin(modules: Record<string, string>): Plugin {
  return {
    name: 'barbican:virtual-modules',
    setup(build) {
      const source = (path: string): string => {
        const contents = modules[path];
        if (contents === undefined) throw new Error(`${path} is not a module of the Pages worker`);
        return contents;
      };
      // An unknown name fails the build here, where esbuild can say which import asked for it.
      build.onResolve({ filter: /^virtual:barbican\// }, ({ path }) => {
        source(path);
        return { path, namespace: 'barbican' };
      });
      build.onLoad({ filter: /.*/, namespace: 'barbican' }, ({ path }) => ({ contents: source(path), loader: 'js' }));
    },
  };
}

/** The bundled worker's source; written to `<outfile>` when given. */
export async function bundlePagesWorker(manifest: SiteManifest, demoPages: DemoPages, outfile?: string): Promise<string> {
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
    plugins: [
      virtualModulesPlugin({ [SITE_MANIFEST_MODULE]: siteManifestSource(manifest), [DEMO_PAGES_MODULE]: demoPagesSource(demoPages) }),
    ],
  });
  const text = result.outputFiles[0]?.text;
  if (!text) throw new Error('esbuild produced no _worker.js');
  if (outfile) await writeFile(outfile, text);
  return text;
}
