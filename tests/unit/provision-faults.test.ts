/**
 * Bad input and faults: a permission missing halfway gives the message that names it, and a
 * re-run completes; a SCIM secret lost between Cloudflare and Entra is noticed and replaced (or,
 * with no API for it, becomes a manual step); a refused admin consent becomes a manual step;
 * missing variables, a bad domain, no Zero Trust organisation, a bad token and an unconfirmed
 * apply stop with a message and write nothing. Never a stack trace, never a secret.
 */
import { execFile } from 'node:child_process';
import Cloudflare from 'cloudflare';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GraphClient } from '../../scripts/provision/graph-client.ts';
import { PROJECT_ROOT } from '../../src/build/site-manifest.ts';
import { FAKE_ACCOUNT_ID, FAKE_CLOUDFLARE_TOKEN, seedHandMadePolicy, startFakeCloudflare } from '../fakes/cloudflare-api.ts';
import { FAKE_GRAPH_TOKEN, GRAPH_APP_ID, startFakeGraph } from '../fakes/graph-api.ts';
import {
  changesOf,
  DOMAIN,
  type ChangeJson,
  leaks,
  pending,
  registryWithGroupC,
  startHarness as startFakes,
  writeCount,
  type Harness,
  type Run,
} from '../support/provision-run.ts';

let h: Harness;
const open: Harness[] = [];
const startHarness = async (...args: Parameters<typeof startFakes>) => {
  const harness = await startFakes(...args);
  open.push(harness);
  return harness;
};
afterEach(async () => {
  for (const harness of open.splice(0)) await harness.close();
});

const STACK = /^\s+at .+:\d+:\d+\)?$/m;
const scimSp = (h: Harness) => {
  const app = h.graph.state.applications.find((item) => item['displayName'] === 'Barbican demo: SCIM provisioning');
  return h.graph.state.servicePrincipals.find((sp) => sp['appId'] === app?.['appId']);
};
const azureIdp = (h: Harness) => h.cloudflare.state.idps.find((idp) => idp.type === 'azureAD');

describe('provision: a permission missing halfway', () => {
  it('Cloudflare refuses the policies: the message names the permission, and a re-run completes', async () => {
    h = await startHarness();
    const original = h.wrangler();
    h.cloudflare.fail({ method: 'POST', path: /\/access\/policies$/, status: 403 });
    const failed = await h.run(['apply', '--yes']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/Cloudflare refused to create the Access policy Barbican demo: oidc \(403/);
    expect(failed.stderr).toMatch(/needs the permission "Access: Apps and Policies Write" on account/);
    expect(failed.stderr).not.toMatch(STACK);
    expect(h.wrangler()).toBe(original);
    expect(h.cloudflare.state.idps).toHaveLength(2);

    h.cloudflare.clearFailures();
    const rerun = await h.run(['apply', '--yes']);
    expect(rerun.code).toBe(0);
    expect(h.cloudflare.state.idps).toHaveLength(2);
    expect(h.cloudflare.state.policies).toHaveLength(4);
    expect(h.cloudflare.state.apps).toHaveLength(8);
    expect(h.graph.state.groups).toHaveLength(2);
    expect(pending(await h.run(['plan', '--json']))).toEqual([]);
    expect(leaks(h, [failed, rerun])).toEqual([]);
  });

  it('Cloudflare refuses the applications after the policies were made: those policies are removed again, and a re-run completes without --adopt', async () => {
    h = await startHarness();
    h.cloudflare.fail({ method: 'POST', path: /\/access\/apps$/, status: 403 });
    const failed = await h.run(['apply', '--yes']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/Cloudflare refused to create the Access application Barbican demo: oidc \(path\) \(403/);
    expect(h.cloudflare.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/access/policies'))).toHaveLength(
      4,
    );
    // Used by no application, they would look hand-made to the next run.
    expect(h.cloudflare.state.policies).toEqual([]);

    h.cloudflare.clearFailures();
    const rerun = await h.run(['apply', '--yes']);
    expect(rerun.code).toBe(0);
    expect(h.cloudflare.state.policies).toHaveLength(4);
    expect(h.cloudflare.state.apps).toHaveLength(8);
    expect(pending(await h.run(['plan', '--json']))).toEqual([]);
  });

  it('destroy stops after the applications went and before their policies did: destroy again removes them, and apply again needs no --adopt', async () => {
    h = await startHarness();
    expect((await h.run(['apply', '--yes'])).code).toBe(0);
    h.cloudflare.fail({ method: 'DELETE', path: /\/access\/policies\/[^/]+$/, status: 403 });
    const failed = await h.run(['destroy', '--yes']);
    expect(failed.code).toBe(1);
    expect(h.cloudflare.state.apps).toEqual([]);
    expect(h.cloudflare.state.policies).toHaveLength(4);

    h.cloudflare.clearFailures();
    const plan = changesOf(await h.run(['plan', '--json']));
    expect(plan.filter((change) => change.kind === 'access-policy').map((change) => change.action)).toEqual([
      'keep',
      'keep',
      'keep',
      'keep',
    ]);
    const again = await h.run(['destroy', '--yes']);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/access-policy.*\n\s+not made by this tool/);
    expect(h.cloudflare.state.policies).toEqual([]);
    expect(h.cloudflare.state.idps).toEqual([]);

    expect((await h.run(['apply', '--yes'])).code).toBe(0);
    expect(h.cloudflare.state.policies).toHaveLength(4);
  });

  it("a policy with a demo's name and the tool's exact rules, next to the tool's own that an application uses, stays someone else's", async () => {
    h = await startHarness();
    expect((await h.run(['apply', '--yes'])).code).toBe(0);
    const copy = seedHandMadePolicy(h.cloudflare, 'Barbican demo: oidc');
    const destroy = await h.run(['destroy', '--yes']);
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toMatch(/! manual\s+cloudflare\s+access-policy\s+Barbican demo: oidc\n\s+not made by this tool/);
    expect(h.cloudflare.state.policies.map((policy) => policy.id)).toEqual([copy.id]);
  });

  it('Graph refuses to store the SCIM secret: the next plan says so, and where Cloudflare answers a refresh (best effort), apply gets a new secret', async () => {
    h = await startHarness();
    h.cloudflare.refreshSupported = true;
    h.graph.fail({ method: 'PUT', path: /\/synchronization\/secrets$/, status: 403 });
    const failed = await h.run(['apply', '--yes']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/Microsoft Graph refused PUT \/servicePrincipals\/[\w-]+\/synchronization\/secrets \(403/);
    expect(failed.stderr).toMatch(/Synchronization\.ReadWrite\.All/);
    const firstSecret = h.cloudflare.state.scimSecrets.get(azureIdp(h)?.id ?? '');
    expect(firstSecret).toBeDefined();

    h.graph.clearFailures();
    const plan = await h.run(['plan']);
    expect(plan.stdout).toMatch(
      /~ update\s+entra\s+scim-job\s+Barbican demo: SCIM provisioning: Tenant URL and Secret Token\n\s+the SCIM secret Cloudflare showed once was never stored in Entra/,
    );
    const rerun = await h.run(['apply', '--yes']);
    expect(rerun.code).toBe(0);
    expect(h.cloudflare.requests.filter((request) => request.path.endsWith('/refresh_scim_secret'))).toHaveLength(1);
    const current = h.cloudflare.state.scimSecrets.get(azureIdp(h)?.id ?? '');
    expect(current).not.toBe(firstSecret);
    expect(h.graph.state.syncSecrets.get(scimSp(h)?.id ?? '')?.get('SecretToken')).toBe(current);
    expect(h.graph.state.jobs.get(scimSp(h)?.id ?? '')?.[0]?.['status']).toEqual({ code: 'Active' });
    expect(pending(await h.run(['plan', '--json']))).toEqual([]);
    expect(leaks(h, [failed, plan, rerun])).toEqual([]);
  });

  it('the SCIM secret lost, and no API to issue a new one (the refresh route unknown): "Regenerate Secret" is a manual step from then on; --adopt records hand-set credentials', async () => {
    h = await startHarness();
    h.graph.fail({ method: 'PUT', path: /\/synchronization\/secrets$/, status: 403, times: 1 });
    expect((await h.run(['apply', '--yes'])).code).toBe(1);
    const rerun = await h.run(['apply', '--yes', '--json']);
    expect(rerun.code).toBe(0);
    // The tool asked, Cloudflare answered as for a route it does not have, and nothing was guessed.
    expect(h.cloudflare.requests.filter((request) => request.path.endsWith('/refresh_scim_secret'))).toHaveLength(1);
    expect(h.graph.state.syncSecrets.get(scimSp(h)?.id ?? '')?.get('SecretToken')).toBeUndefined();
    expect(rerun.stderr).toMatch(/! manual entra scim-job: Barbican demo: SCIM provisioning: Tenant URL and Secret Token/);
    expect(rerun.stderr).toMatch(/Regenerate Secret/);
    expect(rerun.stderr).not.toMatch(/✓ update entra scim-job: Barbican demo: SCIM provisioning: start provisioning/);
    const scimJob = (run: Run) =>
      changesOf(run).filter((change) => /: (Tenant URL and Secret Token|start provisioning)$/.test(change.name));
    expect(scimJob(rerun).map((change) => change.action)).toEqual(['manual', 'manual']);
    expect(h.graph.state.jobs.get(scimSp(h)?.id ?? '')?.[0]?.['status']).toEqual({ code: 'NotConfigured' });

    // From then on the plan lists both as manual, and apply sends nothing (and asks Cloudflare no more).
    const plan = await h.run(['plan', '--json']);
    expect(scimJob(plan).map((change) => change.action)).toEqual(['manual', 'manual']);
    expect(pending(plan)).toEqual([]);
    const writes = writeCount(h);
    expect((await h.run(['apply', '--yes'])).code).toBe(0);
    expect(writeCount(h)).toBe(writes);

    // The reader does it by hand, as the manual step says.
    const secret = h.cloudflare.state.scimSecrets.get(azureIdp(h)?.id ?? '') ?? '';
    h.graph.state.syncSecrets.set(
      scimSp(h)?.id ?? '',
      new Map([
        ['BaseAddress', `${azureIdp(h)?.scim_config?.scim_base_url}`],
        ['SecretToken', secret],
      ]),
    );
    const adopted = await h.run(['apply', '--yes', '--adopt']);
    expect(adopted.code).toBe(0);
    expect(h.graph.state.jobs.get(scimSp(h)?.id ?? '')?.[0]?.['status']).toEqual({ code: 'Active' });
    const after = await h.run(['plan', '--json']);
    expect(pending(after)).toEqual([]);
    expect(scimJob(after).map((change) => change.action)).toEqual(['keep', 'keep']);
  });

  it('a refused admin consent becomes a manual step, the rest completes, and later runs do not ask again', async () => {
    h = await startHarness();
    h.graph.fail({ method: 'POST', path: /^\/oauth2PermissionGrants$/, status: 403 });
    const run = await h.run(['apply', '--yes', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Grant admin consent for your tenant/);
    expect(run.stderr).toMatch(/Cloud Application Administrator/);
    const consent = (changes: ChangeJson[]) => changes.filter((change) => change.kind === 'admin-consent');
    expect(consent(changesOf(run))).toEqual([
      { action: 'manual', provider: 'entra', kind: 'admin-consent', name: expect.stringContaining('Barbican demo: Entra ID sign-in') },
    ]);
    expect(h.cloudflare.state.apps).toHaveLength(8);
    expect(h.graph.state.grants).toEqual([]);
    const grantRequests = () =>
      h.graph.requests.filter((request) => request.path.startsWith('/oauth2PermissionGrants') && request.method !== 'GET');
    expect(grantRequests()).toHaveLength(1);

    // Later plans list it as manual, and a second apply sends no write at all (no second grant attempt).
    const plan = await h.run(['plan', '--json']);
    expect(consent(changesOf(plan)).map((change) => change.action)).toEqual(['manual']);
    expect(pending(plan)).toEqual([]);
    const writes = writeCount(h);
    const again = await h.run(['apply', '--yes']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/Nothing to change/);
    expect(writeCount(h)).toBe(writes);
    expect(grantRequests()).toHaveLength(1);

    // Granted by hand in the portal: kept from then on.
    const signIn = h.graph.state.applications.find((app) => app['displayName'] === 'Barbican demo: Entra ID sign-in');
    const sp = h.graph.state.servicePrincipals.find((item) => item['appId'] === signIn?.['appId']);
    const graphSp = h.graph.state.servicePrincipals.find((item) => item['appId'] === GRAPH_APP_ID);
    h.graph.state.grants.push({
      id: 'hand-granted',
      clientId: sp?.id,
      consentType: 'AllPrincipals',
      resourceId: graphSp?.id,
      scope: 'email offline_access openid profile User.Read Directory.Read.All GroupMember.Read.All',
    });
    expect(consent(changesOf(await h.run(['plan', '--json']))).map((change) => change.action)).toEqual(['keep']);
  });

  it('a caller without a role that may grant admin consent: plan lists it as manual, and apply never tries', async () => {
    h = await startHarness({ graph: { callerRoles: ['Groups Administrator'] } });
    const plan = await h.run(['plan']);
    expect(plan.stdout).toMatch(/! manual\s+entra\s+admin-consent\s+Barbican demo: Entra ID sign-in: Microsoft Graph/);
    expect(plan.stdout).toMatch(/You cannot grant admin consent: your sign-in has none of the roles Cloud Application Administrator/);
    const run = await h.run(['apply', '--yes']);
    expect(run.code).toBe(0);
    expect(h.graph.requests.filter((request) => request.path === '/oauth2PermissionGrants' && request.method === 'POST')).toEqual([]);
    expect(h.cloudflare.state.apps).toHaveLength(8);
  });
});

describe('provision: the SDK asked to log everything', () => {
  it('CLOUDFLARE_LOG=debug: no secret reaches stdout, stderr or the console', async () => {
    h = await startHarness();
    const captured: string[] = [];
    const keep = (...args: unknown[]) => {
      captured.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
      return true;
    };
    const spies = [
      ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => vi.spyOn(console, method).mockImplementation(keep)),
      vi.spyOn(process.stdout, 'write').mockImplementation(keep),
      vi.spyOn(process.stderr, 'write').mockImplementation(keep),
    ];
    const before = process.env['CLOUDFLARE_LOG'];
    process.env['CLOUDFLARE_LOG'] = 'debug';
    let run: Run;
    try {
      run = await h.run(['apply', '--yes'], { env: { CLOUDFLARE_LOG: 'debug' } });
    } finally {
      if (before === undefined) delete process.env['CLOUDFLARE_LOG'];
      else process.env['CLOUDFLARE_LOG'] = before;
      for (const spy of spies) spy.mockRestore();
    }
    expect(run.code).toBe(0);
    // The client secret went to Cloudflare and the SCIM secret came back: both were in bodies the SDK could log.
    expect(h.cloudflare.state.clientSecrets.size).toBe(1);
    expect(h.cloudflare.state.scimSecrets.size).toBe(1);
    expect(leaks(h, [run], captured.join('\n'))).toEqual([]);
  });
});

describe('provision: bad input', () => {
  it('missing variables: a message naming them, and no request', async () => {
    h = await startHarness();
    const run = await h.run(['plan'], { env: { CLOUDFLARE_ACCOUNT_ID: '', CLOUDFLARE_API_TOKEN: '' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID are not set/);
    expect(h.cloudflare.requests).toEqual([]);
    expect(h.graph.requests).toEqual([]);
  });

  it.each([
    ['https://example.com', /not a hostname: give the bare domain/],
    ['example', /not a hostname/],
    ['exa mple.com', /not a hostname/],
    ['-bad.example.com', /not a hostname/],
  ])('--domain %s is refused with the usage', async (domain, message) => {
    h = await startHarness();
    const run = await h.run(['plan', `--domain=${domain}`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/Usage:/);
    expect(h.cloudflare.requests).toEqual([]);
  });

  it('unknown commands and flags are refused with the usage', async () => {
    h = await startHarness();
    for (const args of [['deploy'], ['plan', '--force'], ['destroy', '--json'], []]) {
      const run = await h.run(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/Usage:/);
    }
  });

  it('an account without a Zero Trust organisation: the portal steps, nothing written', async () => {
    h = await startHarness({ cloudflare: { organization: false } });
    const run = await h.run(['apply', '--yes']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/has no Zero Trust organisation yet.*open Zero Trust, choose a team name/);
    expect(writeCount(h)).toBe(0);
  });

  it('a domain in no zone of the account: apply stops with the message before any write', async () => {
    h = await startHarness();
    const run = await h.run(['apply', '--yes', '--domain', 'demo.elsewhere.example']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /--domain demo\.elsewhere\.example is not on Cloudflare in account \w+: no zone demo\.elsewhere\.example or elsewhere\.example there/,
    );
    expect(run.stderr).not.toMatch(STACK);
    expect(h.cloudflare.requests.filter((request) => request.path === '/zones').map((request) => request.query.get('name'))).toEqual([
      'demo.elsewhere.example',
      'elsewhere.example',
    ]);
    expect(writeCount(h)).toBe(0);
  });

  it('a zone that is not active yet: apply stops with the message before any write', async () => {
    h = await startHarness({ cloudflare: { zones: [{ name: 'example.net', status: 'pending' }] } });
    const run = await h.run(['apply', '--yes']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is in the zone example\.net of account \w+, but the zone is pending, not active/);
    expect(writeCount(h)).toBe(0);
  });

  it('a Graph token that is not accepted: a 401 message that says how to get one', async () => {
    h = await startHarness();
    const run = await h.run(['plan'], { env: { MS_GRAPH_TOKEN: 'expired-token-value-123' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Microsoft Graph refused the token for GET \/organization \(401/);
    expect(run.stderr).not.toContain('expired-token-value-123');
    expect(run.stderr).not.toMatch(STACK);
  });

  it('a Cloudflare token that is not accepted: a 401 message', async () => {
    h = await startHarness();
    const run = await h.run(['plan'], { env: { CLOUDFLARE_API_TOKEN: 'not-the-right-token-456' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Cloudflare refused to read the Zero Trust organisation \(401/);
    expect(run.stderr).not.toContain('not-the-right-token-456');
  });
});

describe('provision: expected failures print one paragraph, never a stack', () => {
  /** What follows "error: " on stderr: the whole failure message, which must be one paragraph. */
  const errorOf = (run: Run) => {
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(STACK);
    expect(run.stderr).not.toMatch(/unexpected failure/);
    const message = run.stderr.slice(run.stderr.lastIndexOf('error: '));
    expect(message.trimEnd().split('\n')).toHaveLength(1);
    return message;
  };

  it.each([
    ['MS_GRAPH_BASE_URL', 'graph.microsoft.com/v1.0', /MS_GRAPH_BASE_URL "graph\.microsoft\.com\/v1\.0" is not an https URL/],
    ['MS_GRAPH_BASE_URL', 'http://graph.example.com/v1.0', /MS_GRAPH_BASE_URL "http:\/\/graph\.example\.com\/v1\.0" is not an https URL/],
    ['CLOUDFLARE_BASE_URL', 'not a url', /CLOUDFLARE_BASE_URL "not a url" is not an https URL/],
    [
      'AZURE_TENANT_ID',
      'contoso.onmicrosoft.com',
      /AZURE_TENANT_ID "contoso\.onmicrosoft\.com" is not a tenant id: set it to the tenant's GUID/,
    ],
  ])('a bad %s (%s): the message, and no request', async (name, value, message) => {
    h = await startHarness();
    expect(errorOf(await h.run(['plan'], { env: { [name]: value } }))).toMatch(message);
    expect(h.cloudflare.requests).toEqual([]);
    expect(h.graph.requests).toEqual([]);
  });

  it('Graph answers 200 with a page that is not JSON: the message names the call and the variable to check', async () => {
    h = await startHarness();
    h.graph.fail({ method: 'GET', path: /^\/organization$/, status: 200, html: '<html><body>Sign in to your proxy</body></html>' });
    expect(errorOf(await h.run(['plan']))).toMatch(
      /Microsoft Graph answered GET \/organization with something that is not JSON \(text\/html\).*MS_GRAPH_BASE_URL/,
    );
  });

  it('Graph answers a list with JSON that is not a collection: the message names the call and the variable to check', async () => {
    h = await startHarness();
    h.graph.fail({ method: 'GET', path: /^\/groups$/, status: 200, json: { hello: 1 } });
    expect(errorOf(await h.run(['plan']))).toMatch(
      /Microsoft Graph answered GET \/groups with JSON that is not a collection.*MS_GRAPH_BASE_URL/,
    );
  });

  it('Cloudflare answers 200 with a page that is not JSON: the message names the call and the variable to check', async () => {
    h = await startHarness();
    h.cloudflare.fail({
      method: 'GET',
      path: /\/access\/organizations$/,
      status: 200,
      html: '<html><body>Sign in to your proxy</body></html>',
    });
    expect(errorOf(await h.run(['plan']))).toMatch(
      /Cloudflare answered GET \/accounts\/[0-9a-f]+\/access\/organizations with something that is not JSON \(text\/html\).*CLOUDFLARE_BASE_URL/,
    );
  });

  it('Cloudflare answers the organisation with an empty result: the portal steps, nothing written', async () => {
    h = await startHarness();
    h.cloudflare.fail({
      method: 'GET',
      path: /\/access\/organizations$/,
      status: 200,
      json: { success: true, errors: [], messages: [], result: null },
    });
    expect(errorOf(await h.run(['apply', '--yes']))).toMatch(/has no Zero Trust organisation yet/);
    expect(writeCount(h)).toBe(0);
  });

  it('Cloudflare answers an application without its AUD tag: the message, and wrangler.jsonc untouched', async () => {
    h = await startHarness();
    const original = h.wrangler();
    h.cloudflare.answerWithoutAud = true;
    expect(errorOf(await h.run(['apply', '--yes']))).toMatch(/without its AUD tag/);
    expect(h.wrangler()).toBe(original);
  });
});

describe('provision: apply --json prints exactly one object in every outcome', () => {
  /** stdout is one JSON object (two, or none, would not parse) holding only the changes. */
  const oneObject = (run: Run) => {
    const parsed = JSON.parse(run.stdout) as object;
    expect(Object.keys(parsed)).toEqual(['changes']);
    return changesOf(run);
  };

  it('a conflict: the plan, with the conflict as manual', async () => {
    h = await startHarness();
    h.graph.state.groups.push({
      id: 'hand-made',
      displayName: 'CF-Demo-Group-A',
      description: null,
      securityEnabled: true,
      mailNickname: 'a',
    });
    const run = await h.run(['apply', '--yes', '--json']);
    expect(run.code).toBe(1);
    expect(oneObject(run)).toContainEqual({ action: 'manual', provider: 'entra', kind: 'group', name: 'CF-Demo-Group-A' });
  });

  it('no terminal to ask on and no --yes: the plan', async () => {
    h = await startHarness();
    const run = await h.run(['apply', '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/stdin is not a terminal/);
    expect(pending(run).length).toBeGreaterThan(0);
    expect(oneObject(run).length).toBeGreaterThan(0);
  });

  it('a failure halfway: the plan as apply left it', async () => {
    h = await startHarness();
    h.cloudflare.fail({ method: 'POST', path: /\/access\/policies$/, status: 403 });
    const run = await h.run(['apply', '--yes', '--json']);
    expect(run.code).toBe(1);
    expect(oneObject(run)).toContainEqual({ action: 'create', provider: 'cloudflare', kind: 'access-policy', name: 'Barbican demo: oidc' });
  });

  it('a failure before there is a plan: an object with no changes', async () => {
    h = await startHarness();
    const run = await h.run(['apply', '--yes', '--json'], { env: { CLOUDFLARE_ACCOUNT_ID: 'nope' } });
    expect(run.code).toBe(1);
    expect(oneObject(run)).toEqual([]);
  });

  it('nothing to change: the plan, once', async () => {
    h = await startHarness();
    expect((await h.run(['apply', '--yes'])).code).toBe(0);
    const run = await h.run(['apply', '--yes', '--json']);
    expect(run.code).toBe(0);
    expect(pending(run)).toEqual([]);
    expect(oneObject(run).length).toBeGreaterThan(0);
  });
});

describe('provision: apply asks first', () => {
  it('without --yes and without a terminal it refuses instead of waiting', async () => {
    h = await startHarness();
    const run = await h.run(['apply']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/stdin is not a terminal.*--yes/);
    expect(run.stderr).toMatch(/^error: apply would make \d+ changes in your tenant and account/m);
    expect(writeCount(h)).toBe(0);
  });

  it('at a terminal it asks, and writes only after a yes', async () => {
    h = await startHarness();
    const questions: string[] = [];
    const no = await h.run(['apply'], { interactive: true, confirm: (question) => (questions.push(question), Promise.resolve(false)) });
    expect(no.code).toBe(1);
    expect(questions[0]).toMatch(/Apply would make these \d+ changes\?/);
    expect(writeCount(h)).toBe(0);
    const yes = await h.run(['apply'], { interactive: true, confirm: () => Promise.resolve(true) });
    expect(yes.code).toBe(0);
    expect(h.cloudflare.state.apps).toHaveLength(8);
  });
});

describe('provision: the demo registry drives the plan', () => {
  it('a new demo file adds its group, policy and two applications', async () => {
    h = await startHarness();
    const root = registryWithGroupC();
    const names = changesOf(await h.run(['plan', '--json'], { root }))
      .filter((change) => change.action === 'create')
      .map((change) => `${change.kind} ${change.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'group CF-Demo-Group-C',
        'scim-application Barbican demo: SCIM provisioning → CF-Demo-Group-C',
        'access-policy Barbican demo: scim-c',
        'access-application Barbican demo: scim-c (path)',
        'access-application Barbican demo: scim-c (subdomain)',
      ]),
    );
  });

  it('a new demo ordered first: one apply writes wrangler.jsonc, and the next plan has nothing left to do', async () => {
    h = await startHarness();
    expect((await h.run(['apply', '--yes'])).code).toBe(0);
    const root = registryWithGroupC(1);
    expect((await h.run(['apply', '--yes'], { root })).code).toBe(0);
    expect(h.wrangler()).toMatch(/"scim-c": \[/);
    expect(pending(await h.run(['plan', '--json'], { root }))).toEqual([]);
  });
});

describe('provision: the command itself', () => {
  it('node scripts/provision.ts plan --json prints one JSON object; a usage error has no stack trace', async () => {
    h = await startHarness();
    // Asynchronously: the fakes answer from this very process.
    const cli = (args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = execFile(
          process.execPath,
          [join(PROJECT_ROOT, 'scripts', 'provision.ts'), ...args],
          { env: { PATH: process.env['PATH'], ...h.env }, encoding: 'utf8', timeout: 60_000 },
          (_error, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
        );
        child.stdin?.end();
      });
    const plan = await cli(['plan', '--json', '--domain', DOMAIN]);
    expect(plan.status).toBe(0);
    expect(Object.keys(JSON.parse(plan.stdout) as object)).toEqual(['changes']);
    const bad = await cli(['plan', '--domain', 'not a domain']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/is not a hostname/);
    expect(bad.stderr).not.toMatch(STACK);
    expect(h.cloudflare.writes()).toEqual([]);
  });
});

describe('the Graph client', () => {
  it('retries throttling and transient failures, then gives up with a message', async () => {
    const graph = await startFakeGraph();
    try {
      const delays: number[] = [];
      const client = new GraphClient({
        baseUrl: graph.url,
        token: () => Promise.resolve(FAKE_GRAPH_TOKEN),
        retryDelayMs: (attempt) => (delays.push(attempt), 0),
      });
      graph.fail({ method: 'GET', path: /^\/organization$/, status: 503, times: 2 });
      expect(await client.list('/organization')).toHaveLength(1);
      expect(delays).toEqual([1, 2]);
      graph.fail({ method: 'GET', path: /^\/organization$/, status: 429 });
      await expect(client.list('/organization')).rejects.toThrow(/failed GET \/organization \(429 .*after retries/);
    } finally {
      await graph.close();
    }
  });

  it('does not follow a next page to another host with the token', async () => {
    const client = new GraphClient({
      baseUrl: 'https://graph.example/v1.0',
      token: () => Promise.resolve('t'),
      fetch: () =>
        Promise.resolve(
          new Response(JSON.stringify({ value: [], '@odata.nextLink': 'https://elsewhere.example/v1.0/groups?$skiptoken=1' })),
        ),
    });
    await expect(client.list('/groups')).rejects.toThrow(/refusing to send the token there/);
  });
});

describe('the Cloudflare fake holds the tool to what the API requires', () => {
  it("refuses a provider without its type's config fields, and an application outside the account's zones", async () => {
    const fake = await startFakeCloudflare();
    try {
      const client = new Cloudflare({ apiToken: FAKE_CLOUDFLARE_TOKEN, baseURL: fake.url, maxRetries: 0, logLevel: 'off' });
      const account_id = FAKE_ACCOUNT_ID;
      await expect(
        client.zeroTrust.identityProviders.create({
          account_id,
          name: 'x',
          type: 'azureAD',
          config: { client_id: 'id', directory_id: 'tenant' },
        }),
      ).rejects.toThrow(/config\.client_secret is required for type azureAD/);
      await expect(
        client.zeroTrust.identityProviders.create({
          account_id,
          name: 'y',
          type: 'saml',
          config: { issuer_url: 'https://x/', sso_target_url: 'https://x/' },
        }),
      ).rejects.toThrow(/config\.idp_public_certs is required for type saml/);
      await expect(
        client.zeroTrust.access.applications.create({ account_id, name: 'z', type: 'self_hosted', domain: 'app.example.org/path' }),
      ).rejects.toThrow(/app\.example\.org is not in an active zone/);
      expect(fake.state.idps).toEqual([]);
      expect(fake.state.apps).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
