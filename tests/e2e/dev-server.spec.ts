/**
 * `npm run dev` as an author sees it: every kind of page loads with no console error (the site's
 * CSP applies in dev too, so an inline script the dev server adds would show up here), a demo
 * page opens through the dev stand-in for the gate, and the identity card fills from the mock.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { freePort } from '../../scripts/lib/local-site/free-port.ts';
import { waitForServer } from '../../scripts/lib/local-site/wrangler-process.ts';
import { PROJECT_ROOT } from '../../scripts/lib/local-site/site-pages.ts';

test.describe.configure({ mode: 'serial' });

let dev: ChildProcess | undefined;
let baseUrl = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  dev = spawn('npm', ['run', 'dev', '--', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: PROJECT_ROOT,
    stdio: 'ignore',
    detached: true,
  });
  await waitForServer(`${baseUrl}/`, 90_000);
});

test.afterAll(() => {
  // The whole process group: npm, astro and its workerd.
  if (dev?.pid) process.kill(-dev.pid, 'SIGTERM');
});

// One page of each layout: the home page, a guide, a demo page, the inspector.
for (const path of ['/', '/guides/troubleshooting/', '/scim-a/', '/inspect/']) {
  test(`dev: ${path} loads with no console error`, async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(`${baseUrl}${path}`);
    expect(response?.status()).toBe(200);
    await page.waitForLoadState('networkidle');
    if (path === '/scim-a/') await expect(page.locator('access-identity')).toHaveAttribute('data-state', 'ready');
    expect(errors).toEqual([]);
  });
}
