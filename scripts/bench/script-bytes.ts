/**
 * The JavaScript a page makes the browser download before its scripts can run: each
 * `<script src>` and, transitively, the chunks they `import` statically. Dynamic `import()`s are
 * left out: they load later, if at all. Fetched from the server (not read from dist) so the
 * figure is what a visitor gets.
 */
import { gzipSync } from 'node:zlib';
import { init, parse } from 'es-module-lexer';

export interface ScriptBytes {
  files: number;
  raw: number;
  gzip: number;
}

/** es-module-lexer (a dependency of astro and vitest) finds imports exactly, even in minified code. */
async function staticImports(source: string): Promise<string[]> {
  await init;
  const [imports] = parse(source);
  // `d === -1` marks a static import or re-export; dynamic import() has d >= 0.
  return imports.filter((entry) => entry.d === -1 && entry.n).map((entry) => entry.n as string);
}

export async function scriptBytes(entryUrls: string[], headers: Record<string, string>): Promise<ScriptBytes> {
  const seen = new Set<string>();
  const queue = [...entryUrls];
  let raw = 0;
  let gzip = 0;
  while (queue.length > 0) {
    const url = queue.shift() as string;
    if (seen.has(url)) continue;
    seen.add(url);
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const source = Buffer.from(await response.arrayBuffer());
    raw += source.length;
    gzip += gzipSync(source).length;
    for (const specifier of await staticImports(source.toString('utf8'))) queue.push(new URL(specifier, url).href);
  }
  return { files: seen.size, raw, gzip };
}
