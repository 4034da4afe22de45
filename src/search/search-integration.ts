/**
 * The site search as part of the build: once Astro has written the site, Pagefind indexes it
 * (src/search/site-index.ts), so both builds carry their index and no step runs after
 * `astro build`. `dir` is the folder the static files are served from on either target: the
 * Worker build's `dist/client/` (Astro passes a server build's client folder,
 * `config.build.client`) and the Pages build's `dist-pages/`, once its own integration has moved
 * the demo pages out (registered before this one). https://docs.astro.build/en/reference/integrations-reference/#astrobuilddone
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { writeSiteIndex } from './site-index.ts';

export function siteSearch(): AstroIntegration {
  return {
    name: 'barbican:site-search',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const { outputPath, indexedFiles } = await writeSiteIndex(fileURLToPath(dir));
        logger.info(`indexed ${indexedFiles.length} public page(s) into ${outputPath}`);
      },
    },
  };
}
