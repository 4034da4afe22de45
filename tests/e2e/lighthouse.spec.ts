/**
 * Lighthouse on one page of each template of the real build, once each, in `npm test` (so in CI):
 * the pages of one template share their markup, scripts and styles, so what Lighthouse judges
 * here is the template's; every page's own content is held to axe, budgets and the layout checks
 * (site-quality.spec.ts, budgets.spec.ts). Only what does not depend on this machine's speed is
 * asserted: accessibility, best practices and SEO 100, no
 * layout shift, and the performance audits that judge the page's make-up (bytes, requests,
 * render-blocking resources, request chains) rather than its timings. The performance score
 * itself is a simulation fed with this machine's timings, which swing with its load (one CI run
 * here scored 44 on a page whose median is 99 while other tests ran beside it), so asserting it
 * would be a timed test; `npm run audit` measures it, three runs a page, and reports medians.
 */
import { expect, test } from '@playwright/test';
import { startAccessEdge, type AccessEdge } from '../../scripts/audit/access-edge.ts';
import { runLighthouse } from '../../scripts/audit/lighthouse-once.ts';
import { targetSite } from '../support/e2e-env.ts';
import { ACCESS_HEADER } from '../../scripts/lib/local-site/gated-site.ts';
import { discoverPages } from '../../scripts/lib/local-site/site-pages.ts';
import { freePort } from '../../scripts/lib/local-site/free-port.ts';
import { tokenFor } from './helpers.ts';

/**
 * One page per template: the home page, the guides index, a guide written in MDX (the authoring
 * guide uses every building block), a demo's public guide, a demo page, the inspector, the search
 * page. A page that disappears fails the check below instead of leaving its template untested.
 */
const TEMPLATE_PAGES = ['/', '/guides/', '/guides/authoring/', '/guides/scim-a/', '/scim-a/', '/inspect/', '/search/'];

/**
 * Performance audits whose verdict follows from the page's bytes and structure alone. Left out:
 * the metrics, and the diagnostics scored on main-thread timings (bootup-time, forced reflow,
 * long tasks), on server timings (document latency) or on the local server's HTTP/1.1. The
 * network dependency tree is checked separately (see chainedScriptsAndStyles): it flags any chain,
 * and the identity card's fetch is necessarily started by the card's script.
 */
const PAGE_MAKEUP_AUDITS: readonly string[] = [
  'render-blocking-insight',
  'third-parties-insight',
  'font-display-insight',
  'unminified-css',
  'unminified-javascript',
  'unused-css-rules',
  'unused-javascript',
  'legacy-javascript-insight',
  'duplicated-javascript-insight',
  'total-byte-weight',
  'dom-size-insight',
  'viewport-insight',
  'image-delivery-insight',
  'unsized-images',
  'cache-insight',
  'redirects',
];

// One Lighthouse browser at a time: each run launches its own Chromium. It no longer runs alone
// after everything else: what is asserted (scores that count findings, CLS, audits of the page's
// make-up) does not move with the machine's load. Measured with the rest of the suite beside it on
// this two-core machine at load averages of 5 to 12: every run held 100, 100, 100 and CLS 0, as
// alone; waiting for the other tests first only added Lighthouse's minute to the end of the run.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

interface ChainNode {
  url: string;
  children?: Record<string, ChainNode>;
}

/**
 * Scripts and stylesheets the browser only finds after loading another subresource: each one is a
 * round trip the page could have saved (a chunk shared by two page scripts, say). Read from
 * Lighthouse's network dependency tree, whose roots are the document.
 */
function chainedScriptsAndStyles(lhr: import('lighthouse').Result): string[] {
  const details = lhr.audits['network-dependency-tree-insight']?.details as
    { items?: { value?: { type?: string; chains?: Record<string, ChainNode> } }[] } | undefined;
  const tree = details?.items?.find((item) => item.value?.type === 'network-tree')?.value?.chains;
  if (!tree) throw new Error('Lighthouse reported no network dependency tree');
  const late: string[] = [];
  const walk = (node: ChainNode, depth: number): void => {
    if (depth >= 2 && /\.(?:m?js|css)$/.test(new URL(node.url).pathname)) late.push(node.url);
    for (const child of Object.values(node.children ?? {})) walk(child, depth + 1);
  };
  for (const root of Object.values(tree)) walk(root, 0);
  return late;
}

let edge: AccessEdge;
test.beforeAll(async () => {
  edge = await startAccessEdge(await freePort(), targetSite('workers').baseUrl);
});
test.afterAll(async () => {
  await edge.stop();
});

const pages = discoverPages();

test('every template page is a page of the build', () => {
  expect(pages.map((page) => page.path)).toEqual(expect.arrayContaining(TEMPLATE_PAGES));
});

for (const { path, demoSlug } of pages.filter((page) => TEMPLATE_PAGES.includes(page.path))) {
  test(`${path}: Lighthouse accessibility, best practices and SEO 100, no layout shift, nothing in the page's make-up flagged`, async () => {
    const headers = demoSlug ? { [ACCESS_HEADER]: await tokenFor(demoSlug) } : {};
    // Port 0: chrome-launcher picks a free debugging port.
    const run = await runLighthouse(new URL(path, edge.baseUrl).href, headers, 0);
    const failing = run.failing.filter((audit) => audit.category !== 'performance').map((audit) => `${audit.category}/${audit.id}`);
    test.info().annotations.push({
      type: 'lighthouse',
      description: `${path}: ${JSON.stringify(run.scores)}, CLS ${run.metrics.CLS}, TBT ${Math.round(run.metrics.TBT)} ms (timings not asserted)`,
    });
    expect(run.scores.accessibility, `${path}: ${failing.join(', ')}`).toBe(100);
    expect(run.scores['best-practices'], `${path}: ${failing.join(', ')}`).toBe(100);
    expect(run.scores.seo, `${path}: ${failing.join(', ')}`).toBe(100);
    expect(run.metrics.CLS).toBe(0);

    expect(
      PAGE_MAKEUP_AUDITS.filter((id) => !run.lhr.audits[id]),
      'audits missing from this Lighthouse version',
    ).toEqual([]);
    const flagged = run.failing
      .filter((audit) => PAGE_MAKEUP_AUDITS.includes(audit.id))
      .map((audit) => `${audit.id} (${audit.score}): ${audit.title}${audit.displayValue ? `, ${audit.displayValue}` : ''}`);
    expect(flagged, `${path}: performance audits on the page's make-up`).toEqual([]);
    expect(chainedScriptsAndStyles(run.lhr), `${path}: scripts or stylesheets requested only after another subresource loaded`).toEqual([]);
  });
}
