/** The sidebar's list of pages, rendered with Astro's Container API from a fixture navigation. */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import { describe, expect, it } from 'vitest';
import SiteNav from '../../src/components/SiteNav.astro';
import type { NavGroup } from '../../src/lib/navigation.ts';

const groups: NavGroup[] = [
  { label: 'Demos', items: [{ title: 'Fixture demo', href: '/fixture-demo/', kind: 'demo' }] },
  {
    label: 'Guides',
    items: [
      { title: 'Fixture demo setup', href: '/guides/fixture-demo/', kind: 'guide' },
      { title: 'Fixture guide', href: '/guides/fixture-guide/', kind: 'guide' },
    ],
  },
  { label: 'Tools', items: [{ title: 'Fixture tool', href: '/fixture-tool/', kind: 'tool' }] },
];

async function render(current: string, linkBase = '') {
  const container = await AstroContainer.create();
  return fromHtml(await container.renderToString(SiteNav, { props: { groups, current, linkBase } }), { fragment: true });
}

describe('site navigation', () => {
  it('lists every page under its group, in order', async () => {
    const tree = await render('/');
    expect(selectAll('[data-nav-group]', tree).map((group) => group.properties['dataNavGroup'])).toEqual(['Demos', 'Guides', 'Tools']);
    expect(selectAll('a', tree).map((a) => [toText(a), a.properties['href']])).toEqual([
      ['Fixture demo', '/fixture-demo/'],
      ['Fixture demo setup', '/guides/fixture-demo/'],
      ['Fixture guide', '/guides/fixture-guide/'],
      ['Fixture tool', '/fixture-tool/'],
    ]);
  });

  it.each(['/guides/fixture-demo/', '/guides/fixture-demo'])('marks the current page, and only it (%s)', async (current) => {
    const marked = selectAll('a[aria-current]', await render(current));
    expect(marked.map((a) => [a.properties['href'], a.properties['ariaCurrent']])).toEqual([['/guides/fixture-demo/', 'page']]);
  });

  it('marks nothing on a page it does not list', async () => {
    expect(selectAll('a[aria-current]', await render('/elsewhere/'))).toEqual([]);
  });

  it('prefixes every link with the site origin on a demo subdomain', async () => {
    const hrefs = selectAll('a', await render('/fixture-demo/', 'https://example.com')).map((a) => a.properties['href']);
    expect(hrefs.every((href) => String(href).startsWith('https://example.com/'))).toBe(true);
  });

  it('is a landmark with its own name', async () => {
    const [nav] = selectAll('nav', await render('/'));
    expect(nav?.properties['ariaLabel']).toBe('All pages');
  });
});
