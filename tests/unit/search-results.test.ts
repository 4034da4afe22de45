// @vitest-environment happy-dom
/**
 * How a Pagefind hit becomes what the search box shows: a page, the section it lands on (the one
 * where the query's words score most), and its other matching sections under it; and the links
 * rendered from that, with the index's text set as text. The box in a real browser, over a real
 * index, is tests/e2e/search.spec.ts's.
 */
import { describe, expect, it } from 'vitest';
import { entryOf, MAX_MORE_SECTIONS, type PagefindResultData, type PagefindSubResult } from '../../src/client/search/pagefind-client.ts';
import { renderEntries } from '../../src/client/search/search-results.ts';

/** A section of a fixture page, matched at locations with these scores. */
function section(id: string | undefined, scores: number[]): PagefindSubResult {
  return {
    title: id ? `Heading ${id}` : 'Page title',
    url: id ? `/guides/fixture/#${id}` : '/guides/fixture/',
    excerpt: `excerpt of <mark>${id ?? 'opening'}</mark>`,
    ...(id ? { anchor: { id } } : {}),
    weighted_locations: scores.map((balanced_score) => ({ balanced_score })),
  };
}

const hit = (sub_results: PagefindSubResult[]): PagefindResultData => ({
  url: '/guides/fixture/',
  excerpt: 'the page’s <mark>excerpt</mark>',
  meta: { title: 'Fixture guide' },
  sub_results,
});

describe('a hit as an entry', () => {
  it('lands on the section where the query scores most, with the other matching sections after it, best first', () => {
    const entry = entryOf(hit([section(undefined, [1]), section('a', [2, 2]), section('b', [9]), section('c', [3])]));
    expect(entry).toMatchObject({ page: 'Fixture guide', heading: 'Heading b', url: '/guides/fixture/#b' });
    expect(entry.more.map((more) => more.url)).toEqual(['/guides/fixture/#a', '/guides/fixture/#c']);
  });

  it(`lists at most ${MAX_MORE_SECTIONS} further sections, and keeps page order between sections that score the same`, () => {
    const entry = entryOf(hit(['a', 'b', 'c', 'd', 'e'].map((id) => section(id, [1]))));
    expect(entry.url).toBe('/guides/fixture/#a');
    expect(entry.more.map((more) => more.url)).toEqual(['/guides/fixture/#b', '/guides/fixture/#c']);
  });

  it('names no heading for the page’s opening (the part before its first heading)', () => {
    const entry = entryOf(hit([section(undefined, [5]), section('a', [1])]));
    expect(entry).toMatchObject({ heading: undefined, url: '/guides/fixture/' });
  });

  it('falls back to the page itself when Pagefind gives no section, and to its URL when it has no title', () => {
    expect(entryOf({ ...hit([]), meta: {} })).toEqual({
      page: '/guides/fixture/',
      heading: undefined,
      url: '/guides/fixture/',
      excerpt: 'the page’s <mark>excerpt</mark>',
      more: [],
    });
  });
});

describe('the rendered results', () => {
  const base = 'https://barbicancloud.co.uk';

  it('is one link per result, in order, showing its page and heading, with further sections as links under it', () => {
    const list = renderEntries(
      [
        entryOf(hit([section('b', [9]), section(undefined, [1])])),
        { page: 'Other page', heading: undefined, url: '/guides/other/', excerpt: 'other', more: [] },
      ],
      base,
    );
    const results = [...list.children];
    expect(results).toHaveLength(2);
    const [first, second] = results.map((item) => item.querySelector(':scope > a'));
    expect(first?.getAttribute('href')).toBe(`${base}/guides/fixture/#b`);
    expect(first?.querySelector('.search-hit__page')?.textContent).toBe('Fixture guide');
    expect(first?.querySelector('.search-hit__heading')?.textContent).toBe('Heading b');
    expect(second?.getAttribute('href')).toBe(`${base}/guides/other/`);
    expect(second?.querySelector('.search-hit__heading')).toBeNull();
    // The page's opening, listed under its result, is named by the page's title.
    const further = [...(results[0]?.querySelectorAll('.search-hit__more a') ?? [])];
    expect(further.map((link) => [link.getAttribute('href'), link.querySelector('.search-hit__heading')?.textContent])).toEqual([
      [`${base}/guides/fixture/`, 'Fixture guide'],
    ]);
    expect(further[0]?.querySelector('.search-hit__page')).toBeNull();
  });

  it('sets what the index holds as text: only its <mark>s become elements, and no markup in it is ever live', () => {
    const hostile = '<img src=x onerror="globalThis.hacked=1"><mark>word</mark> &lt;script&gt;';
    const list = renderEntries([{ page: '<b>Page</b>', heading: '<i>Heading</i>', url: '/guides/x/', excerpt: hostile, more: [] }], base);
    expect(list.querySelector('img, b, i, script')).toBeNull();
    expect(list.querySelector('.search-hit__page')?.textContent).toBe('<b>Page</b>');
    expect(list.querySelector('.search-hit__excerpt mark')?.textContent).toBe('word');
    expect(list.querySelector('.search-hit__excerpt')?.textContent).toBe('word <script>');
  });
});
