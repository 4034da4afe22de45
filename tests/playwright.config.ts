import { defineConfig, devices } from '@playwright/test';
import { baseUrlOf } from './support/e2e-env.ts';
import type { TargetOptions } from './e2e/targets.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../src/build/chromium.ts';

/** What runs against the Pages build too: the gate, the card and search (and a demo page's quality, below). */
const BOTH_TARGETS = /\/(gate[\w-]*|identity-card|search-smoke)\.spec\.ts$/;

// The sites are started by the global setup on ports the OS picks, and their URLs reach this file
// through process.env: the config is read again in each worker process, after the setup ran
// (in the main process, before it, the URLs are still undefined and nothing uses them).
export default defineConfig<TargetOptions>({
  testDir: './e2e',
  outputDir: '../test-results/playwright',
  globalSetup: './support/global-setup.ts',
  fullyParallel: true,
  // Two, one per core: a third was measured no faster on this project's machines (end to end
  // alone on a built clone: 195 and 194 s with two workers, 214 and 191 s with three).
  workers: 2,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: baseUrlOf('workers'),
    target: 'workers',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'site', testIgnore: [/pages-build\.spec\.ts$/] },
    // The Pages output under `wrangler pages dev`: the same specs, so the two builds cannot drift.
    { name: 'pages', testMatch: [BOTH_TARGETS, /pages-build\.spec\.ts$/], use: { baseURL: baseUrlOf('pages'), target: 'pages' } },
    // One demo page of the Pages build through the page checks: budgets, axe, 320 px, links.
    {
      name: 'pages-demo-page',
      testMatch: /\/(budgets|site-quality)\.spec\.ts$/,
      grep: /\/scim-a\//,
      use: { baseURL: baseUrlOf('pages'), target: 'pages' },
    },
  ],
});
