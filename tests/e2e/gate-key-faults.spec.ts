/**
 * The gate fails closed, on each deploy target, in the two ways the site's side can be at fault:
 * - its configuration is missing: every demo page answers 503 and the log says what is missing;
 * - the Access signing keys cannot be obtained (remote mode: no ACCESS_JWKS, keys from a certs
 *   endpoint on this machine whose behaviour the test switches): 503, never 403 (the visitor's
 *   token is fine) and never 200, with a log line naming the cause; concurrent requests share one
 *   fetch of the keys, a failure is remembered for FAILURE_MEMORY_MS (a failing endpoint is asked
 *   about once a second, not once a request), and the gate recovers by itself once the endpoint
 *   is back.
 * The other ways the configuration can be wrong and the endpoint can fail are case lists in
 * tests/unit/gate-config.test.ts and tests/unit/access-keys.test.ts. Each part starts one server of
 * the project's target with the configuration it needs; its steps are serial, on one endpoint.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { FAILURE_MEMORY_MS } from '../../src/gate/access-keys.ts';
import { AUDIENCES } from '../support/e2e-env.ts';
import { startCertsServer, type CertsServer } from '../../scripts/lib/local-site/certs-server.ts';
import { ACCESS_HEADER } from '../../scripts/lib/local-site/gated-site.ts';
import { startSiteProcess, type SiteProcess } from '../../scripts/lib/local-site/site-process.ts';
import { expectNoRestrictedContent, keys, RESTRICTED_MARK, tokenFor } from './helpers.ts';
import { currentTarget } from './targets.ts';

test.describe.configure({ mode: 'serial' });

/** Starting workerd takes a while on a busy two-core machine. */
const SERVER_START_MS = 120_000;
const CONCURRENT = 20;
/**
 * How soon after the endpoint is back the gate must let visitors in: the rest of the remembered
 * failure (at most FAILURE_MEMORY_MS), then one fetch; the second's slack is for the bursts of
 * requests themselves on a busy machine.
 */
const RECOVERY_MS = 2 * FAILURE_MEMORY_MS;

interface Answer {
  status: number;
  body: string;
}

async function openDemo(request: APIRequestContext, site: SiteProcess, token: string): Promise<Answer> {
  const response = await request.get(`${site.baseUrl}/scim-a/`, { headers: { [ACCESS_HEADER]: token }, timeout: 30_000 });
  return { status: response.status(), body: await response.text() };
}

/** `count` requests at once, each with a fresh token of the team (as that many visitors). */
async function openDemoAtOnce(request: APIRequestContext, site: SiteProcess, issuer: string, count = CONCURRENT): Promise<Answer[]> {
  const tokens = await Promise.all(
    Array.from({ length: count }, (_, i) => tokenFor('scim-a', { issuer, email: `visitor${i}@barbicancloud.co.uk` })),
  );
  return Promise.all(tokens.map((token) => openDemo(request, site, token)));
}

const statuses = (answers: Answer[]) => answers.map((answer) => answer.status);

test.describe('configuration missing', () => {
  let site: SiteProcess | undefined;
  test.beforeAll(async () => {
    test.setTimeout(SERVER_START_MS);
    site = await startSiteProcess({ target: currentTarget(), name: 'unconfigured', vars: {} });
  });
  test.afterAll(async () => {
    await site?.stop();
  });

  // For Pages this also shows that `wrangler pages dev` ran with only the given bindings: the suite
  // runs after a Workers build, whose redirect in .wrangler/deploy/ would otherwise bring in
  // wrangler.jsonc's placeholder vars, and the log would name malformed values, not missing ones
  // (README, "Workers or Pages?").
  test('a demo page answers 503, the log says what is missing, nothing restricted is served, public pages are unaffected', async ({
    request,
  }) => {
    const base = site?.baseUrl ?? '';
    const response = await request.get(`${base}/scim-a/`, { headers: { [ACCESS_HEADER]: await tokenFor('scim-a') } });
    expect(response.status()).toBe(503);
    const body = await response.text();
    expect(body).toContain('This demo is closed for now');
    expectNoRestrictedContent(body);
    await expect.poll(() => site?.logs()).toContain('[gate] scim-a: refusing (503), configuration problems: ACCESS_TEAM_DOMAIN is missing');
    expect(site?.logs()).toContain('ACCESS_AUDIENCES is missing');
    expect((await request.get(`${base}/`)).status()).toBe(200);
  });
});

test.describe('signing keys unavailable', () => {
  let certs: CertsServer;
  let site: SiteProcess;

  test.beforeAll(async () => {
    test.setTimeout(SERVER_START_MS);
    certs = await startCertsServer(keys().publicJwk);
    // Failing from the start: the first requests of the gate's life meet a broken endpoint.
    certs.behave('server-error');
    site = await startSiteProcess({
      target: currentTarget(),
      name: 'key-faults',
      vars: { ACCESS_TEAM_DOMAIN: certs.teamDomain, ACCESS_AUDIENCES: AUDIENCES },
    });
  });
  test.afterAll(async () => {
    await site?.stop();
    await certs?.stop();
  });

  test(`${CONCURRENT} first requests at once while the endpoint fails: all 503 with the cause logged, nothing restricted, the endpoint asked once or twice`, async ({
    request,
  }) => {
    expect(certs.hits()).toBe(0);
    const answers = await openDemoAtOnce(request, site, certs.teamDomain);
    expect(statuses(answers)).toEqual(Array<number>(CONCURRENT).fill(503));
    for (const { body } of answers) {
      expect(body).toContain('This demo is closed for now');
      expectNoRestrictedContent(body);
    }
    await expect
      .poll(() => site.logs())
      .toContain('[gate] scim-a: refusing (503), the Access signing keys could not be loaded: the certs endpoint answered 500');
    // One shared fetch; a second only if the requests were spread over more than FAILURE_MEMORY_MS.
    expect(certs.hits()).toBeGreaterThanOrEqual(1);
    expect(certs.hits()).toBeLessThanOrEqual(2);
  });

  test(`the endpoint is back: visitors are let in within ${RECOVERY_MS / 1000} s, each burst of ${CONCURRENT} sharing at most one fetch`, async ({
    request,
  }) => {
    certs.behave('ok');
    const back = Date.now();
    // Bursts until one is let in whole (a poll: each burst is the wait). A burst may still meet
    // the remembered failure (503 without a fetch) or straddle its end; either way it asks the
    // endpoint at most once, where requests that each fetched would ask it up to 20 times.
    const fetchesPerBurst: number[] = [];
    let recovered = false;
    while (!recovered && Date.now() - back < RECOVERY_MS) {
      const before = certs.hits();
      const answers = await openDemoAtOnce(request, site, certs.teamDomain);
      fetchesPerBurst.push(certs.hits() - before);
      for (const { status, body } of answers) if (status === 200) expect(body).toContain(RESTRICTED_MARK);
      expect(statuses(answers).every((status) => status === 200 || status === 503)).toBe(true);
      recovered = statuses(answers).every((status) => status === 200);
    }
    const recoveredMs = Date.now() - back;
    test.info().annotations.push({ type: 'recovery', description: `${recoveredMs} ms; fetches per burst: ${fetchesPerBurst.join(', ')}` });
    expect(recovered, `not let in within ${RECOVERY_MS} ms of the endpoint coming back`).toBe(true);
    expect(Math.max(...fetchesPerBurst), `fetches per burst: ${fetchesPerBurst.join(', ')}`).toBeLessThanOrEqual(1);
    expect(fetchesPerBurst.reduce((sum, n) => sum + n, 0)).toBe(1);
  });

  test(`from then on the keys are kept: ${CONCURRENT} more visitors at once, no further fetch`, async ({ request }) => {
    const hits = certs.hits();
    expect(statuses(await openDemoAtOnce(request, site, certs.teamDomain))).toEqual(Array<number>(CONCURRENT).fill(200));
    expect(certs.hits()).toBe(hits);
  });
});
