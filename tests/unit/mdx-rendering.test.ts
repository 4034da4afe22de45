/**
 * The MDX building blocks and the two routes a demo's MDX is rendered on, checked on a fixture
 * (tests/fixtures/content/demos/fixture-demo.mdx) rendered with Astro's Container API, through the
 * project's own Markdown pipeline (astro.config.mjs): the guides' wording can change freely.
 * https://docs.astro.build/en/reference/container-reference/
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { getContainerRenderer } from '@astrojs/mdx/container-renderer';
import { loadRenderers } from 'astro:container';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { selectAll } from 'hast-util-select';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import FixtureDemo from '../fixtures/content/demos/fixture-demo.mdx';
import { mdxComponentsFor, type MdxRoute } from '../../src/components/mdx/index.ts';
import { REQUIRED_DEMO_SECTIONS } from '../../src/schemas/demo.ts';

// The demos a public page knows of: fixture slugs, not the site's.
vi.mock('../../src/lib/demos.ts', () => ({
  allDemos: () =>
    Promise.resolve([
      { id: 'fixture-demo', data: { slug: 'fixture-demo' } },
      { id: 'fixture-other', data: { slug: 'fixture-other' } },
    ]),
}));

let container: AstroContainer;
const rendered = new Map<MdxRoute, Root>();

beforeAll(async () => {
  container = await AstroContainer.create({ renderers: await loadRenderers([getContainerRenderer()]) });
  for (const route of ['demo', 'public'] as const) {
    const html = await container.renderToString(FixtureDemo, { props: { components: mdxComponentsFor(route) } });
    rendered.set(route, fromHtml(html, { fragment: true }));
  }
});

const page = (route: MdxRoute) => rendered.get(route) as Root;
const all = (route: MdxRoute, selector: string) => selectAll(selector, page(route));
const text = (route: MdxRoute) => toText(page(route));
const hrefs = (route: MdxRoute) => all(route, 'a[href]').map((a) => String(a.properties['href']));

describe('one MDX file, two routes', () => {
  it('shows <OnDemoPage> words on the demo page only and <OnGuidePage> words on the public guide only', () => {
    expect(text('demo')).toContain('The card above shows fixture identity.');
    expect(text('demo')).not.toContain('The card on the demo page');
    expect(text('public')).toContain('The card on the demo page shows fixture identity.');
    expect(text('public')).not.toContain('The card above');
  });

  it('on the public guide, points links to a demo page at that demo’s public guide, anchors kept; nothing else changes', () => {
    expect(hrefs('public')).toEqual([
      '/guides/fixture-other/#its-section',
      '/guides/fixture-other/',
      '/guides/fixture-guide/',
      '/not-a-demo/#x',
      'https://example.com/fixture-other/',
      '/guides/fixture-other/#its-section',
    ]);
  });

  it('on the demo page, leaves every link as written', () => {
    expect(hrefs('demo')).toEqual([
      '/fixture-other/#its-section',
      '/fixture-other/',
      '/guides/fixture-guide/',
      '/not-a-demo/#x',
      'https://example.com/fixture-other/',
      '/fixture-other/#its-section',
    ]);
  });

  it('gives the headings the same ids on both routes, so an anchor works on either', () => {
    const ids = (route: MdxRoute) => all(route, 'h2[id], h3[id]').map((h) => String(h.properties['id']));
    expect(ids('demo').length).toBeGreaterThanOrEqual(6);
    expect(ids('public')).toEqual(ids('demo'));
  });
});

describe('building blocks', () => {
  it('wraps each ## heading and what follows it in its own section', () => {
    const sections = all('demo', 'section.doc-section');
    expect(sections.map((s) => toText(selectAll('h2', s)[0] as Element))).toEqual([...REQUIRED_DEMO_SECTIONS]);
    for (const section of sections) expect(selectAll('h2', section)).toHaveLength(1);
  });

  it('turns tabs into one radio group with a choice per tab, the first chosen, labels decoded once', () => {
    const [tabs] = all('demo', '.tabs');
    expect(tabs?.properties['role']).toBe('group');
    expect(tabs?.properties['ariaLabel']).toBe('Fixture & dashboard or Fixture CLI or Fixture API');
    const radios = selectAll('input[type=radio]', tabs);
    expect(radios).toHaveLength(3);
    expect(new Set(radios.map((r) => r.properties['name'])).size).toBe(1);
    expect(radios.map((r) => r.properties['checked'] === true)).toEqual([true, false, false]);
    expect(selectAll('.tabs__choice', tabs as Element).map((choice) => toText(choice))).toEqual([
      'Fixture & dashboard',
      'Fixture CLI',
      'Fixture API',
    ]);
    expect(selectAll(':scope > .tab-panel', tabs as Element)).toHaveLength(3);
  });

  it('numbers a procedure inside <Steps>', () => {
    const steps = all('demo', '.steps > ol > li');
    expect(steps.map((li) => toText(li).trim().slice(0, 24))).toEqual(['Open Fixture-Value-One i', 'Sign in at https://<your']);
  });

  it('puts a copy button beside every code block and every inline value inside a numbered step, and on <Copy>', () => {
    const blocks = all('demo', '.code-block');
    expect(blocks).toHaveLength(1);
    expect(selectAll('pre[tabindex="0"] + button.copy-button[data-copy]', blocks[0] as Element)).toHaveLength(1);
    const labels = all('demo', 'button.copy-button--inline').map((b) => b.properties['ariaLabel']);
    expect(labels).toEqual(['Copy Fixture-Value-One', 'Copy https://<your-team>.cloudflareaccess.com', 'Copy the fixture URL']);
    // Inline code outside a step has no button of its own.
    expect(all('demo', 'p > code')).toHaveLength(0);
  });

  it('marks each placeholder in code with its key, keeping the text as written', () => {
    const placeholders = all('demo', '.ph').map((ph) => [ph.properties['dataPlaceholder'], toText(ph)]);
    expect(placeholders).toEqual([
      ['team', '<your-team>'],
      ['domain', '<your-domain>'],
      ['domain', '<your-domain>'],
    ]);
  });

  it('renders an aside with its title as its accessible name', () => {
    const [aside] = all('demo', 'aside.aside--caution');
    expect(aside?.properties['ariaLabel']).toBe('Fixture caution');
  });

  it('leaves an aside’s default title and a tab panel’s repeated label out of search, and keeps an aside’s own title in', () => {
    expect(all('demo', 'aside.aside--caution > .aside__title')).toHaveLength(1);
    expect(all('demo', 'aside.aside--caution > .aside__title[data-pagefind-ignore]')).toHaveLength(0);
    expect(all('demo', 'aside.aside--note > .aside__title[data-pagefind-ignore]')).toHaveLength(1);
    expect(all('demo', '.tab-panel > .tab-panel__label[data-pagefind-ignore]')).toHaveLength(3);
  });
});
