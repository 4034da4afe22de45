/**
 * The audit's arithmetic: medians per page, every run's performance score shown, the threshold
 * check, and the report table (scripts/audit/summary.ts). Lighthouse results are stood in for by
 * the few fields the summary reads.
 */
import type { Result } from 'lighthouse';
import { describe, expect, it } from 'vitest';
import type { AuditRun } from '../../scripts/audit/lighthouse-once.ts';
import { auditReport, shortfalls, summarise } from '../../scripts/audit/summary.ts';

function run(performance: number, tbt: number, failing: AuditRun['failing'] = []): AuditRun {
  return {
    scores: { performance, accessibility: 100, 'best-practices': 100, seo: 100 },
    metrics: { FCP: 800, LCP: 900, TBT: tbt, CLS: 0 },
    failing,
    mainThread: [{ group: 'Other', ms: 500 }],
    longTasks: { ms: 300, unattributableMs: 200 },
    benchmarkIndex: 1400,
    lhr: {} as Result,
  };
}

const machine = {
  cpu: 'test CPU',
  cores: 2,
  memoryGb: 24,
  node: 'v24',
  chromium: 'Chromium 156',
  date: '2026-11-28T00:00:00Z',
  loadAverage: '1.0',
};

describe('audit summary', () => {
  const tbtAudit = {
    id: 'total-blocking-time',
    category: 'performance' as const,
    title: 'Total Blocking Time',
    score: 0.8,
    displayValue: '300 ms',
  };
  const page = summarise({ path: '/', runs: [run(100, 20), run(88, 300, [tbtAudit]), run(97, 120, [tbtAudit])] });

  it('takes medians, keeps each run’s performance score, and counts failing audits across runs', () => {
    expect(page.scores.performance).toBe(97);
    expect(page.metrics.TBT).toBe(120);
    expect(page.performanceRuns).toEqual([100, 88, 97]);
    expect(page.medianRun.scores.performance).toBe(97);
    expect(page.failing).toEqual([expect.objectContaining({ id: 'total-blocking-time', runs: 2 })]);
  });

  it('names every median below the threshold', () => {
    expect(shortfalls([page], 90)).toEqual([]);
    expect(shortfalls([page], 98)).toEqual([{ path: '/', category: 'performance', score: 97 }]);
  });

  it('reports the medians and the spread of the runs in one table row per page', () => {
    const report = auditReport({ machine, loadAtEnd: '1.0', lighthouseVersion: '13.5.0', minScore: 90, pages: [page] });
    expect(report).toMatch(/\| `\/` \| 3 \| 97 \| 100, 88, 97 \| 100 \| 100 \| 100 \| 800 ms \| 900 ms \| 120 ms \| 0\.000 \| 1400 \|/);
    expect(report).toContain('Every median meets it.');
    expect(report).toContain('`total-blocking-time`: Total Blocking Time, in 2 of 3 runs');
  });
});
