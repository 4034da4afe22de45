import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchBuild } from '../../src/search/build-search-index.ts';
import { withPageList } from '../../src/search/page-list.ts';
import { LEAD_WORDS, leadOf, readPublicPage, TERM_WORDS, urlOfFile } from '../../src/search/public-pages.ts';
import { buildFixtureSearch, indexedPages, type IndexedPage } from '../support/search-index.ts';

describe('public pages', () => {
  it.each([
    ['index.html', '/'],
    ['guides/authoring/index.html', '/guides/authoring/'],
    ['404.html', '/404.html'],
  ])('%s is linked as %s', (file, url) => {
    expect(urlOfFile(file)).toBe(url);
  });

  it('reads the title, the opening and each ## section with an id, inside the marked body only', () => {
    const html =
      '<html lang="en-GB"><head><title>T · Site</title></head><body><h2 id="outside">Out</h2><main data-pagefind-body><h1>Page <em>one</em></h1><p>Opening</p><nav>Contents</nav><h2 id="a">First  part</h2><p>Alpha</p><p>text</p><h2>No id</h2><p>still first</p><section><h2 id="b">Second</h2><h3 id="c">Deeper</h3><pre><code>code&lt;x&gt;</code></pre><svg><text>label</text></svg></section></main></body></html>';
    expect(readPublicPage(html, 'one/index.html')).toEqual({
      url: '/one/',
      file: 'one/index.html',
      language: 'en-GB',
      title: 'Page one',
      sections: [
        { id: undefined, heading: 'Page one', lead: 'Opening', subheadings: [], terms: [] },
        { id: 'a', heading: 'First part', lead: 'Alpha text still first', subheadings: ['No id'], terms: [] },
        { id: 'b', heading: 'Second', lead: '', subheadings: ['Deeper'], terms: [] },
      ],
    });
  });

  it('keeps a section’s terms (code, bold, keys, defined terms, column headers, marked text) once each, and leaves out code blocks', () => {
    const html =
      '<main data-pagefind-body><h1>P</h1><h2 id="s">S</h2><p>Set <strong>Support groups</strong> and read <code>no app token set</code>.</p>' +
      '<aside><p data-search-term>The certificate expires</p><p>Later words.</p></aside>' +
      '<ol><li>Press <kbd>Esc</kbd>; then <strong>Enable <code>SCIM</code></strong>, then <b>support GROUPS</b> again.</li>' +
      '<li>Read <code>cf_authorization</code>, set <b>Email claim</b>, then <code>CF_Authorization</code> again.</li></ol>' +
      '<dl><dt>AUD tag</dt><dd>plain definition</dd></dl><table><tr><th>Claim<br>name</th><th><p>Left</p><p>Right</p></th></tr><tr><td>plain cell</td></tr></table>' +
      '<pre><code>codeblockonly</code></pre><button><strong>Copy</strong></button></main>';
    const section = readPublicPage(html, 'p/index.html')?.sections[1];
    expect(section?.lead).toBe('Set Support groups and read no app token set. Later words.');
    // What the lead says already is not repeated ("support GROUPS" is "Support groups" again), nor
    // is a term twice in another case; a line break or a block inside a term keeps words apart.
    expect(section?.terms).toEqual([
      'The certificate expires',
      'Esc',
      'Enable SCIM',
      'cf_authorization',
      'Email claim',
      'AUD tag',
      'Claim name',
      'Left Right',
    ]);
  });

  it('drops a term the lead says only when it says it as whole words', () => {
    const html =
      '<main data-pagefind-body><h1>P</h1><p>The provider sends the token.</p><ul><li>Use <code>id</code>, <code>end</code> and <code>token</code>.</li></ul></main>';
    expect(readPublicPage(html, 'p/index.html')?.sections[0]?.terms).toEqual(['id', 'end']);
  });

  it(`keeps at most ${TERM_WORDS} words of a term`, () => {
    const sentence = Array.from({ length: TERM_WORDS + 5 }, (_, i) => `b${i}`);
    const html = `<main data-pagefind-body><h1>P</h1><ul><li><strong>${sentence.join(' ')}</strong></li></ul></main>`;
    expect(readPublicPage(html, 'p/index.html')?.sections[0]?.terms).toEqual([`${sentence.slice(0, TERM_WORDS).join(' ')}…`]);
  });

  it('leaves out what is marked data-pagefind-ignore, and reads paragraphs inside lists and asides into the lead', () => {
    const html =
      '<main data-pagefind-body><h1>P</h1><aside><p data-pagefind-ignore>Note</p><p>Aside text.</p></aside>' +
      '<div class="tab-panel"><p data-pagefind-ignore>Dashboard</p><ol><li><p>Step one.</p></li></ol></div></main>';
    expect(readPublicPage(html, 'p/index.html')?.sections[0]).toMatchObject({ lead: 'Aside text. Step one.', terms: [] });
  });

  it(`cuts a section’s prose to its first ${LEAD_WORDS} words, at a sentence’s end when one falls in their second half`, () => {
    const words = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `w${i + from}`).join(' ');
    expect(leadOf(words(LEAD_WORDS))).toBe(words(LEAD_WORDS));
    expect(leadOf(`${words(LEAD_WORDS - 5)}.”) ${words(10, 100)}`)).toBe(`${words(LEAD_WORDS - 5)}.”)`);
    expect(leadOf(`a\nb\tc`)).toBe('a b c');
    expect(leadOf(`${words(LEAD_WORDS - 5)}. ${words(10, 100)}`)).toBe(`${words(LEAD_WORDS - 5)}.`);
    expect(leadOf(`${words(3)}. ${words(LEAD_WORDS + 5, 100)}`)).toBe(`${words(3)}. ${words(LEAD_WORDS - 3, 100)}…`);
    // Only the first paragraphs are read: a later one is not searchable.
    const page = readPublicPage(`<main data-pagefind-body><h1>P</h1><p>${words(LEAD_WORDS)}</p><p>deepword</p></main>`, 'p/index.html');
    expect(page?.sections[0]?.lead).not.toContain('deepword');
  });

  it('skips a page its layout did not mark, even if it mentions the marker in its text', () => {
    expect(readPublicPage('<main><p>data-pagefind-body is an attribute</p></main>', 'x/index.html')).toBeUndefined();
  });

  it('refuses to fill a search page that has no empty list', () => {
    expect(() => withPageList('<main><ol></ol></main>', [])).toThrow(/data-search-page-list/);
  });
});

describe('the index of a built site (fixture pages)', () => {
  let dir: string;
  let build: SearchBuild;
  let pages: IndexedPage[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'search-site-'));
    build = await buildFixtureSearch(dir);
    pages = indexedPages(build.outputPath);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the sections of the marked pages and nothing else: not the unmarked (gated) page, not the search page', () => {
    expect(build.pages.map((page) => page.url)).toEqual(['/', '/fixture/sections/']);
    expect(pages.map((page) => page.url).sort()).toEqual([
      '/',
      '/#quillwort-meadow',
      '/fixture/sections/',
      '/fixture/sections/#brass-compass',
      '/fixture/sections/#copper-kettle',
      '/fixture/sections/#tidal-clock',
      '/fixture/sections/#zephyr-lantern',
    ]);
  });

  it('holds no text that only the unmarked page has', () => {
    const all = JSON.stringify(pages);
    for (const text of [
      'gatekeeper@fixture.example',
      'token verified',
      'Signed in as',
      'Identity details',
      'behind the gate',
      'Fixture-Group',
    ]) {
      expect(all, text).not.toContain(text);
    }
  });

  it('indexes the body only, without navigation, diagrams or buttons', () => {
    expect(pages.find((page) => page.url === '/fixture/sections/#zephyr-lantern')?.content).toContain('lit at dusk by the lamplighter');
    for (const page of pages) expect(page.content, page.url).not.toMatch(/Search fixture|in the contents|diagramonlyword|Copy/);
  });

  it('indexes a section by its heading, lead, sub-headings and terms, in that order', () => {
    expect(pages.find((page) => page.url === '/fixture/sections/#brass-compass')?.content).toBe(
      'Brass compass. The brass compass points to the north of the fixture, always. Wading birds. An aside whose title names it. Marsh heron. Velvet tide.',
    );
  });

  it('names each record by its heading and its page, so a result shows both', () => {
    expect(pages.find((page) => page.url === '/fixture/sections/#zephyr-lantern')?.meta).toMatchObject({
      title: 'Zephyr lantern',
      page: 'Fixture sections',
    });
    expect(pages.find((page) => page.url === '/fixture/sections/')?.meta).toMatchObject({
      title: 'Fixture sections',
      page: 'Fixture sections',
    });
  });

  it('ships pagefind.js and its WebAssembly, and none of the stock UIs or the worker', () => {
    const files = readFileSync(join(build.outputPath, 'pagefind-entry.json'), 'utf8');
    expect(JSON.parse(files)).toMatchObject({ version: '1.6.0' });
    expect(() => readFileSync(join(build.outputPath, 'pagefind.js'))).not.toThrow();
    expect(() => readFileSync(join(build.outputPath, 'wasm.en.pagefind'))).not.toThrow();
    for (const unused of [
      'pagefind-ui.js',
      'pagefind-component-ui.js',
      'pagefind-modular-ui.js',
      'pagefind-worker.js',
      'pagefind-highlight.js',
    ]) {
      expect(() => readFileSync(join(build.outputPath, unused)), unused).toThrow();
    }
  });

  it('writes the list of public pages and their sections into the search page', () => {
    const html = readFileSync(join(dir, 'search', 'index.html'), 'utf8');
    const list = /<ol[^>]*data-search-page-list[^>]*>([\s\S]*)<\/ol>/.exec(html)?.[1] ?? '';
    expect([...list.matchAll(/href="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '/',
      '/#quillwort-meadow',
      '/fixture/sections/',
      '/fixture/sections/#zephyr-lantern',
      '/fixture/sections/#copper-kettle',
      '/fixture/sections/#brass-compass',
      '/fixture/sections/#tidal-clock',
    ]);
    expect(list).toContain('>Fixture sections</a>');
    expect(list).not.toContain('gated');
  });
});
