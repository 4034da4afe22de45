/**
 * The Pages build (`npm run build:pages`, BUILD_TARGET=pages): a static build in `dist-pages/`
 * with the public pages prerendered as files, plus what Pages reads beside them: `_routes.json`
 * and `_worker.js` (the gate). The demo pages are prerendered too, then moved out of the output
 * into `_worker.js` (src/pages-target/demo-pages.ts), so no demo page is ever a static file.
 * `_headers` is written by the shared security-headers integration, as for the Worker build.
 */
import type { AstroIntegration } from 'astro';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { readSiteManifest } from '../build/site-manifest.ts';
import { bundlePagesWorker } from './bundle-worker.ts';
import { takeDemoPages } from './demo-pages.ts';
import { pagesRoutes, routesProblems } from './pages-routes.ts';

export const DEMO_PAGE_COMPONENT = 'src/pages/[demo]/index.astro';

export function pagesTarget({ domain }: { domain: string }): AstroIntegration {
  return {
    name: 'barbican:pages-target',
    hooks: {
      // The demo page is on demand in the Worker; here it is prerendered for the gate to serve.
      'astro:route:setup': ({ route }) => {
        if (route.component === DEMO_PAGE_COMPONENT) route.prerender = true;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const manifest = readSiteManifest({ domain });
        const routes = pagesRoutes(manifest);
        const problems = routesProblems(routes);
        if (problems.length > 0) throw new Error(`The Pages build cannot be deployed: ${problems.join('; ')}`);
        await writeFile(fileURLToPath(new URL('_routes.json', dir)), `${JSON.stringify(routes, null, 2)}\n`);
        const demoPages = await takeDemoPages(fileURLToPath(dir), manifest);
        await bundlePagesWorker(manifest, demoPages, fileURLToPath(new URL('_worker.js', dir)));
        logger.info(
          `wrote _routes.json (${routes.include.length} routes to the gate) and _worker.js, with the ${Object.keys(demoPages).length} demo pages moved into it`,
        );
      },
    },
  };
}
