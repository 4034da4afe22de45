/**
 * Content-addressed store of rendered diagrams. The key covers everything that changes the
 * output (the source, the render settings, mermaid's version), so a hit is always current and
 * the cache never needs manual clearing; stale files are only dead weight (`npm run diagrams:prune`).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { RENDER_SETTINGS } from './render-settings.ts';

export interface CachedDiagram {
  light: string;
  dark: string;
  title?: string | undefined;
  description?: string | undefined;
}

/** The installed mermaid's version (a pinned dependency): an upgrade renders every diagram again. */
export const MERMAID_VERSION: string = (createRequire(import.meta.url)('mermaid/package.json') as { version: string }).version;

/** What besides its source shapes a rendered diagram. */
export interface RenderContext {
  mermaidVersion: string;
  settings: unknown;
}

const CURRENT: RenderContext = { mermaidVersion: MERMAID_VERSION, settings: RENDER_SETTINGS };

export function diagramKey(source: string, context: RenderContext = CURRENT): string {
  return createHash('sha256')
    .update(JSON.stringify({ mermaidVersion: context.mermaidVersion, settings: context.settings, source }))
    .digest('hex');
}

export async function readCachedDiagram(cacheDir: string, key: string): Promise<CachedDiagram | undefined> {
  try {
    const parsed = JSON.parse(await readFile(join(cacheDir, `${key}.json`), 'utf8')) as CachedDiagram;
    return typeof parsed.light === 'string' && typeof parsed.dark === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export async function writeCachedDiagram(cacheDir: string, key: string, diagram: CachedDiagram): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  await writeFile(join(cacheDir, `${key}.json`), `${JSON.stringify(diagram, null, 1)}\n`);
}
