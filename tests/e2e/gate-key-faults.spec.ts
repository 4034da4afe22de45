/**
 * The gate when the Access signing keys cannot be obtained (remote mode: no ACCESS_JWKS, keys
 * from a certs endpoint on this machine whose behaviour the test switches). Every way the
 * endpoint can fail answers 503 with a log line naming the cause, never 403 (the visitor's token
 * is fine) and never 200; and the gate recovers by itself once the endpoint is back, because a
 * failed answer is never cached. Serial: one endpoint, switched step by step.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { AUDIENCES, extraPort } from '../support/e2e-env.ts';
import { startCertsServer, type CertsBehaviour, type CertsServer } from '../../scripts/lib/local-site/certs-server.ts';
import { ACCESS_HEADER } from '../../scripts/lib/local-site/gated-site.ts';
import { startSiteProcess, type SiteProcess } from '../../scripts/lib/local-site/site-process.ts';
import { keys, tokenFor } from './helpers.ts';
import { currentTarget } from './targets.ts';

test.describe.configure({ mode: 'serial' });

let certs: CertsServer;
let site: SiteProcess;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // Workers take extra ports 4-5, Pages 6-7.
  const offset = currentTarget() === 'pages' ? 6 : 4;
  certs = await startCertsServer(extraPort(offset), keys().publicJwk);
  certs.behave('server-error');
  site = await startSiteProcess({
    target: currentTarget(),
    name: `key-faults-${extraPort(offset + 1)}`,
    port: extraPort(offset + 1),
    vars: { ACCESS_TEAM_DOMAIN: certs.teamDomain, ACCESS_AUDIENCES: AUDIENCES },
  });
});

test.afterAll(async () => {
  await site?.stop();
  await certs?.stop();
});

async function openDemo(request: APIRequestContext) {
  // This spec's own team: its certs server, not the shared one tokenFor() defaults to.
  const token = await tokenFor('scim-a', { issuer: certs.teamDomain });
  const response = await request.get(`${site.baseUrl}/scim-a/`, { headers: { [ACCESS_HEADER]: token }, timeout: 30_000 });
  return { status: response.status(), body: await response.text() };
}

const faults: [CertsBehaviour, string][] = [
  ['server-error', 'the certs endpoint answered 500'],
  ['bad-json', 'the certs endpoint answered with unreadable JSON'],
  ['no-keys', 'the certs endpoint answered with no keys'],
  ['hang', 'the certs endpoint did not answer within 5000 ms'],
];

for (const [behaviour, cause] of faults) {
  test(`certs endpoint ${behaviour}: 503 for a valid token, a log line naming the cause, nothing restricted`, async ({ request }) => {
    certs.behave(behaviour);
    const hitsBefore = certs.hits();
    const { status, body } = await openDemo(request);
    expect(status).toBe(503);
    expect(body).toContain('This demo is closed for now');
    expect(body).not.toContain('Entra Configuration');
    expect(body).not.toContain('<access-identity');
    await expect.poll(() => site.logs()).toContain(`[gate] scim-a: refusing (503), the Access signing keys could not be loaded: ${cause}`);
    // Nothing failed was kept: the next request asks the endpoint again.
    await openDemo(request);
    expect(certs.hits()).toBeGreaterThanOrEqual(hitsBefore + 2);
  });
}

test('the endpoint is back: the next request is let in, without waiting out any cooldown', async ({ request }) => {
  certs.behave('ok');
  const { status, body } = await openDemo(request);
  expect(status).toBe(200);
  expect(body).toContain('Entra Configuration');
  // And from then on the keys are cached: no further fetch for more visitors.
  const hits = certs.hits();
  for (let i = 0; i < 3; i++) expect((await openDemo(request)).status).toBe(200);
  expect(certs.hits()).toBe(hits);
});
