import { defineConfig, devices } from '@playwright/test';
import { BASE_URL, PAGES_URL } from './support/e2e-env.ts';
import type { TargetOptions } from './e2e/targets.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../src/build/chromium.ts';

const root = new URL('..', import.meta.url).pathname;

/** What runs against the Pages build too: the gate, the card and search (and a demo page's quality, below). */
const BOTH_TARGETS = /\/(gate[\w-]*|identity-card|search-smoke)\.spec\.ts$/;

export default defineConfig<TargetOptions>({
  testDir: './e2e',
  outputDir: '../test-results/playwright',
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  reporter: process.env['CI'] ? [['list']] : [['list']],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: BASE_URL,
    target: 'workers',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'site', testIgnore: [/lighthouse\.spec\.ts$/, /pages-build\.spec\.ts$/] },
    // The Pages output under `wrangler pages dev`: the same specs, so the two builds cannot drift.
    { name: 'pages', testMatch: [BOTH_TARGETS, /pages-build\.spec\.ts$/], use: { baseURL: PAGES_URL, target: 'pages' } },
    // One demo page of the Pages build through the page checks: budgets, axe, 320 px, links.
    {
      name: 'pages-demo-page',
      testMatch: /\/(budgets|site-quality)\.spec\.ts$/,
      grep: /\/scim-a\//,
      use: { baseURL: PAGES_URL, target: 'pages' },
    },
    // Lighthouse last and alone: each run launches its own Chromium, and sharing the two cores
    // with the other tests' browsers adds nothing but noise to what it measures.
    { name: 'lighthouse', testMatch: /lighthouse\.spec\.ts$/, dependencies: ['site', 'pages', 'pages-demo-page'] },
  ],
  webServer: {
    command: 'node tests/support/serve-e2e.ts',
    cwd: root,
    // The Pages site starts second: once it answers, both do.
    url: `${PAGES_URL}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    // SIGTERM, not the default SIGKILL: serve-e2e.ts then stops what it started, including the
    // Pages server's own process group (npm → wrangler → workerd).
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
