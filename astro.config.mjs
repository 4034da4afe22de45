// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import cloudflare from '@astrojs/cloudflare';
import { unified } from '@astrojs/markdown-remark';
import { rehypeMermaidCached } from './src/diagrams/rehype-mermaid-cached.ts';
import { devAccessMock } from './src/dev/dev-access-mock.ts';
import { accessGate } from './src/gate/gate-integration.ts';
import { pagesTarget } from './src/pages-target/pages-integration.ts';
import { readSiteManifest, siteDomain } from './src/build/site-manifest.ts';
import { securityHeadersFile } from './src/security/headers-file.ts';
import { rehypePlaceholders } from './src/markdown/rehype-placeholders.ts';
import { rehypeCopyButtons } from './src/markdown/rehype-copy-buttons.ts';
import { rehypeSections } from './src/markdown/rehype-sections.ts';
import sitemap from '@astrojs/sitemap';
import { resolve } from 'node:path';

const domain = siteDomain();

// Two deploy targets from one codebase (README, "Workers or Pages?"): the Worker (default), or a
// static build for Cloudflare Pages with the gate as its _worker.js (BUILD_TARGET=pages).
const pages = process.env.BUILD_TARGET === 'pages';

/**
 * Gated pages never belong in a sitemap. In the Worker they are rendered on demand, so the
 * sitemap never sees them; in the Pages build they are files, so they are filtered out by slug.
 * @param {string} page
 */
function isPublicPage(page) {
  const first = new URL(page).pathname.split('/').find(Boolean);
  return !readSiteManifest({ domain }).demos.some((demo) => demo.slug === first);
}

// The committed diagram cache, unless DIAGRAM_CACHE_DIR names another folder: the benchmark
// points it at an empty temp folder to time a cold build in which every diagram is rendered.
const diagramCacheDir = process.env.DIAGRAM_CACHE_DIR
  ? resolve(process.env.DIAGRAM_CACHE_DIR)
  : new URL('./src/diagrams/cache/', import.meta.url).pathname;

/**
 * @astrojs/cloudflare sets a `globalThis.process` banner for the Worker build, and Vite 8 also
 * prepends it to every browser chunk, where nothing needs it. Strip it there: bytes on every page.
 * @returns {import('vite').Plugin}
 */
function stripServerBannerFromClient() {
  // As written by the adapter, or as the minifier rewrote it.
  const banner = /^globalThis\.process\s*\?\?=\s*\{\}\s*[;,]\s*globalThis\.process\.env\s*\?\?=\s*\{\}\s*;?/;
  return {
    name: 'barbican:strip-server-banner-from-client',
    applyToEnvironment: (environment) => environment.name === 'client',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk') chunk.code = chunk.code.replace(banner, '');
      }
    },
  };
}

export default defineConfig({
  site: `https://${domain}`,
  trailingSlash: 'ignore',
  // No sessions and no image binding: the Worker needs nothing but its static assets.
  session: false,
  // vitest renders components with getViteConfig, which breaks while the adapter is active.
  // The Pages build is static: no adapter, its own output folder (what `wrangler pages` serves).
  ...(process.env.VITEST || pages ? {} : { adapter: cloudflare({ imageService: 'passthrough' }) }),
  ...(pages ? { outDir: './dist-pages' } : {}),
  integrations: [
    mdx(),
    sitemap(pages ? { filter: isPublicPage } : {}),
    devAccessMock(),
    securityHeadersFile(),
    accessGate({ domain, onDemand: !pages }),
    ...(pages ? [pagesTarget({ domain })] : []),
  ],
  markdown: {
    // No syntax highlighting: the code here is short commands and values, and plain blocks keep
    // pages small, free of inline styles, and let placeholders be marked in whole text nodes.
    syntaxHighlight: false,
    processor: unified({
      rehypePlugins: [
        [rehypeMermaidCached, { cacheDir: diagramCacheDir }],
        rehypePlaceholders,
        rehypeCopyButtons,
        rehypeSections,
      ],
    }),
  },
  build: { inlineStylesheets: 'always' },
  vite: {
    // Keep every script an external file so the CSP can say script-src 'self' with no hashes.
    build: { assetsInlineLimit: 0 },
    plugins: [stripServerBannerFromClient()],
  },
});
