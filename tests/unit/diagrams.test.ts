import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { VFile } from 'vfile';
import { afterEach, describe, expect, it } from 'vitest';
import { combineVariants } from '../../src/diagrams/combine-variants.ts';
import { MERMAID_VERSION, diagramKey } from '../../src/diagrams/diagram-cache.ts';
import { RENDER_SETTINGS } from '../../src/diagrams/render-settings.ts';
import { rehypeMermaidCached } from '../../src/diagrams/rehype-mermaid-cached.ts';
import { optimizeDrawing } from '../../src/diagrams/optimize-svg.ts';
import { variantFrame } from '../../src/diagrams/variant-frame.ts';

const CACHE = new URL('../../src/diagrams/cache/', import.meta.url).pathname;
const originalPath = process.env['CHROMIUM_PATH'];
afterEach(() => {
  if (originalPath === undefined) delete process.env['CHROMIUM_PATH'];
  else process.env['CHROMIUM_PATH'] = originalPath;
});

function treeWith(source: string): Root {
  return {
    type: 'root',
    children: [
      {
        type: 'element',
        tagName: 'pre',
        properties: {},
        children: [
          {
            type: 'element',
            tagName: 'code',
            properties: { className: ['language-mermaid'] },
            children: [{ type: 'text', value: source }],
          },
        ],
      },
    ],
  };
}

/** The mermaid source of the first diagram in a committed MDX file. */
function diagramSourceOf(file: string): string {
  const mdx = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
  const match = mdx.match(/```mermaid\n([\s\S]*?)```/);
  if (!match?.[1]) throw new Error(`no diagram in ${file}`);
  return match[1].trim();
}

describe('rehypeMermaidCached', () => {
  it('renders a cached diagram with no browser at all', async () => {
    process.env['CHROMIUM_PATH'] = '/nonexistent/chromium';
    // A committed page's diagram, so its drawing is in the committed cache; what is expected of it
    // is read from its source, so that rewording the diagram never breaks this test.
    const source = diagramSourceOf('content/demos/scim-a.mdx');
    const title = /^\s*accTitle:\s*(.+)$/m.exec(source)?.[1]?.trim();
    if (!title) throw new Error('the diagram has no accTitle');
    const tree = treeWith(source);
    await rehypeMermaidCached({ cacheDir: CACHE })(tree, new VFile({ path: 'content/demos/scim-a.mdx' }));
    const html = toHtml(tree);
    expect(html).toMatch(/^<figure class="diagram">/);
    // One drawing: the dark theme's colours ride along as a media query.
    expect(html.match(/<svg/g)).toHaveLength(1);
    expect(html).toMatch(/<div class="diagram-variant diagram-variant--sized" style="aspect-ratio:[\d.]+\/[\d.]+;max-width:[\d.]+px">/);
    expect(html).toContain('@media (prefers-color-scheme:dark){');
    expect(html).toMatch(new RegExp(`<title[^>]*>${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</title>`));
    expect(html).toContain(`<figcaption>${title}</figcaption>`);
    expect(html).not.toContain('language-mermaid');
  });

  it('renders a diagram inside an MDX component (<Diagram>…</Diagram>) too', async () => {
    process.env['CHROMIUM_PATH'] = '/nonexistent/chromium';
    const [pre] = treeWith(diagramSourceOf('content/demos/scim-a.mdx')).children;
    if (!pre || pre.type !== 'element') throw new Error('no <pre> in the test tree');
    const component = { type: 'mdxJsxFlowElement', name: 'Diagram', attributes: [], children: [pre] } as const;
    const tree = { type: 'root', children: [component] } as unknown as Root;
    await rehypeMermaidCached({ cacheDir: CACHE })(tree, new VFile({ path: 'content/guides/authoring.mdx' }));
    expect(component.children[0]).toMatchObject({ type: 'element', tagName: 'figure', properties: { className: ['diagram'] } });
  });

  it('fails loudly, naming the file and how to get a browser, when a new diagram cannot be rendered', async () => {
    process.env['CHROMIUM_PATH'] = '/nonexistent/chromium';
    const tree = treeWith(`flowchart LR\n  A --> B${Date.now()}`);
    const run = rehypeMermaidCached({ cacheDir: mkdtempSync(join(tmpdir(), 'diagrams-')) })(
      tree,
      new VFile({ path: 'content/guides/new.mdx' }),
    );
    await expect(run).rejects.toThrow(/content\/guides\/new\.mdx[\s\S]*apt-get install chromium/);
  });

  it('renders a new diagram in light and dark with a browser, and caches it by content', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'diagrams-'));
    const source = 'flowchart LR\n  accTitle: Tiny test\n  accDescr: Two boxes\n  A[Entra ID] --> B[Cloudflare Access]';
    const tree = treeWith(source);
    await rehypeMermaidCached({ cacheDir })(tree, new VFile({ path: 'test.mdx' }));
    expect(readdirSync(cacheDir)).toEqual([`${diagramKey(source)}.json`]);
    const cached = JSON.parse(readFileSync(join(cacheDir, `${diagramKey(source)}.json`), 'utf8')) as {
      light: string;
      dark: string;
      title: string;
    };
    expect(cached.light).toMatch(/^<svg/);
    expect(cached.dark).toMatch(/^<svg/);
    expect(cached.light).not.toBe(cached.dark);
    expect(cached.title).toBe('Tiny test');
    expect(toHtml(tree)).toContain('Cloudflare Access');
  }, 60_000);

  it('inlines both renders when they differ in more than colour', () => {
    const light = '<svg id="dxl-0"><style>#dxl-0 .a{fill:#fff}</style><rect width="10"/></svg>';
    const dark = '<svg id="dxd-0"><style>#dxd-0 .a{fill:#000}</style><rect width="12"/></svg>';
    expect(combineVariants(light, dark, 'dxl', 'dxd')).toBeUndefined();
    const sameShape = '<svg id="dxd-0"><style>#dxd-0 .a{fill:#000}</style><rect width="10"/></svg>';
    expect(combineVariants(light, sameShape, 'dxl', 'dxd')).toBe(
      '<svg id="dxl-0"><style>#dxl-0 .a{fill:#fff}@media (prefers-color-scheme:dark){#dxl-0 .a{fill:#000}}</style><rect width="10"/></svg>',
    );
  });

  it('keys the cache by the source, the render settings and mermaid’s version', () => {
    const source = 'flowchart LR\n A-->B';
    const context = { mermaidVersion: MERMAID_VERSION, settings: RENDER_SETTINGS };
    expect(diagramKey(source)).toBe(diagramKey(source, context));
    expect(diagramKey(source)).toMatch(/^[0-9a-f]{64}$/);
    expect(diagramKey('flowchart LR\n A-->C')).not.toBe(diagramKey(source));
    expect(diagramKey(source, { ...context, mermaidVersion: '0.0.0' })).not.toBe(diagramKey(source));
    expect(diagramKey(source, { ...context, settings: { ...RENDER_SETTINGS, revision: -1 } })).not.toBe(diagramKey(source));
  });
});

const parse = (svg: string) => fromHtml(svg, { fragment: true }).children as ElementContent[];
/** The light render of the first committed diagram that satisfies the test. */
function cachedLightSvg(test: (svg: string) => boolean): string | undefined {
  return readdirSync(CACHE)
    .map((name) => (JSON.parse(readFileSync(join(CACHE, name), 'utf8')) as { light: string }).light)
    .find(test);
}

describe('variantFrame', () => {
  const drawing = (viewBox: string) => parse(`<svg viewBox="${viewBox}" width="100%"><title>t</title></svg>`);

  it('gives the frame the drawing’s proportions and natural width, so it can be skipped off screen', () => {
    const frame = variantFrame(['diagram-variant'], drawing('0 7 1085.28125 281'));
    expect(frame.properties['className']).toEqual(['diagram-variant', 'diagram-variant--sized']);
    expect(frame.properties['style']).toBe('aspect-ratio:1085.281/281;max-width:1085.281px');
  });

  it.each(['', '0 0 0 100', '0 0 100', '0 0 -5 10', 'a b c d', '0 0 Infinity 10'])(
    'leaves a drawing with viewBox "%s" unsized (laid out as usual)',
    (viewBox) => {
      const frame = variantFrame(['diagram-variant'], drawing(viewBox));
      expect(frame.properties['className']).toEqual(['diagram-variant']);
      expect(frame.properties['style']).toBeUndefined();
    },
  );
});

describe('optimizeDrawing: definitions', () => {
  it('drops symbols and markers nothing points at, and the defs they leave empty', () => {
    const out = optimizeDrawing(
      '<svg id="d"><defs><symbol id="d-computer"><path d="M0"></path></symbol></defs>' +
        '<defs><marker id="d-arrowhead"><path d="M1"></path></marker></defs>' +
        '<defs><marker id="d-crosshead"><path d="M2"></path></marker></defs>' +
        '<line marker-end="url(#d-arrowhead)"></line></svg>',
    );
    expect(out).toContain('id="d-arrowhead"');
    expect(out).not.toContain('d-computer');
    expect(out).not.toContain('d-crosshead');
    expect(out.match(/<defs>/g)).toHaveLength(1);
  });

  it('keeps what <use>, the stylesheet or another attribute refers to', () => {
    const out = optimizeDrawing(
      '<svg id="d"><style>#d .x{fill:url(#d-gradient)}</style>' +
        '<defs><symbol id="d-clock"></symbol><linearGradient id="d-gradient"></linearGradient><marker id="d-styled"></marker></defs>' +
        '<use href="#d-clock" class="x"></use><path style="marker-start:url(#d-styled)"></path></svg>',
    );
    for (const id of ['d-clock', 'd-gradient', 'd-styled']) expect(out).toContain(`id="${id}"`);
  });

  it('halves a cached sequence diagram, and every reference in it still resolves', () => {
    const before = cachedLightSvg((svg) => svg.includes('-database"')) ?? '';
    expect(before, 'no cached sequence diagram with mermaid’s icon symbols').not.toBe('');
    const after = optimizeDrawing(before);
    expect(after.length).toBeLessThan(before.length * 0.6);
    const ids = new Set([...after.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    for (const [, ref] of after.matchAll(/(?:href="#|url\(#)([^")]+)/g)) expect(ids.has(ref), `dangling reference #${ref}`).toBe(true);
  });
});

describe('optimizeDrawing: stylesheet', () => {
  it('keeps the rules that match something in the drawing, in light and dark, and drops the rest', () => {
    const out = optimizeDrawing(
      '<svg id="d"><style>#d .actor{fill:#ECECFF}#d .note{fill:#fff5ad}#d text.actor>tspan{fill:black}#d .popup,#d .actor-line{stroke:#999}' +
        '@media (prefers-color-scheme:dark){#d .actor{fill:#1f2020}#d .note{fill:#444}}</style>' +
        '<rect class="actor"></rect><text class="actor"><tspan>A</tspan></text><line class="actor-line"></line></svg>',
    );
    const css = out.match(/<style>(.*)<\/style>/)?.[1] ?? '';
    expect(css).toContain('#d .actor{fill:#ececff}');
    expect(css).toContain('#d text.actor>tspan{fill:#000}');
    expect(css).toContain('#d .actor-line{stroke:#999}');
    expect(css).toMatch(/@media \(prefers-color-scheme:dark\)\{#d \.actor\{fill:#1f2020\}\}/);
    expect(css).not.toContain('.note');
    expect(css).not.toContain('.popup');
  });

  it('keeps every id and class the drawing carries, which the dark-mode styles select', () => {
    const before = cachedLightSvg((svg) => svg.includes('aria-roledescription="sequence"')) ?? '';
    const marks = (svg: string) => new Set([...svg.matchAll(/\s(?:id|class)="([^"]+)"/g)].map((m) => m[1]));
    const after = optimizeDrawing(before);
    const kept = marks(after);
    const pruned = new Set([...before.matchAll(/<(?:symbol|marker)\b[^>]*\sid="([^"]+)"/g)].map((m) => m[1]));
    for (const mark of marks(before)) if (!pruned.has(mark)) expect(kept.has(mark), mark).toBe(true);
  });

  it('more than halves the stylesheet of a cached sequence diagram', () => {
    const styleLength = (svg: string) => (svg.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? '').length;
    const before = cachedLightSvg((svg) => svg.includes('aria-roledescription="sequence"')) ?? '';
    expect(styleLength(before)).toBeGreaterThan(0);
    expect(styleLength(optimizeDrawing(before))).toBeLessThan(styleLength(before) / 2);
  });
});
