/**
 * `<Tabs><Tab label="Dashboard">…</Tab><Tab label="Azure CLI">…</Tab></Tabs>` in MDX, turned into
 * plain HTML at build time, as Starlight's rehype-tabs does
 * (https://starlight.astro.build/components/tabs/). A component that parsed its rendered slot
 * would do that work on every request of an on-demand demo page, with an HTML parser bundled
 * into the Worker; here the page's MDX is compiled once, with the tabs already in it.
 *
 * No JavaScript: the choice is a native radio group (arrow keys move between options, one tab
 * stop) and CSS `:has()` shows the chosen panel (src/styles/docs.css). Browsers without `:has()`
 * show every panel under its label, which is also what the panels look like before CSS. Each
 * panel is preceded by its choice; any number of tabs works.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

const TABS = 'Tabs';
const TAB = 'Tab';

/** The MDX JSX node as it reaches rehype (mdast-util-mdx-jsx), reduced to what is read here. */
interface JsxNode {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: Array<{ type: string; name?: string; value?: unknown }>;
  children: ElementContent[];
}

const isJsx = (node: { type: string }, name: string): node is JsxNode =>
  (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && (node as JsxNode).name === name;

const isBlank = (node: { type: string; value?: unknown }) => node.type === 'text' && String(node.value).trim() === '';

function tabLabel(tab: JsxNode, file: VFile): string {
  const attribute = tab.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'label');
  const label = typeof attribute?.value === 'string' ? attribute.value.trim() : '';
  if (!label) file.fail(`<${TAB}> needs a label written as text, e.g. <${TAB} label="Dashboard">`, tab as never);
  return label;
}

/** One `<Tabs>` as its radio group: a choice before each panel, the first one checked. */
function tabGroup(tabs: JsxNode, name: string, file: VFile): Element {
  const panels = tabs.children.filter((child) => !isBlank(child));
  const children: ElementContent[] = [];
  const labels: string[] = [];
  for (const panel of panels) {
    if (!isJsx(panel, TAB)) file.fail(`Only <${TAB}> elements belong inside <${TABS}>`, panel as never);
    const label = tabLabel(panel, file);
    const index = labels.push(label) - 1;
    children.push(
      h('label.tabs__choice', [h('input', { type: 'radio', name, value: String(index), checked: index === 0 }), label]),
      // The panel repeats its label for readers without CSS; search leaves it out, since
      // "Dashboard" or "Azure CLI" says how, not what the section is about.
      h('div.tab-panel', { dataTabLabel: label }, [h('p.tab-panel__label', { dataPagefindIgnore: '' }, label), ...panel.children]),
    );
  }
  if (labels.length === 0) file.fail(`<${TABS}> needs at least one <${TAB} label="…">`, tabs as never);
  return h('div.tabs', { role: 'group', ariaLabel: labels.join(' or ') }, children);
}

export function rehypeTabs() {
  return (tree: Root, file: VFile) => {
    let count = 0;
    visit(tree, (node, index, parent) => {
      if (isJsx(node, TAB)) file.fail(`<${TAB}> belongs inside <${TABS}>`, node as never);
      if (!isJsx(node, TABS) || !parent || index === undefined) return;
      // Numbered in page order: the names are the same in every build, and unique on the page.
      (parent.children as RootContent[])[index] = tabGroup(node, `tabs-${++count}`, file);
      // Skip the JSX node just replaced and visit the group in its place: a panel's own content is
      // walked like any other.
      return [SKIP, index];
    });
  };
}
