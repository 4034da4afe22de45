/**
 * Wraps each `##` heading and everything up to the next one in a `<section class="doc-section">`.
 *
 * Why: the guides and demo pages are long (11,000 px on a phone) and almost all of that is below
 * the fold. With one box per section, CSS (`content-visibility: auto` in styles/docs.css) lets the
 * browser skip styling, laying out and painting the sections off screen until they near the
 * viewport. Measured on the demo pages, that first full layout was the largest main-thread task.
 * Without CSS, or where the property is unsupported, a section is an ordinary block.
 *
 * An unnamed `<section>` has no landmark role, so the page's outline and landmarks are unchanged.
 * MDX `import`/`export` statements stay at the top level, where MDX requires them.
 */
import type { Element, Root, RootContent } from 'hast';

const SECTION_CLASS = 'doc-section';

const isSectionStart = (node: RootContent): boolean => node.type === 'element' && node.tagName === 'h2';
// MDX's ESM nodes (not in hast's own types) must stay children of the root.
const mustStayAtRoot = (node: RootContent): boolean => (node.type as string) === 'mdxjsEsm';

export function rehypeSections() {
  return (tree: Root) => {
    const children: RootContent[] = [];
    let section: Element | undefined;
    for (const node of tree.children) {
      if (isSectionStart(node)) {
        section = { type: 'element', tagName: 'section', properties: { className: [SECTION_CLASS] }, children: [] };
        children.push(section);
      }
      if (section && !mustStayAtRoot(node)) section.children.push(node as Element['children'][number]);
      else children.push(node);
    }
    tree.children = children;
  };
}
