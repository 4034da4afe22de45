/** Files under a folder by their ending, at any depth, in a stable order: what the build tools read. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function filesEndingWith(folder: string, ending: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ending))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Every `.mdx` file under a folder. */
export const mdxFiles = (folder: string): string[] => filesEndingWith(folder, '.mdx');
