/** The benchmark's Markdown report: printed, and written to reports/bench.md to be committed. */
import { markdownTable } from '../lib/markdown-table.ts';
import { machineLines, type Machine } from '../lib/machine.ts';
import { median, percentile } from '../lib/stats.ts';
import type { BuildRun } from './build-times.ts';
import type { CardTiming } from './card-render.ts';
import type { PageBytes } from './page-bytes.ts';
import type { IdentityArrival } from './time-to-identity.ts';

export const FRAME_MS = 1000 / 60;

export interface BenchResults {
  machine: Machine;
  loadAtEnd: string;
  builds: BuildRun[];
  pages: PageBytes[];
  card?: { page: string; timings: CardTiming[]; arrival?: IdentityArrival };
}

const n = (value: number) => value.toLocaleString('en-GB');
const s = (value: number) => value.toFixed(1);
const ms = (value: number) => value.toFixed(1);

/** "3", or "2–3" if runs rendered different numbers (they should not). */
function diagramCount(rendered: number[]): string {
  const low = Math.min(...rendered);
  const high = Math.max(...rendered);
  return low === high ? String(low) : `${low}–${high}`;
}

function buildSection(builds: BuildRun[]): string[] {
  if (builds.length === 0) return ['## Build time', '', 'Skipped (BENCH_SKIP_BUILD).'];
  const cold = builds.filter((run) => run.kind === 'cold');
  const warm = builds.filter((run) => run.kind === 'warm');
  const wall = (runs: BuildRun[]) => median(runs.map((run) => run.seconds));
  const cpu = (runs: BuildRun[]) => median(runs.map((run) => run.cpuSeconds));
  const row = (label: string, runs: BuildRun[], conditions: string) =>
    runs.length
      ? [
          label,
          runs.length,
          s(wall(runs)),
          s(cpu(runs)),
          runs.map((run) => `${s(run.seconds)} / ${s(run.cpuSeconds)}`).join(', '),
          conditions,
        ]
      : [label, 0, '–', '–', '–', conditions];
  const rendered = cold.map((run) => run.rendered ?? 0);
  const lines = [
    '## Build time (`astro build`)',
    '',
    markdownTable(
      ['build', 'runs', 'wall, median (s)', 'CPU, median (s)', 'each run: wall / CPU (s)', 'conditions'],
      [
        row(
          'cold',
          cold,
          `empty diagram cache (DIAGRAM_CACHE_DIR = new temp folder), no .astro/ or node_modules/.vite${rendered.length ? `; ${diagramCount(rendered)} diagram(s) rendered in Chromium per run` : ''}`,
        ),
        row(
          'warm',
          warm,
          "committed diagram cache, the previous build's caches (.astro/) kept, CHROMIUM_PATH=/nonexistent (a cache miss would fail the build, so no browser ran)",
        ),
      ],
      ['l', 'r', 'r', 'r', 'l', 'l'],
    ),
  ];
  if (cold.length && warm.length) {
    const wallRatio = wall(warm) / wall(cold);
    const cpuRatio = cpu(warm) / cpu(cold);
    lines.push(
      '',
      `Warm/cold ratio of medians: **${wallRatio.toFixed(2)}** wall clock, **${cpuRatio.toFixed(2)}** CPU time.`,
      '',
      'Wall clock is what you wait; CPU time is user + sys of the build and every process it started (Chromium,',
      'workerd), which on a shared machine stays steady while wall clock swings with other work. Both builds set',
      'CLOUDFLARE_CF_FETCH_ENABLED=false (no attempt to download Request.cf data: this machine has no internet).',
    );
  }
  return lines;
}

function bytesSection(pages: PageBytes[]): string[] {
  return [
    '## Bytes per page (as served by `wrangler dev`; demo pages with a valid Access token)',
    '',
    markdownTable(
      ['page', 'HTML', 'HTML gzip', 'inline CSS', 'diagrams', 'diagram SVG', 'SVG gzip', 'JS files', 'JS', 'JS gzip'],
      pages.map((page) => [
        `\`${page.path}\``,
        n(page.htmlRaw),
        n(page.htmlGzip),
        n(page.inlineCss),
        page.diagrams,
        n(page.svgRaw),
        n(page.svgGzip),
        page.scripts.files,
        n(page.scripts.raw),
        n(page.scripts.gzip),
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    'Bytes. Inline CSS (the text of `<style>` elements outside SVG) and diagram SVG (each `<svg>` in a',
    '`figure.diagram`, light and dark variants, with their own styles) are parts of the HTML, not additions',
    'to it. JS: each `<script src>` plus the chunks it imports statically. Gzip: zlib default level, each',
    'figure compressed on its own (the SVG gzip is its share alone, not its cost inside the HTML).',
  ];
}

function cardSection(card: BenchResults['card']): string[] {
  if (!card) return ['## Identity card render', '', 'Skipped: no demo page found.'];
  const rows = card.timings.map((timing) => [
    timing.label,
    n(timing.groupRows),
    timing.painted.length,
    ms(median(timing.ready)),
    ms(Math.min(...timing.painted)),
    ms(median(timing.painted)),
    ms(percentile(timing.painted, 90)),
    ms(timing.firstPainted),
    `${(median(timing.painted) / FRAME_MS).toFixed(2)} frames`,
  ]);
  return [
    `## Identity card render (Debian Chromium, \`${card.page}\`)`,
    '',
    markdownTable(
      [
        'identity',
        'group rows',
        'runs',
        'to ready, median (ms)',
        'to painted, min (ms)',
        'to painted, median (ms)',
        'to painted, p90 (ms)',
        'first render (ms)',
        'median / 16.7 ms frame',
      ],
      rows,
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    'From the answer being available (`window.fetch` stubbed to resolve at once with the JSON) to the card',
    'in `data-state="ready"` (“to ready”), and to the next animation frame painted (“to painted”: a message',
    'posted from a requestAnimationFrame callback, which runs after that frame’s style, layout and paint).',
    '“To painted” includes waiting for the next vsync, so it cannot go below the time left in the current',
    'frame. “First render” is one extra run in a fresh page (cold code), not among the runs counted. The',
    'minimum is the run least disturbed by other work on the machine; median and p90 move with the load average.',
    ...arrivalSection(card.page, card.arrival),
  ];
}

function arrivalSection(page: string, arrival: IdentityArrival | undefined): string[] {
  if (!arrival) return [];
  const requests = [...new Set(arrival.identityRequests)].join(', ');
  return [
    '',
    `## From the HTML to the identity shown (Debian Chromium, \`${page}\`)`,
    '',
    markdownTable(
      ['latency per request (ms)', 'runs', 'median (ms)', 'min (ms)', 'max (ms)', 'get-identity requests per load'],
      [
        [
          arrival.latencyMs,
          arrival.runs.length,
          ms(median(arrival.runs)),
          ms(Math.min(...arrival.runs)),
          ms(Math.max(...arrival.runs)),
          requests,
        ],
      ],
      ['r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    'Every request waits the same latency (a visitor’s round trip), get-identity is answered with the member',
    'fixture; the time runs from the navigation’s `responseStart` to the card’s `data-state="ready"`',
    '(scripts/bench/time-to-identity.ts).',
  ];
}

export function benchReport(results: BenchResults): string {
  return [
    '# Benchmarks',
    '',
    'Generated by `npm run bench` (scripts/bench/run.ts). Medians of repeated runs. This machine is shared: the',
    'load average shows how busy it was, and timings on it are only comparable with each other.',
    '',
    ...machineLines(results.machine, results.loadAtEnd),
    '',
    ...buildSection(results.builds),
    '',
    ...bytesSection(results.pages),
    '',
    ...cardSection(results.card),
    '',
  ].join('\n');
}
