/**
 * Size budgets on every page of the real build, so CI enforces them (issue "budgets"):
 * JavaScript by what the page needs, HTML + render-blocking CSS within one round trip, diagram
 * SVG bounded. Every page also carries the search loader, held to a budget of its own on top of
 * the page's (what search fetches on first use has its budget in search-smoke.spec.ts, on both builds). Font styles at
 * load, web fonts and third-party requests are checked in the browser, on each page's one load
 * (site-quality.spec.ts).
 */
import { gzipSync } from 'node:zlib';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { tokenFor } from './helpers.ts';
import { BUDGETS } from './budgets.ts';
import { ACCESS_HEADER } from '../../scripts/lib/local-site/gated-site.ts';
import { discoverPages as sitePages } from '../../scripts/lib/local-site/site-pages.ts';

/** The loader's file: Astro names a component's script after the component (SearchButton.astro). */
const isSearchLoader = (src: string) => /\/SearchButton\.astro_astro_type_script/.test(src);

const gz = (text: string) => gzipSync(text, { level: 9 }).length;

/** The identity card's page script: Astro names a component's script after the component. */
function cardEntry(scripts: Map<string, string>): string {
  const src = [...scripts.keys()].find((candidate) => /\/IdentityCard\.astro_astro_type_script/.test(candidate));
  if (!src) throw new Error('no identity card script on a page with the card');
  return src;
}

/** Every script the page loads: its module scripts and, recursively, their static imports. */
async function scriptsOf(html: string, request: APIRequestContext): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const queue = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1] ?? '');
  while (queue.length > 0) {
    const src = queue.shift() ?? '';
    if (found.has(src)) continue;
    const code = await (await request.get(src)).text();
    found.set(src, code);
    for (const m of code.matchAll(/(?:import|from)\s*["'](\.\/[^"']+\.js)["']/g))
      queue.push(new URL(m[1] ?? '', `http://x${src}`).pathname);
  }
  return found;
}

const inlineSvg = (html: string) => [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]).join('');

for (const { path, demoSlug: demo } of sitePages()) {
  test(`${path}: within its budgets`, async ({ request }) => {
    const headers: Record<string, string> = demo ? { [ACCESS_HEADER]: await tokenFor(demo) } : {};
    const html = await (await request.get(path, { headers })).text();
    const all = await scriptsOf(html, request);
    const loader = [...all].filter(([src]) => isSearchLoader(src));
    const scripts = new Map([...all].filter(([src]) => !isSearchLoader(src)));
    const loaderBytes = loader.reduce((sum, [, code]) => sum + gz(code), 0);
    const jsBytes = [...scripts.values()].reduce((sum, code) => sum + gz(code), 0);
    const hasCard = html.includes('<access-identity');
    const hasInspector = html.includes('<access-inspector');
    const hasHelpers = /data-copy|data-personalise/.test(html);
    const svg = inlineSvg(html);
    const report = `${path}: JS ${jsBytes} B gz in ${scripts.size} file(s), plus the search loader ${loaderBytes} B gz; HTML ${gz(html)} B gz, of which diagram SVG ${gz(svg)} B gz`;
    test.info().annotations.push({ type: 'size', description: report });

    expect(loader, `${path}: one search loader`).toHaveLength(1);
    expect(loaderBytes, report).toBeLessThanOrEqual(BUDGETS.searchLoader);
    for (const code of all.values()) expect(code, `${path} loads mermaid`).not.toMatch(/mermaid/i);
    // The Worker's `process` shim (the adapter's banner, astro.config.mjs) stays out of the browser's scripts.
    for (const code of all.values()) expect(code, `${path} carries the server banner`).not.toMatch(/globalThis\.process/);
    // The first Intl object or locale-aware call a page makes loads ICU data: 15-115 ms of main
    // thread each (measured in Debian Chromium), which Lighthouse counts as blocking time.
    for (const code of all.values())
      expect(code, `${path} loads ICU locale data`).not.toMatch(/\bIntl\.|\.toLocale\w*String\(|\.localeCompare\(/);
    if (hasCard) {
      expect(jsBytes, report).toBeLessThanOrEqual(BUDGETS.jsWithCard);
      const card = [...(await scriptsOf(`<script src="${cardEntry(scripts)}">`, request))];
      expect(
        card.reduce((sum, [, code]) => sum + gz(code), 0),
        report,
      ).toBeLessThanOrEqual(BUDGETS.cardScript);
    } else if (hasInspector) {
      expect(jsBytes, report).toBeLessThanOrEqual(BUDGETS.jsInspector);
      // All of it loaded with the page: nothing is fetched later, after a paste.
      for (const code of scripts.values()) expect(code, `${path} imports a script on demand`).not.toMatch(/\bimport\s*\(/);
    } else if (hasHelpers) {
      expect(jsBytes, report).toBeLessThanOrEqual(BUDGETS.jsHelpersOnly);
    } else {
      expect(scripts.size, `${report}: a page with nothing interactive ships no JavaScript but the search loader`).toBe(0);
    }
    // Every chunk a page script imports is preloaded from the HTML, so none waits for a script to
    // arrive and name it (Lighthouse's chain check, lighthouse.spec.ts, sees the same).
    const entries = new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]));
    const preloaded = new Set([...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]));
    for (const src of scripts.keys()) if (!entries.has(src)) expect(preloaded, `${path}: ${src} is not preloaded`).toContain(src);
    // CSS is inlined (build.inlineStylesheets: 'always'), so the HTML is HTML + render-blocking CSS.
    expect(html, `${path} links an external stylesheet`).not.toMatch(/<link[^>]+rel="stylesheet"/);
    if (svg) expect(gz(svg), report).toBeLessThanOrEqual(BUDGETS.diagramSvg);
    else expect(gz(html), report).toBeLessThanOrEqual(BUDGETS.htmlAndCss);
  });
}
