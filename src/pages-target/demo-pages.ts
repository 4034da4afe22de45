/**
 * The demo pages of the Pages build, moved out of the static output and into `_worker.js`.
 * Astro prerenders them into `dist-pages/<slug>/index.html`; left there, they would be files the
 * Pages asset server can answer by itself, for any request that does not run the worker: a path
 * `_routes.json` does not match (the asset server decodes `/scim%2Da/` to `/scim-a/`), or every
 * request once a project over its daily Functions limit fails open
 * (https://developers.cloudflare.com/pages/functions/routing/#fail-open--closed). Taken out of
 * the output and bundled into the worker, a demo page's HTML exists only behind the gate.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SiteManifest } from '../gate/site-manifest.ts';

/** Demo slug → the demo page's prerendered HTML. */
export type DemoPages = Record<string, string>;

export const DEMO_PAGES_MODULE = 'virtual:barbican/demo-pages';

/** The folder of a demo's prerendered page in the output: the whole of it is the demo's. */
export function demoPageFolder(outDir: string, slug: string): string {
  return join(outDir, slug);
}

/** Reads each demo's prerendered page from `outDir` and removes its folder from the output. */
export async function takeDemoPages(outDir: string, manifest: SiteManifest): Promise<DemoPages> {
  const pages: DemoPages = {};
  for (const { slug } of manifest.demos) {
    const file = join(demoPageFolder(outDir, slug), 'index.html');
    try {
      pages[slug] = await readFile(file, 'utf8');
    } catch (error) {
      throw new Error(`The Pages build has no prerendered page for the demo "${slug}" (${file})`, { cause: error });
    }
  }
  for (const { slug } of manifest.demos) await rm(demoPageFolder(outDir, slug), { recursive: true, force: true });
  return pages;
}

export function demoPagesSource(pages: DemoPages): string {
  return `export default ${JSON.stringify(pages)};\n`;
}
