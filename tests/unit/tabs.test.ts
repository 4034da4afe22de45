/**
 * <Tabs> reads its panels as a tree: any number of tabs, labels decoded by the HTML parser.
 * Rendered with Astro's Container API (https://docs.astro.build/en/reference/container-reference/).
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { selectAll } from 'hast-util-select';
import { describe, expect, it } from 'vitest';
import Tabs from '../../src/components/mdx/Tabs.astro';
import { tabChoices } from '../../src/components/mdx/tab-choices.ts';
import { escapeHtml as escape } from '../../src/lib/escape-html.ts';

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
    const choices = selectAll('label.tabs__choice', tree);
    expect(choices.map((choice) => toText(choice))).toEqual(LABELS);
    const radios = selectAll('input[type=radio]', tree);
    expect(radios.map((radio) => radio.properties['value'])).toEqual(LABELS.map((_, i) => String(i)));
    expect(radios.map((radio) => radio.properties['name'])).toEqual(LABELS.map(() => 'tabs-test'));
    expect(radios.map((radio) => radio.properties['checked'] === true)).toEqual(LABELS.map((_, i) => i === 0));
  });

  it('puts each choice right before its panel, and keeps the panels as they were', () => {
    const tree = fromHtml(tabChoices(panelsHtml, 'tabs-test').html, { fragment: true });
    const topLevel = tree.children.filter((node) => node.type === 'element');
    expect(topLevel.map((node) => (node.type === 'element' ? node.tagName : ''))).toEqual(LABELS.flatMap(() => ['label', 'div']));
    expect(selectAll('div.tab-panel', tree).map((panel) => toText(panel).includes('& text'))).toEqual(LABELS.map(() => true));
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
    const group = selectAll('div.tabs', tree)[0];
    expect(group?.properties['role']).toBe('group');
    expect(group?.properties['ariaLabel']).toBe(LABELS.join(' or '));
    expect(selectAll('input[type=radio]', tree)).toHaveLength(LABELS.length);
    expect(selectAll('div.tab-panel', tree)).toHaveLength(LABELS.length);
  });
});
