/**
 * One MDX file as the lint sees it: its frontmatter, and its body as an mdast tree parsed the way
 * MDX parses it (micromark's MDX and GFM extensions), with the body's line numbers unchanged so
 * that every finding names the file's real line. The README is plain Markdown (GFM): it is read
 * without the MDX syntax, where a stray `<` or `{` would be an error.
 */
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { gfm } from 'micromark-extension-gfm';
import { mdxjs } from 'micromark-extension-mdxjs';

/** Where a page lives decides what is required of it. */
export type PageKind = 'demo' | 'guide' | 'partial' | 'readme';

export interface ParsedPage {
  kind: PageKind;
  frontmatter: Record<string, unknown>;
  /** The 1-based line of a frontmatter key, or 1 when it is absent. */
  frontmatterLine: (key: string) => number;
  tree: Root;
}

export function pageKind(path: string): PageKind {
  if (/(^|\/)README\.md$/.test(path)) return 'readme';
  if (/(^|\/)content\/demos\//.test(path)) return 'demo';
  if (/(^|\/)content\/guides\//.test(path)) return 'guide';
  return 'partial';
}

/** Throws with a line number (`line` on the error) when the frontmatter or the MDX is unreadable. */
export function parseMdx(source: string, kind: PageKind): ParsedPage {
  const { frontmatter, rawFrontmatter, content } = parseFrontmatter(source, { frontmatter: 'empty-with-lines' });
  const lines = rawFrontmatter.split('\n');
  const frontmatterLine = (key: string) => {
    // rawFrontmatter starts right after the opening `---` on line 1, so its line n is the file's line n.
    const index = lines.findIndex((line) => line.startsWith(`${key}:`));
    return index < 0 ? 1 : index + 1;
  };
  const tree =
    kind === 'readme'
      ? fromMarkdown(content, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
      : fromMarkdown(content, { extensions: [mdxjs(), gfm()], mdastExtensions: [mdxFromMarkdown(), gfmFromMarkdown()] });
  return { kind, frontmatter, frontmatterLine, tree };
}
