/**
 * The pages the bench and audit tools measure, discovered rather than listed: pages come and go
 * with content, and a hand-kept list would silently stop covering new ones.
 * - prerendered pages: every `index.html` under dist/client (so run after a build);
 * - demo pages: the `slug` of every content/demos/*.mdx (they are rendered on demand and gated,
 *   so they have no file in the Worker build).
 */
import { readdirSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { PROJECT_ROOT, readSiteManifest } from '../../../src/build/site-manifest.ts';

export { PROJECT_ROOT };

/** Every file under a built output folder, at any depth. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

export interface SitePage {
  /** The URL path, always with a trailing slash: `/`, `/guides/`, `/scim-a/`. */
  path: string;
  /** A demo page needs an Access token for its slug; a static page needs nothing. */
  demoSlug?: string;
}

function indexFiles(folder: string): string[] {
  return filesUnder(folder).filter((file) => basename(file) === 'index.html');
}

/** Paths of the prerendered pages in the build (404.html is not a page anyone navigates to). */
export function staticPagePaths(root = PROJECT_ROOT): string[] {
  const client = join(root, 'dist', 'client');
  return indexFiles(client)
    .map((file) => {
      const folder = relative(client, file).split(sep).slice(0, -1).join('/');
      return folder ? `/${folder}/` : '/';
    })
    .sort();
}

/** The slug of each demo in content/demos (the site manifest the gate is built with). */
export function demoSlugs(root = PROJECT_ROOT): string[] {
  return readSiteManifest({ root })
    .demos.map((demo) => demo.slug)
    .sort();
}

export function discoverPages(root = PROJECT_ROOT): SitePage[] {
  const pages: SitePage[] = staticPagePaths(root).map((path) => ({ path }));
  if (pages.length === 0) throw new Error('No index.html under dist/client: build the site first (npm run build).');
  return [...pages, ...demoSlugs(root).map((slug) => ({ path: `/${slug}/`, demoSlug: slug }))];
}
