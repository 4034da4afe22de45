/**
 * A heading can keep a stable id whatever its text: end it with `<HeadingId id="group-overage" />`.
 *
 * Why: Astro gives every heading an id slugged from its text (github-slugger, in
 * `rehypeHeadingIds`), and it keeps an id that is already set. A troubleshooting heading quotes
 * an exact error message, which makes a long and fragile slug; other pages link to these entries,
 * so their ids must not change when the wording does. MDX has no `{#id}` syntax, so the marker is
 * an empty component, removed here before Astro collects the headings (this plugin runs among the
 * site's rehype plugins, which Astro runs before its own heading pass).
 */
import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';

const HEADING_ID_COMPONENT = 'HeadingId';
const VALID_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const HEADING = /^h[1-6]$/;

/** The MDX JSX node as it reaches rehype (mdast-util-mdx-jsx), reduced to what is read here. */
interface JsxNode {
  type: 'mdxJsxTextElement' | 'mdxJsxFlowElement';
  name: string | null;
  attributes: Array<{ type: string; name?: string; value?: unknown }>;
}

const isMarker = (node: { type: string }): node is JsxNode =>
  (node.type === 'mdxJsxTextElement' || node.type === 'mdxJsxFlowElement') && (node as JsxNode).name === HEADING_ID_COMPONENT;

function markerId(marker: JsxNode): string | undefined {
  const attribute = marker.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'id');
  return typeof attribute?.value === 'string' && VALID_ID.test(attribute.value) ? attribute.value : undefined;
}

function trimEnd(children: ElementContent[]): void {
  const last = children.at(-1);
  if (last?.type === 'text') last.value = last.value.trimEnd();
}

export function rehypeHeadingId() {
  return (tree: Root, file: VFile) => {
    const seen = new Set<string>();
    visit(tree, (node, index, parent) => {
      if (!isMarker(node)) return;
      const heading = parent as Element | undefined;
      if (!heading || heading.type !== 'element' || !HEADING.test(heading.tagName) || index === undefined) {
        file.fail(
          `<${HEADING_ID_COMPONENT}> belongs at the end of a heading, e.g. "### Title <${HEADING_ID_COMPONENT} id="title" />"`,
          node as never,
        );
      }
      const id = markerId(node);
      if (!id) file.fail(`<${HEADING_ID_COMPONENT}> needs an id of lower-case letters, digits and hyphens`, node as never);
      if (seen.has(id)) file.fail(`Two headings have the id "${id}"`, node as never);
      seen.add(id);
      heading.children.splice(index, 1);
      trimEnd(heading.children);
      heading.properties = { ...heading.properties, id };
      return index;
    });
  };
}
