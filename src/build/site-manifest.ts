/**
 * Builds the gate's site manifest (src/gate/site-manifest.ts) from the demos collection's files:
 * the same `content/demos/**\/*.mdx` the collection loads, checked with the same schema, so the
 * collection stays the one registry of demos. Served to the build as the virtual module
 * `virtual:barbican/site-manifest` (a Vite plugin for the Worker, an esbuild plugin for the Pages
 * `_worker.js`), and read directly by the checks and the tests.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Plugin as VitePlugin } from 'vite';
import { demoSchema } from '../schemas/demo.ts';
import type { SiteManifest } from '../gate/site-manifest.ts';
import { mdxFiles } from '../lib/mdx-files.ts';
import { orderDemos } from '../lib/order-demos.ts';
import { DEFAULT_DOMAIN } from '../lib/site.ts';

export const SITE_MANIFEST_MODULE = 'virtual:barbican/site-manifest';
const RESOLVED_ID = `\0${SITE_MANIFEST_MODULE}`;

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The domain the build is for: `SITE_DOMAIN`, as astro.config.mjs reads it. */
export function siteDomain(): string {
  return process.env['SITE_DOMAIN'] ?? DEFAULT_DOMAIN;
}

export function demoFiles(root = PROJECT_ROOT): string[] {
  return mdxFiles(join(root, 'content', 'demos'));
}

export function readSiteManifest({ root = PROJECT_ROOT, domain = siteDomain() }: { root?: string; domain?: string } = {}): SiteManifest {
  const entries = demoFiles(root).map((file) => {
    const name = relative(root, file);
    const result = demoSchema.safeParse(parseFrontmatter(readFileSync(file, 'utf8')).frontmatter);
    if (!result.success) {
      const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'frontmatter'}: ${issue.message}`);
      throw new Error(`${name}: the frontmatter does not match the demo schema (${problems.join('; ')})`);
    }
    return { name, data: result.data };
  });
  return { domain, demos: orderDemos(entries, (entry) => entry.name).map(({ data }) => ({ slug: data.slug, gate: data.gate })) };
}

export function siteManifestSource(manifest: SiteManifest): string {
  return `export default ${JSON.stringify(manifest)};\n`;
}

/** `virtual:barbican/site-manifest` for Vite (the Worker build and the dev server). */
export function siteManifestVitePlugin(domain: string, root = PROJECT_ROOT): VitePlugin {
  return {
    name: 'barbican:site-manifest',
    resolveId: (id) => (id === SITE_MANIFEST_MODULE ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      for (const file of demoFiles(root)) this.addWatchFile(file);
      return siteManifestSource(readSiteManifest({ root, domain }));
    },
  };
}
