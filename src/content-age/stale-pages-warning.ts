/**
 * Astro integration: after a build, warn (never fail) about every demo or guide whose `verified`
 * date is more than 180 days old. It reads the files themselves rather than the content layer,
 * whose cache skips unchanged entries: a page goes stale by the calendar, not by an edit. The files
 * are the ones the collections load (src/content.config.ts): every `.mdx` at any depth.
 */
import type { AstroIntegration } from 'astro';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mdxFiles } from '../lib/mdx-files.ts';
import { verifiedSchema } from '../schemas/verified.ts';
import { staleWarning } from './verified-age.ts';

const PAGE_FOLDERS = ['content/demos', 'content/guides'];

/** The warnings for the pages under `root`, as of `now`. Unreadable dates are the schema's job. */
export function stalePages(root: string, now: Date): string[] {
  const warnings: string[] = [];
  for (const file of PAGE_FOLDERS.flatMap((folder) => mdxFiles(join(root, folder))).sort()) {
    const { frontmatter } = parseFrontmatter(readFileSync(file, 'utf8'));
    const verified = verifiedSchema.safeParse(frontmatter['verified']);
    if (!verified.success) continue;
    const warning = staleWarning(relative(root, file), verified.data, now);
    if (warning) warnings.push(warning);
  }
  return warnings;
}

export function stalePagesWarning(): AstroIntegration {
  let root = process.cwd();
  return {
    name: 'barbican:stale-pages-warning',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': ({ logger }) => {
        for (const warning of stalePages(root, new Date())) logger.warn(warning);
      },
    },
  };
}
