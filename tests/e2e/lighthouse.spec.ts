/**
 * Lighthouse on every page of the real build, once each, in `npm test` (so in CI): the scores
 * that do not depend on the machine's speed must be perfect. Accessibility, best practices and
 * SEO 100, and no layout shift. Performance is scored by a simulation fed with this machine's
 * timings, which swing with its load (see reports/audit.md), so here it only has to clear a
 * floor that catches real regressions (a render-blocking script, a heavy document);
 * `npm run audit` measures it properly, three runs a page.
 */
import { expect, test } from '@playwright/test';
import { startAccessEdge, type AccessEdge } from '../audit/access-edge.ts';
import { runLighthouse } from '../audit/lighthouse-once.ts';
import { BASE_URL } from '../support/e2e-env.ts';
import { ACCESS_HEADER } from '../support/gated-site.ts';
import { discoverPages } from '../support/site-pages.ts';
import { tokenFor } from './helpers.ts';

const EDGE_PORT = 8793;
/** Far below any score seen here (lowest single run: 76), far above what a real regression scores. */
const PERFORMANCE_FLOOR = 50;

// One browser at a time: Lighthouse runs are heavy, and each launches its own Chromium.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

let edge: AccessEdge;
test.beforeAll(async () => {
  edge = await startAccessEdge(EDGE_PORT, BASE_URL);
});
test.afterAll(async () => {
  await edge.stop();
});

for (const { path, demoSlug } of discoverPages()) {
  test(`${path}: Lighthouse accessibility, best practices and SEO 100, no layout shift`, async () => {
    const headers = demoSlug ? { [ACCESS_HEADER]: await tokenFor(demoSlug) } : {};
    // Port 0: chrome-launcher picks a free debugging port.
    const run = await runLighthouse(new URL(path, edge.baseUrl).href, headers, 0);
    const failing = run.failing.filter((audit) => audit.category !== 'performance').map((audit) => `${audit.category}/${audit.id}`);
    test.info().annotations.push({ type: 'lighthouse', description: `${path}: ${JSON.stringify(run.scores)}, CLS ${run.metrics.CLS}, TBT ${Math.round(run.metrics.TBT)} ms` });
    expect(run.scores.accessibility, `${path}: ${failing.join(', ')}`).toBe(100);
    expect(run.scores['best-practices'], `${path}: ${failing.join(', ')}`).toBe(100);
    expect(run.scores.seo, `${path}: ${failing.join(', ')}`).toBe(100);
    expect(run.metrics.CLS).toBe(0);
    expect(run.scores.performance).toBeGreaterThanOrEqual(PERFORMANCE_FLOOR);
  });
}
