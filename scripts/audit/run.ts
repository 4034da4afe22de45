/**
 * `npm run audit` (after `npm run build`): Lighthouse on every page of the production build,
 * three runs each, medians reported. Prints a Markdown report, writes reports/audit.md, and
 * exits 1 if any page's median score in any category is below AUDIT_MIN_SCORE (default 100, the target).
 *
 * Knobs (environment): AUDIT_MIN_SCORE (100), AUDIT_RUNS (3), AUDIT_PAGES (all). Ports 9790-9799.
 * Each run's full Lighthouse result is kept in reports/tmp/audit/ (not committed) for digging.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ACCESS_HEADER, startGatedSite } from '../lib/local-site/gated-site.ts';
import { currentLoad, describeMachine } from '../lib/machine.ts';
import { PROJECT_ROOT, discoverPages, type SitePage } from '../lib/local-site/site-pages.ts';
import { startAccessEdge } from './access-edge.ts';
import { runLighthouse } from './lighthouse-once.ts';
import { auditReport, shortfalls, summarise, type PageAudit } from './summary.ts';

const PORTS = { sitePort: 9790, certsPort: 9791, inspectorPort: 9792, edgePort: 9793, chromePort: 9794 };
const MIN_SCORE = Number(process.env['AUDIT_MIN_SCORE'] ?? 100);
const RUNS = Number(process.env['AUDIT_RUNS'] ?? 3);
const RAW_DIR = join(PROJECT_ROOT, 'reports', 'tmp', 'audit');
const log = (message: string) => console.error(`[audit] ${message}`);

const machine = describeMachine();
const lighthouseVersion = (createRequire(import.meta.url)('lighthouse/package.json') as { version: string }).version;
// AUDIT_PAGES=/,/guides/ audits only those paths (for digging into one page).
const only = process.env['AUDIT_PAGES']
  ?.split(',')
  .map((path) => path.trim())
  .filter(Boolean);
const pages = discoverPages().filter((page) => !only || only.includes(page.path));
log(`pages: ${pages.map((page) => page.path).join(' ')}`);

mkdirSync(RAW_DIR, { recursive: true });
const site = await startGatedSite({
  name: 'audit',
  sitePort: PORTS.sitePort,
  certsPort: PORTS.certsPort,
  inspectorPort: PORTS.inspectorPort,
});
const edge = await startAccessEdge(PORTS.edgePort, site.baseUrl);
const audits: PageAudit[] = pages.map((page) => ({ path: page.path, runs: [] }));
try {
  await warmUp();
  // Round-robin over the pages, so a burst of load on this shared machine spreads across them.
  for (let run = 1; run <= RUNS; run++) {
    for (const [index, page] of pages.entries()) {
      // A fresh token per run: they expire, and a run must never audit the 403 page.
      const headers = await headersFor(page);
      const result = await runLighthouse(new URL(page.path, edge.baseUrl).href, headers, PORTS.chromePort);
      audits[index]?.runs.push(result);
      const name = page.path === '/' ? 'home' : page.path.replace(/^\/|\/$/g, '').replace(/\//g, '_');
      writeFileSync(join(RAW_DIR, `${name}-${run}.json`), JSON.stringify(result.lhr, null, 1));
      log(
        `run ${run}/${RUNS} ${page.path}: ${Object.entries(result.scores)
          .map(([c, s]) => `${c} ${s}`)
          .join(', ')}`,
      );
    }
  }
} finally {
  await edge.stop();
  await site.stop();
}

/** What Access adds to a request for the page: a fresh token for demo pages (they expire). */
async function headersFor(page: SitePage): Promise<Record<string, string>> {
  return page.demoSlug ? { [ACCESS_HEADER]: await site.tokenFor(page.demoSlug) } : {};
}

/**
 * The first requests after `wrangler dev` starts compile the Worker's code paths (the gate, the
 * page renderer), and the first browser launch reads Chromium from disk: costs a deployed Worker's
 * warm isolates and a visitor's running browser do not have. Lighthouse folds the server's
 * response time into its simulated FCP, so pay them before measuring: every page fetched a few
 * times, then one Lighthouse run that is thrown away.
 */
async function warmUp(): Promise<void> {
  for (let round = 0; round < 3; round++) {
    for (const page of pages) {
      const headers = await headersFor(page);
      const response = await fetch(new URL(page.path, edge.baseUrl), { headers });
      if (!response.ok) throw new Error(`warm-up: ${page.path} answered ${response.status}`);
      await response.arrayBuffer();
    }
  }
  const first = pages[0];
  if (first) {
    await runLighthouse(new URL(first.path, edge.baseUrl).href, await headersFor(first), PORTS.chromePort);
  }
  log('warmed up: every page fetched 3 times, one Lighthouse run discarded');
}

const summaries = audits.map(summarise);
const report = auditReport({ machine, loadAtEnd: currentLoad(), lighthouseVersion, minScore: MIN_SCORE, pages: summaries });
console.log(report);
// A partial run is for digging; only a full one replaces the committed report.
if (!only) {
  writeFileSync(join(PROJECT_ROOT, 'reports', 'audit.md'), report);
  log('wrote reports/audit.md');
}

const missed = shortfalls(summaries, MIN_SCORE);
for (const miss of missed) console.error(`[audit] FAIL ${miss.path} ${miss.category}: median ${miss.score} < ${MIN_SCORE}`);
process.exitCode = missed.length ? 1 : 0;
