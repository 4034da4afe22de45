/** The mermaid sources written in the site's MDX files, as the build will see them. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface DiagramSource {
  file: string;
  source: string;
}

function mdxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? mdxFiles(path) : name.endsWith('.mdx') ? [path] : [];
  });
}

export function diagramSources(contentDir: string): DiagramSource[] {
  return mdxFiles(contentDir).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/^```mermaid[^\n]*\n([\s\S]*?)^```/gm)].map((match) => ({ file, source: (match[1] ?? '').trim() })),
  );
}
