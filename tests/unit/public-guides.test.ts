import { describe, expect, it } from 'vitest';
import { assertNoGuideCollision, toPublicHref } from '../../src/lib/public-guides.ts';
import { hasPageFile } from '../../src/lib/navigation.ts';
import { isPublicPath } from '../../src/lib/tool-pages.ts';

const slugs = new Set(['alpha', 'beta-2']);

describe('links on public pages', () => {
  it.each([
    ['/alpha/', '/guides/alpha/'],
    ['/alpha/#step-3', '/guides/alpha/#step-3'],
    ['/alpha', '/guides/alpha'],
    ['/alpha#x', '/guides/alpha#x'],
    ['/beta-2/?q=1#x', '/guides/beta-2/?q=1#x'],
  ])('%s, a demo page, goes to its public guide: %s', (href, expected) => {
    expect(toPublicHref(href, slugs)).toBe(expected);
  });

  it.each([
    '/guides/alpha/',
    '/alphabet/',
    '/',
    '#alpha',
    'https://example.com/alpha/',
    '//example.com/alpha/',
    'mailto:alpha@example.com',
    'alpha/',
  ])('%s stays as written', (href) => {
    expect(toPublicHref(href, slugs)).toBe(href);
  });
});

describe('a demo slug that is also a guide’s name', () => {
  const demo = (id: string, slug: string) => ({ id, data: { slug } }) as Parameters<typeof assertNoGuideCollision>[0][number];

  it('fails with both files and the shared route named', () => {
    expect(() => assertNoGuideCollision([demo('first', 'alpha'), demo('second', 'overview')], [{ id: 'overview' }])).toThrow(
      'Demo content/demos/second.mdx has the slug "overview", which is also the guide content/guides/overview.mdx: both would be published at /guides/overview/.',
    );
  });

  it('passes when every name is unique', () => {
    expect(() => assertNoGuideCollision([demo('first', 'alpha')], [{ id: 'overview' }])).not.toThrow();
  });
});

describe('tool pages', () => {
  const files = ['../pages/index.astro', '../pages/inspect/index.astro', '../pages/guides/[guide].astro', '../pages/status.astro'];

  it('finds a route file for a path, as a folder index or a file of its own', () => {
    expect(hasPageFile('/inspect/', files)).toBe(true);
    expect(hasPageFile('/status/', files)).toBe(true);
    expect(hasPageFile('/search/', files)).toBe(false);
  });

  it('lets the sitemap list the home page, the guides and the tools, and no demo page', () => {
    for (const path of ['/', '/guides/', '/guides/alpha/', '/inspect/', '/guides/troubleshooting', '/search/'])
      expect(isPublicPath(path), path).toBe(true);
    for (const path of ['/alpha/', '/scim-a/', '/404/', '/inspector/']) expect(isPublicPath(path), path).toBe(false);
  });
});
