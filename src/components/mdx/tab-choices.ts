/**
 * Turns the rendered panels of `<Tabs>` into a radio group, reading them as a tree (hast), as
 * Starlight's rehype-tabs does (https://starlight.astro.build/components/tabs/): labels come
 * from the parsed `data-tab-label` attributes, so entities are decoded by the HTML parser and
 * written back by the serialiser, and there is no limit on how many tabs there are.
 *
 * Each panel is preceded by its choice (`<label><input type="radio">…</label>`): CSS shows the
 * panel right after the checked choice, and orders all choices before all panels.
 */
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';

export interface TabChoices {
  /** The tabs' labels, as text. */
  labels: string[];
  /** The choices and panels, ready to inline. */
  html: string;
}

const isPanel = (node: RootContent): node is Element => node.type === 'element' && typeof node.properties['dataTabLabel'] === 'string';

/** `panels`: the HTML of the `<Tab>` children; `name`: the radio group's name, unique on the page. */
export function tabChoices(panels: string, name: string): TabChoices {
  const labels: string[] = [];
  const children: Root['children'] = [];
  for (const node of fromHtml(panels, { fragment: true }).children) {
    if (node.type === 'doctype') continue;
    if (!isPanel(node)) {
      children.push(node);
      continue;
    }
    const label = String(node.properties['dataTabLabel']);
    const index = labels.push(label) - 1;
    children.push(h('label.tabs__choice', [h('input', { type: 'radio', name, value: String(index), checked: index === 0 }), label]), node);
  }
  return { labels, html: toHtml({ type: 'root', children }) };
}
