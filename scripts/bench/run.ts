/**
 * `npm run bench`: build times (cold and warm), bytes per page, and the identity card's render
 * time. Prints a Markdown report and writes reports/bench.md.
 * Side effect: the cold builds delete dist/, .astro/ and node_modules/.vite (all regenerated);
 * the last build is an ordinary warm one, so dist/ is left as `npm run build` leaves it.
 *
 * Knobs (environment): BENCH_COLD_RUNS (default 3), BENCH_WARM_RUNS (3), BENCH_CARD_RUNS (21),
 * BENCH_ARRIVAL_RUNS (9),
 * BENCH_SKIP_BUILD=1 to measure the existing build only. Ports 9780-9789.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtures } from '../../src/dev/personas/index.ts';
import { manyGroups } from '../../src/dev/personas/many-groups.ts';
import { ACCESS_HEADER, startGatedSite } from '../lib/local-site/gated-site.ts';
import { currentLoad, describeMachine } from '../lib/machine.ts';
import { PROJECT_ROOT, discoverPages } from '../lib/local-site/site-pages.ts';
import { coldBuild, warmBuild, type BuildRun } from './build-times.ts';
import { measureCardRender } from './card-render.ts';
import { measureTimeToIdentity } from './time-to-identity.ts';
import { measurePage, type PageBytes } from './page-bytes.ts';
import { benchReport, type BenchResults } from './report.ts';

const PORTS = { sitePort: 9780, certsPort: 9781, inspectorPort: 9782 };
const count = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const log = (message: string) => console.error(`[bench] ${message}`);

const machine = describeMachine();

const builds: BuildRun[] = [];
if (process.env['BENCH_SKIP_BUILD'] !== '1') {
  // Cold first, warm last: the site measured below is then an ordinary (warm) build.
  for (let i = 1; i <= count('BENCH_COLD_RUNS', 3); i++) {
    builds.push(await coldBuild());
    log(
      `cold build ${i}: ${builds.at(-1)?.seconds.toFixed(1)} s wall, ${builds.at(-1)?.cpuSeconds.toFixed(1)} s CPU, ${builds.at(-1)?.rendered} diagram(s) rendered`,
    );
  }
  for (let i = 1; i <= count('BENCH_WARM_RUNS', 3); i++) {
    builds.push(await warmBuild());
    log(`warm build ${i}: ${builds.at(-1)?.seconds.toFixed(1)} s wall, ${builds.at(-1)?.cpuSeconds.toFixed(1)} s CPU`);
  }
}

const pages = discoverPages();
log(`pages: ${pages.map((page) => page.path).join(' ')}`);

const site = await startGatedSite({ name: 'bench', ...PORTS });
let results: BenchResults;
try {
  const measured: PageBytes[] = [];
  for (const page of pages) {
    const headers = page.demoSlug ? { [ACCESS_HEADER]: await site.tokenFor(page.demoSlug) } : {};
    measured.push(await measurePage(site.baseUrl, page.path, headers));
    log(`bytes: ${page.path}`);
  }

  const demo = pages.find((page) => page.demoSlug);
  let card: BenchResults['card'];
  if (demo?.demoSlug) {
    const identities = [
      { label: 'typical (fixture “member”)', body: fixtures.member.body },
      { label: '5,000 groups (persona many-groups)', body: manyGroups(5000).body },
    ];
    log(`card render on ${demo.path}`);
    card = {
      page: demo.path,
      timings: await measureCardRender(
        new URL(demo.path, site.baseUrl).href,
        await site.tokenFor(demo.demoSlug),
        identities,
        count('BENCH_CARD_RUNS', 21),
      ),
      arrival: await measureTimeToIdentity(
        new URL(demo.path, site.baseUrl).href,
        await site.tokenFor(demo.demoSlug),
        fixtures.member.body,
        {
          runs: count('BENCH_ARRIVAL_RUNS', 9),
        },
      ),
    };
  }
  results = { machine, loadAtEnd: currentLoad(), builds, pages: measured, ...(card ? { card } : {}) };
} finally {
  await site.stop();
}

const report = benchReport(results);
mkdirSync(join(PROJECT_ROOT, 'reports'), { recursive: true });
writeFileSync(join(PROJECT_ROOT, 'reports', 'bench.md'), report);
console.log(report);
log('wrote reports/bench.md');
