/**
 * The gate fails closed: with its configuration missing or malformed, a demo page answers 503
 * and says so, and serves nothing restricted. Each case is its own wrangler dev instance.
 */
import type { ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { ACCESS_HEADER } from '../support/gated-site.ts';
import { writeLocalWranglerConfig } from '../support/local-wrangler-config.ts';
import { spawnWranglerDev, waitForServer } from '../support/wrangler-process.ts';
import { extraPort } from '../support/e2e-env.ts';
import { tokenFor } from './helpers.ts';

const cases: [string, Record<string, unknown>, number][] = [
  ['missing', {}, extraPort(0)],
  // The placeholders committed in wrangler.jsonc: malformed on purpose (JSON text as --var would send it).
  ['malformed', { ACCESS_TEAM_DOMAIN: 'https://<your-team>.cloudflareaccess.com', ACCESS_AUDIENCES: '{"scim-a": ["<AUD tag>"' }, extraPort(1)],
];


for (const [name, vars, port] of cases) {
  test.describe(`configuration ${name}`, () => {
    let server: ChildProcess | undefined;
    let logs = '';
    test.beforeAll(async () => {
      test.setTimeout(120_000); // starting workerd takes a while on a busy two-core machine
      const config = writeLocalWranglerConfig(vars, { replaceVars: true, target: `dist/server/wrangler.unconfigured-${port}.json` });
      server = spawnWranglerDev(config, port);
      server.stdout?.on('data', (chunk) => (logs += String(chunk)));
      server.stderr?.on('data', (chunk) => (logs += String(chunk)));
      await waitForServer(`http://127.0.0.1:${port}/`, 110_000).catch((error: Error) => {
        throw new Error(`${error.message}\n${logs}`);
      });
    });
    test.afterAll(() => {
      server?.kill('SIGTERM');
    });

    test('a demo page answers 503, logs what is missing, and serves nothing restricted', async ({ request }) => {
      const response = await request.get(`http://127.0.0.1:${port}/scim-a/`, { headers: { [ACCESS_HEADER]: await tokenFor('scim-a') } });
      expect(response.status()).toBe(503);
      const body = await response.text();
      expect(body).toContain('This demo is closed for now');
      expect(body).not.toContain('id="entra-configuration"');
      expect(body).not.toContain('<access-identity');
      await expect.poll(() => logs).toContain('[gate] scim-a: refusing (503)');
      // Public pages are unaffected.
      expect((await request.get(`http://127.0.0.1:${port}/`)).status()).toBe(200);
    });
  });
}
