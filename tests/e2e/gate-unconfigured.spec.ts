/**
 * The gate fails closed: with its configuration missing or malformed, a demo page answers 503
 * and says so, and serves nothing restricted. Each case is its own server of the project's
 * deploy target (the Worker, or the Pages output).
 */
import { expect, test } from '@playwright/test';
import { extraPort } from '../support/e2e-env.ts';
import { ACCESS_HEADER } from '../../scripts/lib/local-site/gated-site.ts';
import { startSiteProcess, type SiteProcess } from '../../scripts/lib/local-site/site-process.ts';
import { tokenFor } from './helpers.ts';
import { currentTarget } from './targets.ts';

// The log names the problem. For Pages it also shows that `wrangler pages dev` ran with only the
// given bindings: the suite runs after a Workers build, whose redirect in .wrangler/deploy/ would
// otherwise bring in wrangler.jsonc's placeholder vars (README, "Workers or Pages?").
const cases: [string, Record<string, unknown>, number, string][] = [
  ['missing', {}, 0, 'ACCESS_TEAM_DOMAIN is missing'],
  // The placeholders committed in wrangler.jsonc: malformed on purpose (JSON text as --var would send it).
  [
    'malformed',
    { ACCESS_TEAM_DOMAIN: 'https://<your-team>.cloudflareaccess.com', ACCESS_AUDIENCES: '{"scim-a": ["<AUD tag>"' },
    1,
    'ACCESS_AUDIENCES is not valid JSON',
  ],
];

for (const [name, vars, index, problem] of cases) {
  test.describe(`configuration ${name}`, () => {
    let site: SiteProcess | undefined;
    test.beforeAll(async () => {
      test.setTimeout(120_000); // starting workerd takes a while on a busy two-core machine
      const target = currentTarget();
      // Workers take extra ports 0-1, Pages 2-3.
      const port = extraPort(index + (target === 'pages' ? 2 : 0));
      site = await startSiteProcess({ target, name: `unconfigured-${port}`, port, vars });
    });
    test.afterAll(async () => {
      await site?.stop();
    });

    test('a demo page answers 503, logs what is missing, and serves nothing restricted', async ({ request }) => {
      const base = site?.baseUrl ?? '';
      const response = await request.get(`${base}/scim-a/`, { headers: { [ACCESS_HEADER]: await tokenFor('scim-a') } });
      expect(response.status()).toBe(503);
      const body = await response.text();
      expect(body).toContain('This demo is closed for now');
      expect(body).not.toContain('id="entra-configuration"');
      expect(body).not.toContain('<access-identity');
      await expect.poll(() => site?.logs()).toContain('[gate] scim-a: refusing (503), configuration problems: ');
      expect(site?.logs()).toContain(problem);
      // Public pages are unaffected.
      expect((await request.get(`${base}/`)).status()).toBe(200);
    });
  });
}
