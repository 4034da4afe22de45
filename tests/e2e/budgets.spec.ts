/**
 * Size budgets on every page of the real build, so CI enforces them (issue "budgets"):
 * JavaScript by what the page needs, HTML + render-blocking CSS within one round trip, diagram
 * SVG bounded, no third-party requests and no web fonts. Every page also carries the search
 * loader, held to a budget of its own on top of the page's (what search fetches on first use has
 * its budget in search-smoke.spec.ts, on both builds).
 */
import { gzipSync } from 'node:zlib';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { openAsMember, tokenFor } from './helpers.ts';
import { ACCESS_HEADER } from '../../scripts/lib/local-site/gated-site.ts';
import { discoverPages as sitePages } from '../../scripts/lib/local-site/site-pages.ts';

const KB = 1024;
export const BUDGETS = {
  /**
   * A page with the identity card: card, copy buttons, personalisation, together. 6 KB, not the
   * 5 KB of when each script carried its own copy of what it shares: shared chunks cost about
   * 0.9 KB more in all (each file compressed on its own; a chunk keeps what any of its importers
   * uses), the price of one copy of each module (src/lib/module-preloads.ts).
   */
  jsWithCard: 6 * KB,
  /** The card's own script and the chunks it imports (its parser, shared with the inspector). */
  cardScript: 5 * KB,
  /** The inspector page: its script and the chunks it shares with the card and the guides (the policy engine included). */
  jsInspector: 14 * KB,
  /** A page whose only interactive parts are small helpers (copy buttons, personalisation). */
  jsHelpersOnly: 2 * KB,
  /** HTML plus render-blocking CSS, pages without diagrams: one TCP round trip (14 KB). */
  htmlAndCss: 14 * KB,
  /** What inline diagram SVG may add to one page. */
  diagramSvg: 40 * KB,
  /**
   * Distinct font styles (family, size, weight, style) in the text a page lays out on load. Each
   * is a font lookup during layout, on Linux a round trip to the browser process: they were most
   * of a demo page's first layout (src/styles/global.css, the type scale).
   */
  fontStylesAtLoad: 10,
  /** The search loader on every page (src/client/search/search-loader.ts), on top of the rest. */
  searchLoader: 600,
};

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

test('no page lays out text in more font styles than the type scale allows', async ({ page }) => {
  for (const { path, demoSlug: demo } of sitePages()) {
    await openAsMember(page, path, demo);
    // The card in its ready state: its styles are looked up in the layout after the fetch.
    if (demo) await expect(page.locator('access-identity')).toHaveAttribute('data-state', 'ready');
    const styles = await page.evaluate(() => {
      const found = new Set<string>();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        // Text in skipped sections, closed <details> and the like is not laid out yet.
        if (!element || !node.textContent?.trim() || !element.checkVisibility({ contentVisibilityAuto: true })) continue;
        const style = getComputedStyle(element);
        found.add(`${style.fontFamily.split(',')[0]} ${style.fontSize} ${style.fontWeight} ${style.fontStyle}`);
      }
      return [...found].sort();
    });
    test.info().annotations.push({ type: 'font styles', description: `${path}: ${styles.length} (${styles.join('; ')})` });
    expect(styles.length, `${path}: ${styles.join('; ')}`).toBeLessThanOrEqual(BUDGETS.fontStylesAtLoad);
  }
});

test('no page makes a third-party request or loads a web font', async ({ page }) => {
  const outside: string[] = [];
  const fonts: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:') outside.push(r.url());
    if (r.resourceType() === 'font') fonts.push(r.url());
  });
  for (const { path, demoSlug: demo } of sitePages()) {
    await openAsMember(page, path, demo);
    await page.waitForLoadState('load');
    expect(await page.evaluate(() => document.fonts.size), `${path} declares web fonts`).toBe(0);
  }
  expect(outside).toEqual([]);
  expect(fonts).toEqual([]);
});
