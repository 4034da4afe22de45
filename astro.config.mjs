// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import cloudflare from '@astrojs/cloudflare';
import { unified } from '@astrojs/markdown-remark';
import { rehypeMermaidCached } from './src/diagrams/rehype-mermaid-cached.ts';
import { devAccessMock } from './src/dev/dev-access-mock.ts';
import { accessGate } from './src/gate/gate-integration.ts';
import { pagesTarget } from './src/pages-target/pages-integration.ts';
import { siteDomain } from './src/build/site-manifest.ts';
import { securityHeadersFile } from './src/security/headers-file.ts';
import { stalePagesWarning } from './src/content-age/stale-pages-warning.ts';
import { modulePreloads } from './src/build/module-preloads.ts';
import { rehypePlaceholders } from './src/markdown/rehype-placeholders.ts';
import { rehypeCopyButtons } from './src/markdown/rehype-copy-buttons.ts';
import { rehypeSections } from './src/markdown/rehype-sections.ts';
import { rehypeHeadingId } from './src/markdown/rehype-heading-id.ts';
import { rehypeTabs } from './src/markdown/rehype-tabs.ts';
import { chunkUrl } from './src/search/vite-chunk-url.ts';
import { siteSearch } from './src/search/search-integration.ts';
import { rehypeRequiredSections } from './src/markdown/rehype-required-sections.ts';
import { REQUIRED_DEMO_SECTIONS } from './src/schemas/demo.ts';
import sitemap from '@astrojs/sitemap';
import { isPublicPath } from './src/lib/tool-pages.ts';
import { resolve } from 'node:path';

const domain = siteDomain();

// Two deploy targets from one codebase (README, "Workers or Pages?"): the Worker (default), or a
// static build for Cloudflare Pages with the gate as its _worker.js (BUILD_TARGET=pages).
const pages = process.env.BUILD_TARGET === 'pages';

// The committed diagram cache, unless DIAGRAM_CACHE_DIR names another folder: the benchmark
// points it at an empty temp folder to time a cold build in which every diagram is rendered.
const diagramCacheDir = process.env.DIAGRAM_CACHE_DIR
  ? resolve(process.env.DIAGRAM_CACHE_DIR)
  : new URL('./src/diagrams/cache/', import.meta.url).pathname;

export default defineConfig({
  site: `https://${domain}`,
  // The dev toolbar is the one inline script `astro dev` adds (`window.__astro_dev_toolbar__`),
  // which the site's CSP (script-src 'self', the same in dev as in production) refuses with a
  // console error on every page. The site has no framework islands for it to inspect.
  devToolbar: { enabled: false },
  trailingSlash: 'ignore',
  // No sessions and no image binding: the Worker needs nothing but its static assets.
  session: false,
  // vitest renders components with getViteConfig, which breaks while the adapter is active.
  // The Pages build is static: no adapter, its own output folder (what `wrangler pages` serves).
  ...(process.env.VITEST || pages ? {} : { adapter: cloudflare({ imageService: 'passthrough' }) }),
  ...(pages ? { outDir: './dist-pages' } : {}),
  integrations: [
    mdx(),
    // Public pages only: a gated demo page answers crawlers with Access's sign-in, never itself
    // (in the Worker it is rendered on demand; in the Pages build it is a file, filtered here).
    sitemap({ filter: (page) => isPublicPath(new URL(page).pathname) }),
    devAccessMock(),
    securityHeadersFile(),
    stalePagesWarning(),
    accessGate({ domain, onDemand: !pages }),
    // Before the Pages target: it takes the demo pages' files, links and all, into _worker.js.
    modulePreloads(),
    ...(pages ? [pagesTarget({ domain })] : []),
    // Last: it indexes the built site once the other integrations have written it (src/search/).
    siteSearch(),
  ],
  markdown: {
    // No syntax highlighting: the code here is short commands and values, and plain blocks keep
    // pages small, free of inline styles, and let placeholders be marked in whole text nodes.
    syntaxHighlight: false,
    processor: unified({
      rehypePlugins: [
        [rehypeMermaidCached, { cacheDir: diagramCacheDir }],
        rehypeTabs,
        rehypePlaceholders,
        rehypeCopyButtons,
        rehypeSections,
        rehypeHeadingId,
        // A demo page's MDX (content/demos/*.mdx, or a test fixture in a folder of that name).
        [
          rehypeRequiredSections,
          {
            appliesTo: (/** @type {string} */ path) => /[\\/]content[\\/]demos[\\/][^\\/]+\.mdx$/.test(path),
            sections: REQUIRED_DEMO_SECTIONS,
          },
        ],
      ],
    }),
  },
  build: { inlineStylesheets: 'always' },
  vite: {
    // Keep every script an external file so the CSP can say script-src 'self' with no hashes.
    build: { assetsInlineLimit: 0 },
    plugins: [chunkUrl()],
    // @astrojs/cloudflare sets a `globalThis.process ??= {}` banner on every Rolldown output for
    // the Worker (node_modules/@astrojs/cloudflare/dist/index.js, `output.banner`), and the client
    // build inherits it, where nothing needs it: bytes on every page. Astro lets an environment's
    // own output options win, so the client's banner is set to nothing here.
    environments: { client: { build: { rolldownOptions: { output: { banner: '' } } } } },
  },
});
