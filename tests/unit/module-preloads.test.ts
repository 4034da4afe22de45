import { describe, expect, it } from 'vitest';
import { chunkPreloads } from '../../src/build/module-preloads.ts';
import { withModulePreloads } from '../../src/lib/module-preloads.ts';

const chunk = (fileName: string, imports: string[] = [], isEntry = false) => ({ type: 'chunk' as const, fileName, imports, isEntry });

describe('chunkPreloads: what each page script imports, from the client build', () => {
  it('lists every chunk an entry imports, directly or through another, each once; entries without imports are left out', () => {
    const bundle = {
      card: chunk('_astro/card.1.js', ['_astro/parser.2.js', '_astro/clip.3.js'], true),
      inspector: chunk('_astro/inspector.4.js', ['_astro/parser.2.js'], true),
      parser: chunk('_astro/parser.2.js', ['_astro/text.5.js']),
      text: chunk('_astro/text.5.js', ['_astro/parser.2.js']),
      clip: chunk('_astro/clip.3.js'),
      loader: chunk('_astro/loader.6.js', [], true),
      style: { type: 'asset' as const, fileName: '_astro/site.css' },
    };
    expect(chunkPreloads(bundle)).toEqual({
      '/_astro/card.1.js': ['/_astro/parser.2.js', '/_astro/text.5.js', '/_astro/clip.3.js'],
      '/_astro/inspector.4.js': ['/_astro/parser.2.js', '/_astro/text.5.js'],
    });
  });
});

describe('withModulePreloads: the links go before the script that needs them', () => {
  const preloads = { '/_astro/a.js': ['/_astro/shared.js', '/_astro/a-only.js'], '/_astro/b.js': ['/_astro/shared.js'] };

  it('adds each chunk once per page, before the first script that imports it', () => {
    const html =
      '<body><script type="module" src="/_astro/a.js"></script><p>x</p><script type="module" src="/_astro/b.js"></script></body>';
    expect(withModulePreloads(html, preloads)).toBe(
      '<body><link rel="modulepreload" href="/_astro/shared.js"><link rel="modulepreload" href="/_astro/a-only.js">' +
        '<script type="module" src="/_astro/a.js"></script><p>x</p><script type="module" src="/_astro/b.js"></script></body>',
    );
  });

  it('leaves a page without such scripts as it was', () => {
    const html = '<p><script type="module" src="/_astro/other.js"></script><script>inline()</script></p>';
    expect(withModulePreloads(html, preloads)).toBe(html);
    expect(withModulePreloads(html, {})).toBe(html);
  });
});
