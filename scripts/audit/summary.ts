/**
 * Medians over a page's Lighthouse runs, the threshold check, and the Markdown report
 * (printed, and written to reports/audit.md to be committed).
 */
import { markdownTable } from '../lib/markdown-table.ts';
import { machineLines, type Machine } from '../lib/machine.ts';
import { median } from '../lib/stats.ts';
import { CATEGORIES, METRICS, type AuditRun, type Category, type Metric } from './lighthouse-once.ts';

export interface PageAudit {
  path: string;
  runs: AuditRun[];
}

export interface PageSummary {
  path: string;
  runs: number;
  scores: Record<Category, number>;
  metrics: Record<Metric, number>;
  benchmarkIndex: number;
  /** Each run's performance score, in run order: how far the machine moved it. */
  performanceRuns: number[];
  /** The run with the median performance score, whose main-thread facts the report shows. */
  medianRun: AuditRun;
  /** Audits that cost points in at least one run, with how many runs they failed in. */
  failing: { id: string; category: Category; title: string; displayValue?: string; runs: number }[];
}

export function summarise(page: PageAudit): PageSummary {
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(page.runs.map((run) => run.scores[c]))])) as Record<Category, number>;
  const metrics = Object.fromEntries(
    Object.keys(METRICS).map((m) => [m, median(page.runs.map((run) => run.metrics[m as Metric]))]),
  ) as Record<Metric, number>;
  const failing = new Map<string, PageSummary['failing'][number]>();
  for (const run of page.runs) {
    for (const audit of run.failing) {
      const key = `${audit.category}/${audit.id}`;
      const seen = failing.get(key);
      if (seen) seen.runs++;
      else
        failing.set(key, {
          id: audit.id,
          category: audit.category,
          title: audit.title,
          runs: 1,
          ...(audit.displayValue ? { displayValue: audit.displayValue } : {}),
        });
    }
  }
  const benchmarkIndex = median(page.runs.map((run) => run.benchmarkIndex));
  const byPerformance = [...page.runs].sort((a, b) => a.scores.performance - b.scores.performance);
  const medianRun = byPerformance[Math.floor((byPerformance.length - 1) / 2)] as AuditRun;
  const performanceRuns = page.runs.map((run) => run.scores.performance);
  return {
    path: page.path,
    runs: page.runs.length,
    scores,
    metrics,
    benchmarkIndex,
    performanceRuns,
    medianRun,
    failing: [...failing.values()],
  };
}

export interface Shortfall {
  path: string;
  category: Category;
  score: number;
}

export function shortfalls(pages: PageSummary[], minScore: number): Shortfall[] {
  return pages.flatMap((page) =>
    CATEGORIES.filter((c) => page.scores[c] < minScore).map((category) => ({ path: page.path, category, score: page.scores[category] })),
  );
}

/** Lighthouse's own threshold for its slow-host warning (core/gather/driver/environment.js). */
const SLOW_HOST_INDEX = 1000;

const msText = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : '–');

export interface AuditReportInput {
  machine: Machine;
  loadAtEnd: string;
  lighthouseVersion: string;
  minScore: number;
  pages: PageSummary[];
}

export function auditReport({ machine, loadAtEnd, lighthouseVersion, minScore, pages }: AuditReportInput): string {
  const table = markdownTable(
    [
      'page',
      'runs',
      'performance',
      'performance, each run',
      'accessibility',
      'best practices',
      'SEO',
      'FCP',
      'LCP',
      'TBT',
      'CLS',
      'host CPU (benchmarkIndex)',
    ],
    pages.map((page) => [
      `\`${page.path}\``,
      page.runs,
      page.scores.performance,
      page.performanceRuns.join(', '),
      page.scores.accessibility,
      page.scores['best-practices'],
      page.scores.seo,
      msText(page.metrics.FCP),
      msText(page.metrics.LCP),
      msText(page.metrics.TBT),
      page.metrics.CLS.toFixed(3),
      Math.round(page.benchmarkIndex),
    ]),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
  const below = pages.filter((page) => page.failing.length > 0);
  const failingLines = below.length
    ? below.flatMap((page) => [
        `- \`${page.path}\`:`,
        ...page.failing.map(
          (a) =>
            `  - ${a.category} · \`${a.id}\`: ${a.title}, in ${a.runs} of ${page.runs} runs${a.displayValue ? ` (first such run: ${a.displayValue})` : ''}`,
        ),
        `  - main thread in the median run (performance ${page.medianRun.scores.performance}): ${page.medianRun.mainThread.map((g) => `${g.group} ${Math.round(g.ms)} ms`).join(', ')}; long tasks ${Math.round(page.medianRun.longTasks.ms)} ms, of which ${Math.round(page.medianRun.longTasks.unattributableMs)} ms “Unattributable” (not from any page script or document)`,
      ])
    : ['None: every scored audit passed in every run.'];
  const missed = shortfalls(pages, minScore);
  const slowHost = pages.some((page) => page.benchmarkIndex <= SLOW_HOST_INDEX);
  return [
    '# Lighthouse audit',
    '',
    `Generated by \`npm run audit\` (scripts/audit/run.ts): the production build under \`wrangler dev\`, Lighthouse ${lighthouseVersion}`,
    'through its Node API, mobile defaults (emulated mid-range phone, simulated slow 4G, 4x CPU slowdown), Debian',
    'Chromium headless, a fresh browser per run. Scores and metrics are medians of the runs.',
    '',
    ...machineLines(machine, loadAtEnd),
    '',
    table,
    '',
    ...(slowHost
      ? [
          `**Slow host.** Lighthouse's benchmarkIndex was at or below ${SLOW_HOST_INDEX} here, where the Lighthouse CLI warns: “The tested`,
          'device appears to have a slower CPU than Lighthouse expects. This can negatively affect your performance score.”',
          'The simulated 4x CPU slowdown is applied on top of this slower (and shared) CPU, so main-thread costs such as',
          'TBT are overstated; the defaults were kept anyway, as asked. See',
          '[Lighthouse: CPU throttling](https://github.com/GoogleChrome/lighthouse/blob/main/docs/throttling.md#cpu-throttling).',
          '',
        ]
      : []),
    `Threshold (AUDIT_MIN_SCORE): ${minScore}. ${missed.length ? `Below it: ${missed.map((m) => `${m.path} ${m.category} ${m.score}`).join('; ')}.` : 'Every median meets it.'}`,
    '',
    '## Audits that cost points',
    '',
    'Every scored audit below 1 in any run. Main-thread times are Lighthouse’s simulated ones (observed × the 4x',
    'CPU slowdown). “Unattributable” long tasks are browser work Lighthouse cannot tie to any URL, mostly the',
    'navigation commit, where Chromium sets up the page’s renderer and script contexts. Until 2026-11-29 the site sent',
    '`Cross-Origin-Opener-Policy: same-origin`, which made every run’s navigation switch browsing context group and so',
    'start the page in a new renderer process: about 200 ms of simulated blocking time on every page (median TBT 262 ms',
    'with the header, 46 ms without, same page, five runs each). The header is gone (src/security/security-headers.ts',
    'says why). What is left moves with the load on this shared 2-core machine: the “each run” column shows how far',
    'one page’s score moves from run to run with nothing changed.',
    '',
    ...failingLines,
    '',
    '## How the pages were served',
    '',
    '- Demo pages are gated: Lighthouse sends a valid test Access token with every request (`extraHeaders`,',
    '  header `Cf-Access-Jwt-Assertion`), checked by the Worker against a local stand-in of the Access certs endpoint.',
    '- Deployed, Cloudflare Access answers `/cdn-cgi/access/get-identity` at the edge. A small local proxy',
    '  (scripts/audit/access-edge.ts) plays that part and answers it with the `member` fixture, so the identity',
    '  card is audited in its ready state; every other request passes through to `wrangler dev` unchanged.',
    '- The server is plain `http://127.0.0.1`, not HTTPS. Lighthouse counts loopback as a secure origin, so',
    '  `is-on-https` passes without HTTPS having been exercised; `redirects-http` is not applicable; `has-hsts` is',
    '  informative (no weight) and reads the `Strict-Transport-Security` header the Worker sends, which a browser',
    '  ignores over http. None of that says anything about the deployed site’s TLS: audit the deployed site for it.',
    '- Before measuring, every page is fetched three times and one Lighthouse run is thrown away: the first',
    '  requests after `wrangler dev` starts compile the Worker’s code paths, which warm isolates on the edge do not.',
    '- Timings come from Lighthouse’s simulation (Lantern) over a loopback server, so they model the page’s',
    '  structure more than this machine’s speed; the machine was shared, see the load average above.',
    '',
  ].join('\n');
}
