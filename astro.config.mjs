// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import cloudflare from '@astrojs/cloudflare';
import { unified } from '@astrojs/markdown-remark';
import { rehypeMermaidCached } from './src/diagrams/rehype-mermaid-cached.ts';
import { devAccessMock } from './src/dev/dev-access-mock.ts';
import { securityHeadersFile } from './src/security/headers-file.ts';

const domain = process.env.SITE_DOMAIN ?? 'barbicancloud.co.uk';

export default defineConfig({
  site: `https://${domain}`,
  trailingSlash: 'ignore',
  // No sessions and no image binding: the Worker needs nothing but its static assets.
  session: false,
  // vitest renders components with getViteConfig, which breaks while the adapter is active.
  adapter: process.env.VITEST ? undefined : cloudflare({ imageService: 'passthrough' }),
  integrations: [mdx(), devAccessMock(), securityHeadersFile()],
  markdown: {
    syntaxHighlight: { type: 'shiki', excludeLangs: ['mermaid'] },
    shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' } },
    processor: unified({
      rehypePlugins: [[rehypeMermaidCached, { cacheDir: new URL('./src/diagrams/cache/', import.meta.url).pathname }]],
    }),
  },
  build: { inlineStylesheets: 'always' },
  vite: {
    // Keep every script an external file so the CSP can say script-src 'self' with no hashes.
    build: { assetsInlineLimit: 0 },
  },
});
