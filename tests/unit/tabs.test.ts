/**
 * <Tabs>/<Tab> in MDX become a radio group when the MDX is compiled (src/markdown/rehype-tabs.ts):
 * any number of tabs, labels as text, the first checked, each choice before its panel, and a
 * clear build error for a misuse. Compiled here with MDX's own parser (remark-mdx) and
 * remark-rehype, as @astrojs/mdx runs the site's rehype plugins.
 */
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { rehypeTabs } from '../../src/markdown/rehype-tabs.ts';

const LABELS = [
  'Dashboard',
  'Azure CLI',
  'PowerShell & Graph',
  'curl <raw>',
  '“Quoted” single',
  'Terraform',
  'Bicep',
  'Entra admin centre → Groups',
];
const jsxString = (label: string) => JSON.stringify(label);

async function compile(mdx: string): Promise<Root> {
  const processor = unified()
    .use(remarkParse)
    .use(remarkMdx)
    .use(remarkRehype, { passThrough: ['mdxJsxFlowElement', 'mdxJsxTextElement'] })
    .use(rehypeTabs);
  const file = new VFile({ path: 'fixture.mdx', value: mdx });
  const tree = await processor.run(processor.parse(file), file);
  // Nothing of the JSX is left for the components to render: the HTML is final.
  return fromHtml(toHtml(tree), { fragment: true });
}

const manyTabs = `<Tabs>\n${LABELS.map((label, i) => `<Tab label=${jsxString(label)}>\n\nPanel ${i} & **text**\n\n</Tab>`).join('\n')}\n</Tabs>\n`;

describe('<Tabs> compiled to a radio group', () => {
  it(`gives each of ${LABELS.length} panels a radio choice, the first checked, labels as text`, async () => {
    const tree = await compile(manyTabs);
    const group = selectAll('div.tabs', tree);
    expect(group).toHaveLength(1);
    expect(group[0]?.properties['role']).toBe('group');
    expect(group[0]?.properties['ariaLabel']).toBe(LABELS.join(' or '));
    expect(selectAll('label.tabs__choice', tree).map((choice) => toText(choice))).toEqual(LABELS);
    const radios = selectAll('input[type=radio]', tree);
    expect(radios.map((radio) => radio.properties['value'])).toEqual(LABELS.map((_, i) => String(i)));
    expect(radios.map((radio) => radio.properties['name'])).toEqual(LABELS.map(() => 'tabs-1'));
    expect(radios.map((radio) => radio.properties['checked'] === true)).toEqual(LABELS.map((_, i) => i === 0));
  });

  it('puts each choice right before its panel; a panel keeps its Markdown and repeats its label, which search skips', async () => {
    const [group] = selectAll('div.tabs', await compile(manyTabs));
    const kids = (group?.children ?? []).filter((node) => node.type === 'element');
    expect(kids.map((node) => (node.type === 'element' ? node.tagName : ''))).toEqual(LABELS.flatMap(() => ['label', 'div']));
    const panels = selectAll('div.tab-panel', group);
    expect(panels.map((panel) => panel.properties['dataTabLabel'])).toEqual(LABELS);
    expect(selectAll('strong', panels[2]).map((strong) => toText(strong))).toEqual(['text']);
    const label = selectAll('p.tab-panel__label', panels[0])[0];
    expect(label && toText(label)).toBe(LABELS[0]);
    expect(label?.properties['dataPagefindIgnore']).toBe('');
  });

  it('names each group of a page apart, the same in every build', async () => {
    const twice = `${manyTabs}\nBetween.\n\n${manyTabs}`;
    const names = (tree: Root) => [...new Set(selectAll('input[type=radio]', tree).map((radio) => radio.properties['name']))];
    expect(names(await compile(twice))).toEqual(['tabs-1', 'tabs-2']);
    expect(toHtml(await compile(twice))).toBe(toHtml(await compile(twice)));
  });

  it.each([
    ['a <Tab> outside <Tabs>', '<Tab label="Lost">\n\nx\n\n</Tab>\n', '<Tab> belongs inside <Tabs>'],
    ['a <Tab> without a label', '<Tabs>\n<Tab>\n\nx\n\n</Tab>\n</Tabs>\n', '<Tab> needs a label'],
    ['a label that is an expression', '<Tabs>\n<Tab label={name}>\n\nx\n\n</Tab>\n</Tabs>\n', '<Tab> needs a label'],
    ['something else inside <Tabs>', '<Tabs>\n\nLoose text.\n\n</Tabs>\n', 'Only <Tab> elements belong inside <Tabs>'],
    ['an empty <Tabs>', '<Tabs>\n</Tabs>\n', '<Tabs> needs at least one'],
  ])('%s fails the build, naming the file and the rule', async (_name, mdx, message) => {
    await expect(compile(mdx)).rejects.toThrow(message);
    await expect(compile(mdx)).rejects.toMatchObject({ file: expect.stringContaining('fixture.mdx') });
  });
});
