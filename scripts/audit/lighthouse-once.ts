/**
 * One Lighthouse run on one URL, through Lighthouse's Node API: mobile defaults (Lighthouse's
 * default config: Moto G-class emulation, simulated slow 4G and 4x CPU slowdown), in Debian's
 * Chromium launched by chrome-launcher with a fresh profile for every run.
 */
import { connect } from 'node:net';
import { launch, type LaunchedChrome } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { Result } from 'lighthouse';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/build/chromium.ts';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

export const METRICS = {
  FCP: 'first-contentful-paint',
  LCP: 'largest-contentful-paint',
  TBT: 'total-blocking-time',
  CLS: 'cumulative-layout-shift',
} as const;
export type Metric = keyof typeof METRICS;

export interface FailingAudit {
  id: string;
  category: Category;
  title: string;
  displayValue?: string;
  score: number;
}

export interface AuditRun {
  scores: Record<Category, number>;
  metrics: Record<Metric, number>;
  failing: FailingAudit[];
  /** Main-thread time by kind (Lighthouse's groups, simulated slowdown included), largest first. */
  mainThread: { group: string; ms: number }[];
  /** Long tasks' total time, and the part Lighthouse could not attribute to any URL. */
  longTasks: { ms: number; unattributableMs: number };
  /** Lighthouse's measure of the host CPU; it calls a host at or below 1000 slower than it expects. */
  benchmarkIndex: number;
  lhr: Result;
}

/** Audits that cost points: scored below 1 (informative and not-applicable ones have no score). */
interface TableDetails {
  items?: Record<string, unknown>[];
}

function tableItems(lhr: Result, id: string): Record<string, unknown>[] {
  return (lhr.audits[id]?.details as TableDetails | undefined)?.items ?? [];
}

/** Why a performance score is what it is: where main-thread time went, and whose it was. */
function mainThreadFacts(lhr: Result): Pick<AuditRun, 'mainThread' | 'longTasks'> {
  const mainThread = tableItems(lhr, 'mainthread-work-breakdown').map((item) => ({
    group: String(item['groupLabel']),
    ms: Number(item['duration']),
  }));
  const tasks = tableItems(lhr, 'long-tasks');
  const sum = (items: Record<string, unknown>[]) => items.reduce((total, item) => total + Number(item['duration']), 0);
  return { mainThread, longTasks: { ms: sum(tasks), unattributableMs: sum(tasks.filter((item) => item['url'] === 'Unattributable')) } };
}

function failingAudits(lhr: Result): FailingAudit[] {
  return CATEGORIES.flatMap((category) =>
    (lhr.categories[category]?.auditRefs ?? []).flatMap((ref) => {
      const audit = lhr.audits[ref.id];
      if (!audit || audit.score === null || audit.score >= 1) return [];
      if (audit.scoreDisplayMode === 'informative' || audit.scoreDisplayMode === 'notApplicable' || audit.scoreDisplayMode === 'manual')
        return [];
      return [
        {
          id: ref.id,
          category,
          title: audit.title,
          score: audit.score,
          ...(audit.displayValue ? { displayValue: audit.displayValue } : {}),
        },
      ];
    }),
  );
}

/** Resolves once nothing listens on the port any more. */
async function portClosed(port: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (!open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`port ${port} still in use ${timeoutMs} ms after Chromium was killed`);
}

/**
 * chrome-launcher's kill() sends SIGKILL and returns at once. Given a fixed port, launch() reuses
 * whatever answers there, so the next run could attach to this dying browser: wait it out.
 */
async function stopChrome(chrome: LaunchedChrome): Promise<void> {
  const exited = chrome.process.exitCode !== null ? Promise.resolve() : new Promise((resolve) => chrome.process.once('exit', resolve));
  chrome.kill();
  await exited;
  await portClosed(chrome.port);
}

/**
 * Trace-recording failures Lighthouse itself answers with "Please run Lighthouse again": they say
 * nothing about the page (seen here once in a few hundred runs, NO_NAVSTART), so the run is
 * repeated in a fresh browser. Any other runtime error fails at once.
 */
const TRANSIENT_ERRORS = new Set(['NO_NAVSTART', 'NO_TRACING_STARTED']);
const ATTEMPTS = 3;

class TransientLighthouseError extends Error {}

export async function runLighthouse(url: string, extraHeaders: Record<string, string>, debuggingPort: number): Promise<AuditRun> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(url, extraHeaders, debuggingPort);
    } catch (error) {
      if (!(error instanceof TransientLighthouseError) || attempt >= ATTEMPTS) throw error;
    }
  }
}

async function runOnce(url: string, extraHeaders: Record<string, string>, debuggingPort: number): Promise<AuditRun> {
  const chrome = await launch({
    chromePath: chromiumPath(),
    // The same flags as every other browser in this project (root, no outside network).
    chromeFlags: CHROMIUM_ARGS,
    port: debuggingPort,
    logLevel: 'silent',
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
      extraHeaders,
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const lhr = result.lhr;
    if (lhr.runtimeError) {
      const message = `Lighthouse could not audit ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`;
      throw TRANSIENT_ERRORS.has(lhr.runtimeError.code) ? new TransientLighthouseError(message) : new Error(message);
    }
    // A 403 or 503 page would be audited happily; make sure the page itself was served.
    if (lhr.audits['http-status-code']?.score !== 1) throw new Error(`${url} did not answer 2xx (is the Access token accepted?)`);
    const score = (category: Category) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
    const metric = (metric: Metric) => lhr.audits[METRICS[metric]]?.numericValue ?? NaN;
    return {
      scores: {
        performance: score('performance'),
        accessibility: score('accessibility'),
        'best-practices': score('best-practices'),
        seo: score('seo'),
      },
      metrics: { FCP: metric('FCP'), LCP: metric('LCP'), TBT: metric('TBT'), CLS: metric('CLS') },
      failing: failingAudits(lhr),
      ...mainThreadFacts(lhr),
      benchmarkIndex: lhr.environment.benchmarkIndex,
      lhr,
    };
  } finally {
    await stopChrome(chrome);
  }
}
