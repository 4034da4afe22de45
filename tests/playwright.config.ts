import { defineConfig, devices } from '@playwright/test';
import { BASE_URL } from './support/e2e-env.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../src/diagrams/render-settings.ts';

const root = new URL('..', import.meta.url).pathname;

export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-results/playwright',
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  reporter: process.env['CI'] ? [['list']] : [['list']],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: BASE_URL,
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'site', testIgnore: /lighthouse\.spec\.ts$/ },
    // Lighthouse last and alone: each run launches its own Chromium, and sharing the two cores
    // with the other tests' browsers adds nothing but noise to what it measures.
    { name: 'lighthouse', testMatch: /lighthouse\.spec\.ts$/, dependencies: ['site'] },
  ],
  webServer: {
    command: 'node tests/support/serve-e2e.ts',
    cwd: root,
    url: `${BASE_URL}/`,
    reuseExistingServer: false,
    timeout: 90_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
