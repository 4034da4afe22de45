/** Every `.mdx` file under a folder, at any depth, in a stable order: what the build tools read. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function mdxFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.mdx'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
