/**
 * Wires the gate into the Astro build: the site manifest module, and the gate middleware for
 * builds only (`astro dev` has no Access in front of it; src/dev/ stands in there). Keeping the
 * middleware out of the dev server this way means the production middleware has no dev branch.
 */
import type { AstroIntegration } from 'astro';
import { siteManifestVitePlugin } from '../build/site-manifest.ts';

/**
 * `onDemand: false` is the Pages build: every page is a file, and the gate runs in `_worker.js`
 * (src/pages-target/) instead of as middleware.
 */
export function accessGate({ domain, onDemand = true }: { domain: string; onDemand?: boolean }): AstroIntegration {
  return {
    name: 'barbican:access-gate',
    hooks: {
      'astro:config:setup': ({ command, addMiddleware, updateConfig }) => {
        updateConfig({ vite: { plugins: [siteManifestVitePlugin(domain)] } });
        if (onDemand && command !== 'dev') addMiddleware({ entrypoint: new URL('./gate-middleware.ts', import.meta.url), order: 'pre' });
      },
    },
  };
}
