/**
 * <Tabs> reads its panels as a tree: any number of tabs, labels decoded by the HTML parser.
 * Rendered with Astro's Container API (https://docs.astro.build/en/reference/container-reference/).
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import Tabs from '../../src/components/mdx/Tabs.astro';
import { tabChoices } from '../../src/components/mdx/tab-choices.ts';

/** Every element of the tree with the tag and, if given, the class. */
function elements(tree: Root, tagName: string, className?: string): Element[] {
  const found: Element[] = [];
  visit(tree, 'element', (node) => {
    const classes = node.properties['className'];
    if (node.tagName === tagName && (!className || (Array.isArray(classes) && classes.includes(className)))) found.push(node);
  });
  return found;
}

const LABELS = [
  'Dashboard',
  'Azure CLI',
  'PowerShell & Graph',
  'curl <raw>',
  "“Quoted” 'single'",
  'Terraform',
  'Bicep',
  'Entra admin centre → Groups',
];
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** What <Tab label=…> renders, for each label. */
const panelsHtml = LABELS.map(
  (label, i) =>
    `<div class="tab-panel" data-tab-label="${escape(label)}"><p class="tab-panel__label">${escape(label)}</p><p>Panel ${i} &amp; text</p></div>`,
).join('\n');

describe('tabChoices', () => {
  it(`gives each of ${LABELS.length} panels a radio choice, the first checked, labels as text`, () => {
    const { labels, html } = tabChoices(panelsHtml, 'tabs-test');
    expect(labels).toEqual(LABELS);
    const tree = fromHtml(html, { fragment: true });
    const choices = elements(tree, 'label', 'tabs__choice');
    expect(choices.map((choice) => toText(choice))).toEqual(LABELS);
    const radios = elements(tree, 'input').filter((input) => input.properties['type'] === 'radio');
    expect(radios.map((radio) => radio.properties['value'])).toEqual(LABELS.map((_, i) => String(i)));
    expect(radios.map((radio) => radio.properties['name'])).toEqual(LABELS.map(() => 'tabs-test'));
    expect(radios.map((radio) => radio.properties['checked'] === true)).toEqual(LABELS.map((_, i) => i === 0));
  });

  it('puts each choice right before its panel, and keeps the panels as they were', () => {
    const tree = fromHtml(tabChoices(panelsHtml, 'tabs-test').html, { fragment: true });
    const topLevel = tree.children.filter((node) => node.type === 'element');
    expect(topLevel.map((node) => (node.type === 'element' ? node.tagName : ''))).toEqual(LABELS.flatMap(() => ['label', 'div']));
    expect(elements(tree, 'div', 'tab-panel').map((panel) => toText(panel).includes('& text'))).toEqual(LABELS.map(() => true));
  });

  it('leaves content that is not a panel alone, and makes nothing of no panels', () => {
    expect(tabChoices('', 'x')).toEqual({ labels: [], html: '' });
    expect(tabChoices('<p>Loose &amp; text</p>', 'x')).toEqual({ labels: [], html: '<p>Loose &#x26; text</p>' });
  });
});

describe('<Tabs>', () => {
  it('renders a named radio group of every tab, labelled with the tab names', async () => {
    const container = await AstroContainer.create();
    const html = await container.renderToString(Tabs, { slots: { default: panelsHtml } });
    const tree = fromHtml(html, { fragment: true });
    const group = elements(tree, 'div', 'tabs')[0];
    expect(group?.properties['role']).toBe('group');
    expect(group?.properties['ariaLabel']).toBe(LABELS.join(' or '));
    expect(elements(tree, 'input').filter((input) => input.properties['type'] === 'radio')).toHaveLength(LABELS.length);
    expect(elements(tree, 'div', 'tab-panel')).toHaveLength(LABELS.length);
  });
});
