/**
 * Every page of the site, discovered from the build and the content (never a hand-kept list):
 * prerendered pages from dist/client, demo pages from content/demos frontmatter.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface SitePage {
  path: string;
  /** The demo slug, for gated pages that need an Access token. */
  demo?: string;
}

const root = new URL('../../', import.meta.url).pathname;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name === 'index.html' ? [path] : [];
  });
}

export function demoSlugs(): string[] {
  const dir = join(root, 'content/demos');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => readFileSync(join(dir, name), 'utf8').match(/^slug:\s*(\S+)\s*$/m)?.[1] ?? '')
    .filter(Boolean);
}

export function sitePages(): SitePage[] {
  const client = join(root, 'dist/client');
  const prerendered = htmlFiles(client).map((file) => ({ path: `/${relative(client, file).replace(/index\.html$/, '')}` }));
  const demos = demoSlugs().map((slug) => ({ path: `/${slug}/`, demo: slug }));
  return [...prerendered, ...demos].sort((a, b) => a.path.localeCompare(b.path));
}
