/**
 * Fails the build when a page lacks a `##` section its kind of page must have, naming the file and
 * the missing heading: a reader relies on every demo page having the same parts, and a test in a
 * browser would only notice after a full build and a server (the way Starlight's own rehype
 * plugins report authoring mistakes, with an AstroError: https://docs.astro.build/en/reference/error-reference/).
 *
 * The headings are compared by their text, ignoring letter case and surrounding space, so "How This
 * Works" and "How this works" both count.
 */
import type { Root } from 'hast';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { AstroError } from 'astro/errors';

export interface RequiredSectionsOptions {
  /** Which files the rule applies to, by their path (e.g. the demos collection's folder). */
  appliesTo: (path: string) => boolean;
  /** The `##` headings each of those files must have. */
  sections: readonly string[];
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

export function rehypeRequiredSections(options: RequiredSectionsOptions) {
  return (tree: Root, file: VFile) => {
    const path = file.path ?? '';
    if (!path || !options.appliesTo(path)) return;
    const present = new Set<string>();
    visit(tree, 'element', (node) => {
      if (node.tagName === 'h2') present.add(normalise(toText(node)));
    });
    const missing = options.sections.filter((section) => !present.has(normalise(section)));
    if (missing.length === 0) return;
    const where = file.cwd && path.startsWith(file.cwd) ? path.slice(file.cwd.length).replace(/^\//, '') : path;
    throw new AstroError(
      `${where} lacks the section${missing.length > 1 ? 's' : ''} ${missing.map((s) => `"## ${s}"`).join(', ')}.`,
      `Every file here needs these ## headings: ${options.sections.join(', ')}.`,
    );
  };
}
