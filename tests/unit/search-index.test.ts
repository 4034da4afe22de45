/**
 * The site search's build side: which pages are marked for the index, and the index Pagefind
 * writes from a built site (the fixture site, tests/fixtures/search-site/, read back): the full
 * text of the marked pages, their headings, nothing of an unmarked (gated) page, and none of what
 * the pages mark as not for search. How queries find it is tests/e2e/search.spec.ts's.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isIndexedRoute, searchBodyAttributes } from '../../src/search/indexed-pages.ts';
import { siteSearch } from '../../src/search/search-integration.ts';
import { writeSiteIndex, type SiteIndex } from '../../src/search/site-index.ts';
import { buildFixtureSearch, indexedPages, type IndexedPage } from '../support/search-index.ts';

describe('which pages are indexed', () => {
  it.each(['/', '/guides/', '/guides/[guide]', '/guides/oidc/', '/inspect', '/inspect/'])('%s is', (route) => {
    expect(isIndexedRoute(route)).toBe(true);
  });

  // The demo route, a demo's own path, the 404 page and the search page (the list search falls back to).
  it.each(['/[demo]', '/scim-a/', '/404', '/search', '/search/', '/pagefind/', ''])('%j is not', (route) => {
    expect(isIndexedRoute(route)).toBe(false);
  });

  it('marks an indexed page’s body and names it for the results; nothing on another page', () => {
    expect(searchBodyAttributes('/guides/[guide]', 'SCIM setup: Group A, by SCIM')).toEqual({
      'data-pagefind-body': '',
      'data-pagefind-meta': 'title:SCIM setup: Group A, by SCIM',
    });
    expect(searchBodyAttributes('/[demo]', 'SCIM: Group A')).toEqual({});
  });
});

describe('the index of a built site (fixture pages)', () => {
  let dir: string;
  let built: SiteIndex;
  let pages: IndexedPage[];
  const page = (url: string): IndexedPage => {
    const found = pages.find((record) => record.url === url);
    if (!found) throw new Error(`${url} is not in the index`);
    return found;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'search-site-'));
    built = await buildFixtureSearch(dir);
    pages = indexedPages(built.outputPath);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the marked pages and nothing else: not the unmarked (gated) page, not the search page', () => {
    expect(built.indexedFiles).toEqual(['fixture/sections/index.html', 'index.html']);
    expect(pages.map((record) => record.url).sort()).toEqual(['/', '/fixture/sections/']);
  });

  it('holds no text that only the unmarked page has', () => {
    const all = JSON.stringify(pages);
    for (const text of [
      'gatekeeper@fixture.example',
      'token verified',
      'Signed in as',
      'Identity details',
      'behind the gate',
      'portcullis',
    ]) {
      expect(all, text).not.toContain(text);
    }
    expect(all).not.toContain('searchlistonly');
  });

  it('holds the full text: a word deep in a later paragraph’s running text, code, an aside’s own title, a caption', () => {
    const { content } = page('/fixture/sections/');
    expect(content).toContain('the handle is wrapped in wickerwork so that nobody burns a hand');
    expect(content).toContain('the tide turns twice a day');
    expect(content).toContain('kettle --boil');
    expect(content).toContain('Velvet tide');
    expect(content).toContain('A kettle drawn from above');
  });

  it('leaves out what a reader does not search: navigation, diagrams’ SVG, copy buttons, a default “Note”, a repeated tab label, the personalisation', () => {
    const all = pages.map((record) => record.content).join(' ');
    for (const text of [
      'in the contents',
      'Search fixture',
      'diagramonlyword',
      'diagramtitleword',
      'Copy',
      'Note',
      'Obsidian',
      'Pondweed',
    ]) {
      expect(all, text).not.toContain(text);
    }
  });

  it('keeps each heading with an id, where a result can land, and names each page by its marked title', () => {
    expect(page('/fixture/sections/').anchors.map(({ element, id, text }) => [element, id, text])).toEqual([
      ['h2', 'zephyr-lantern', 'Zephyr lantern'],
      ['h2', 'copper-kettle', 'Copper kettle'],
      ['h2', 'brass-compass', 'Brass compass'],
      ['h3', 'marsh-heron', 'Marsh heron'],
      ['h2', 'tidal-clock', 'Tidal clock'],
    ]);
    // The title the layout marked, not the page's <h1> ("Sections heading") or <title>.
    expect(page('/fixture/sections/').meta['title']).toBe('Fixture sections');
    expect(page('/').meta['title']).toBe('Fixture home');
  });

  it('ships pagefind.js and its WebAssembly, and none of the stock UIs or the worker', () => {
    const files = readdirSync(built.outputPath);
    expect(files).toEqual(expect.arrayContaining(['pagefind.js', 'wasm.en.pagefind', 'pagefind-entry.json']));
    expect(files.filter((name) => /^pagefind-(?:ui|component-ui|modular-ui|worker|highlight)\./.test(name))).toEqual([]);
  });
});

describe('the build step', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'search-build-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const logger = { info: () => undefined } as unknown as AstroIntegrationLogger;

  it('indexes the folder Astro says the built site is in, when the build is done', async () => {
    const site = join(dir, 'client');
    await buildFixtureSearch(site);
    rmSync(join(site, 'pagefind'), { recursive: true });
    const done = siteSearch().hooks['astro:build:done'];
    await done?.({ dir: pathToFileURL(`${site}/`), logger, pages: [], assets: new Map() });
    expect(
      indexedPages(join(site, 'pagefind'))
        .map((record) => record.url)
        .sort(),
    ).toEqual(['/', '/fixture/sections/']);
  }, 60_000);

  it('refuses a site with no marked page (Pagefind would index every page whole) and writes no index', async () => {
    const site = join(dir, 'unmarked');
    await buildFixtureSearch(site);
    for (const file of ['index.html', join('fixture', 'sections', 'index.html')]) rmSync(join(site, file));
    // A page that only names the marker in its text is not marked.
    writeFileSync(join(site, 'about.html'), '<main><p>Pages are marked with data-pagefind-body by their layout.</p></main>');
    await expect(writeSiteIndex(site)).rejects.toThrow(/No page under .* is marked data-pagefind-body/);
    expect(existsSync(join(site, 'pagefind'))).toBe(false);
  }, 60_000);
});
