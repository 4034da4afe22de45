/**
 * `npm run provision` against the two API fakes: plan writes nothing, apply creates every object
 * with the right links between them, a second plan keeps everything and a second apply sends no
 * writing request; no secret reaches stdout, stderr or wrangler.jsonc, whose comments stay.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WRANGLER_CONFIG } from '../../scripts/lib/wrangler-config.ts';
import { FAKE_AUTH_DOMAIN } from '../fakes/cloudflare-api.ts';
import { FAKE_TENANT_ID, GRAPH_APP_ID, GRAPH_SCOPES } from '../fakes/graph-api.ts';
import {
  changesOf,
  DOMAIN,
  leaks,
  pending,
  secretsOf,
  startHarness,
  writeCount,
  type Harness,
  type Run,
} from '../support/provision-run.ts';

const GROUPS_CLAIM = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups';
const SLUGS = ['oidc', 'saml', 'scim-a', 'scim-b'];
const KINDS = {
  entra: [
    'group',
    'app-registration',
    'client-secret',
    'service-principal',
    'admin-consent',
    'scim-application',
    'scim-job',
    'saml-application',
  ],
  cloudflare: ['identity-provider', 'access-policy', 'access-application'],
  local: ['wrangler-config'],
};

const commentsOf = (text: string) => text.split('\n').filter((line) => line.trim().startsWith('//'));

describe('provision: plan, apply, plan again, apply again', () => {
  let h: Harness;
  const runs: Run[] = [];
  let firstPlan: Run;
  let firstJson: Run;
  let apply: Run;
  let writesAfterApply: number;

  beforeAll(async () => {
    h = await startHarness();
    const original = h.wrangler();
    firstPlan = await h.run(['plan']);
    firstJson = await h.run(['plan', '--json']);
    runs.push(firstPlan, firstJson);
    expect(h.cloudflare.writes()).toEqual([]);
    expect(h.graph.writes()).toEqual([]);
    expect(h.wrangler()).toBe(original);
    apply = await h.run(['apply', '--yes']);
    runs.push(apply);
    writesAfterApply = writeCount(h);
  });
  afterAll(() => h.close());

  it('plan reads both sides, writes nothing, and leaves wrangler.jsonc as it was', () => {
    expect(firstPlan.code).toBe(0);
    expect(firstJson.code).toBe(0);
    // Both fakes were read (lists walked), but neither got a writing request before apply.
    const firstApplyWrite = (requests: typeof h.graph.requests) => requests.findIndex((request) => request.method !== 'GET');
    expect(firstApplyWrite(h.graph.requests)).toBeGreaterThan(0);
    expect(h.graph.requests.slice(0, firstApplyWrite(h.graph.requests)).some((request) => request.path === '/groups')).toBe(true);
    expect(firstPlan.stdout).toMatch(/\+ create\s+entra\s+group\s+CF-Demo-Group-A/);
    expect(firstPlan.stdout).toMatch(/\+ create\s+cloudflare\s+access-application\s+Barbican demo: scim-b \(subdomain\)/);
  });

  it('plan --json prints exactly one object on stdout, the contract’s four fields per change', () => {
    expect(Object.keys(JSON.parse(firstJson.stdout) as object)).toEqual(['changes']);
    for (const change of changesOf(firstJson)) {
      expect(Object.keys(change).sort()).toEqual(['action', 'kind', 'name', 'provider']);
      expect(['create', 'update', 'keep', 'manual']).toContain(change.action);
      expect(KINDS[change.provider as keyof typeof KINDS]).toContain(change.kind);
    }
    const kinds = new Set(changesOf(firstJson).map((change) => change.kind));
    for (const kind of Object.values(KINDS).flat()) expect(kinds).toContain(kind);
    // Messages go to stderr only.
    expect(firstJson.stderr).toMatch(/Reading Cloudflare account/);
    expect(firstJson.stdout).not.toMatch(/Reading/);
  });

  it('apply creates the groups, the sign-in app with its secret, principal and consent', () => {
    expect(apply.code).toBe(0);
    const { state } = h.graph;
    for (const name of ['CF-Demo-Group-A', 'CF-Demo-Group-B']) {
      const group = state.groups.filter((item) => item['displayName'] === name);
      expect(group).toHaveLength(1);
      expect(group[0]?.['securityEnabled']).toBe(true);
      expect(String(group[0]?.['description'])).toContain('npm run provision');
    }
    const signIn = state.applications.find((app) => app['displayName'] === 'Barbican demo: Entra ID sign-in');
    expect(signIn?.['web']).toEqual({ redirectUris: [`https://${FAKE_AUTH_DOMAIN}/cdn-cgi/access/callback`] });
    expect(signIn?.['groupMembershipClaims']).toBe('SecurityGroup');
    const wanted = ['email', 'offline_access', 'openid', 'profile', 'User.Read', 'Directory.Read.All', 'GroupMember.Read.All'];
    expect(signIn?.['requiredResourceAccess']).toEqual([
      { resourceAppId: GRAPH_APP_ID, resourceAccess: wanted.map((value) => ({ id: GRAPH_SCOPES[value], type: 'Scope' })) },
    ]);
    const sp = state.servicePrincipals.find((item) => item['appId'] === signIn?.['appId']);
    const graphSp = state.servicePrincipals.find((item) => item['appId'] === GRAPH_APP_ID);
    expect(state.grants).toEqual([
      expect.objectContaining({ clientId: sp?.id, resourceId: graphSp?.id, consentType: 'AllPrincipals', scope: wanted.join(' ') }),
    ]);
  });

  it("the secret Graph issued is the Azure AD provider's client secret, with Support groups and SCIM on", () => {
    const signIn = h.graph.state.applications.find((app) => app['displayName'] === 'Barbican demo: Entra ID sign-in');
    const passwords = signIn?.['passwordCredentials'] as { keyId: string }[];
    expect(passwords).toHaveLength(1);
    const issued = h.graph.state.issuedPasswords.get(passwords[0]?.keyId ?? '');
    const azure = h.cloudflare.state.idps.filter((idp) => idp.type === 'azureAD');
    expect(azure).toHaveLength(1);
    expect(h.cloudflare.state.clientSecrets.get(azure[0]?.id ?? '')).toBe(issued);
    expect(azure[0]?.config).toMatchObject({ client_id: signIn?.['appId'], directory_id: FAKE_TENANT_ID, support_groups: true });
    expect(azure[0]?.scim_config?.enabled).toBe(true);
  });

  it("Cloudflare's SCIM endpoint and one-time secret are the provisioning job's secrets; both groups assigned; job started", () => {
    const { state } = h.graph;
    const scimApp = state.applications.find((app) => app['displayName'] === 'Barbican demo: SCIM provisioning');
    const scimSp = state.servicePrincipals.find((sp) => sp['appId'] === scimApp?.['appId']);
    const azure = h.cloudflare.state.idps.find((idp) => idp.type === 'azureAD');
    const secrets = state.syncSecrets.get(scimSp?.id ?? '');
    expect(secrets?.get('BaseAddress')).toBe(`https://${FAKE_AUTH_DOMAIN}/populations/${azure?.id}/scim/v2`);
    expect(secrets?.get('SecretToken')).toBe(h.cloudflare.state.scimSecrets.get(azure?.id ?? ''));
    expect(state.jobs.get(scimSp?.id ?? '')).toEqual([expect.objectContaining({ templateId: 'scim', status: { code: 'Active' } })]);
    const groupIds = state.groups.map((group) => group.id).sort();
    expect(
      state.assignments
        .filter((item) => item['resourceId'] === scimSp?.id)
        .map((item) => item['principalId'])
        .sort(),
    ).toEqual(groupIds);
  });

  it('the SAML application and provider: single sign-on by SAML, the signing certificate, the groups claim', () => {
    const { state } = h.graph;
    const callback = `https://${FAKE_AUTH_DOMAIN}/cdn-cgi/access/callback`;
    const samlApp = state.applications.find((app) => app['displayName'] === 'Barbican demo: SAML sign-in');
    expect(samlApp).toMatchObject({
      identifierUris: [callback],
      web: { redirectUris: [callback] },
      groupMembershipClaims: 'SecurityGroup',
    });
    const samlSp = state.servicePrincipals.find((sp) => sp['appId'] === samlApp?.['appId']);
    expect(samlSp).toMatchObject({ preferredSingleSignOnMode: 'saml', appRoleAssignmentRequired: false });
    const verify = (samlSp?.['keyCredentials'] as { usage: string; key: string; customKeyIdentifier: string }[]).find(
      (key) => key.usage === 'Verify',
    );
    expect(samlSp?.['preferredTokenSigningKeyThumbprint']).toBe(verify?.customKeyIdentifier);
    const saml = h.cloudflare.state.idps.filter((idp) => idp.type === 'saml');
    expect(saml).toHaveLength(1);
    const config = saml[0]?.config as Record<string, unknown>;
    expect(config['issuer_url']).toBe(`https://sts.windows.net/${FAKE_TENANT_ID}/`);
    expect(config['sso_target_url']).toBe(`https://login.microsoftonline.com/${FAKE_TENANT_ID}/saml2`);
    expect(config['attributes']).toEqual([GROUPS_CLAIM]);
    const [pem] = config['idp_public_certs'] as string[];
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----$/);
    expect(pem?.replace(/-----[A-Z ]+-----|\s/g, '')).toBe(verify?.key);
  });

  it('each policy names the right group id and provider id', () => {
    const groupId = (name: string) => h.graph.state.groups.find((group) => group['displayName'] === name)?.id;
    const idpId = (type: string) => h.cloudflare.state.idps.find((idp) => idp.type === type)?.id;
    const include = (slug: string) => h.cloudflare.state.policies.find((policy) => policy.name === `Barbican demo: ${slug}`)?.include;
    expect(include('oidc')).toEqual([{ everyone: {} }]);
    expect(include('scim-a')).toEqual([{ azureAD: { id: groupId('CF-Demo-Group-A'), identity_provider_id: idpId('azureAD') } }]);
    expect(include('scim-b')).toEqual([{ azureAD: { id: groupId('CF-Demo-Group-B'), identity_provider_id: idpId('azureAD') } }]);
    expect(include('saml')).toEqual([
      { saml: { attribute_name: GROUPS_CLAIM, attribute_value: groupId('CF-Demo-Group-A'), identity_provider_id: idpId('saml') } },
    ]);
    for (const policy of h.cloudflare.state.policies) expect(policy).toMatchObject({ decision: 'allow', require: [], exclude: [] });
  });

  it("two applications per demo allow only the demo's provider, with Instant Auth and the demo's policy", () => {
    const { state } = h.cloudflare;
    expect(state.apps).toHaveLength(SLUGS.length * 2);
    for (const slug of SLUGS) {
      const idp = state.idps.find((item) => item.type === (slug === 'saml' ? 'saml' : 'azureAD'));
      const policy = state.policies.find((item) => item.name === `Barbican demo: ${slug}`);
      const domains = state.apps.filter((app) => app.name?.startsWith(`Barbican demo: ${slug} (`)).map((app) => app.domain);
      expect(domains.sort()).toEqual([`${DOMAIN}/${slug}`, `${slug}.${DOMAIN}`].sort());
      for (const app of state.apps.filter((item) => item.name?.startsWith(`Barbican demo: ${slug} (`))) {
        expect(app).toMatchObject({
          type: 'self_hosted',
          allowed_idps: [idp?.id],
          auto_redirect_to_identity: true,
          tags: ['barbican-demo'],
        });
        expect(app.policyIds).toEqual([policy?.id]);
      }
    }
    expect(state.tags).toEqual(['barbican-demo']);
  });

  it("wrangler.jsonc gets the team domain, every demo's two AUD tags and the routes, and keeps its comments", () => {
    const text = h.wrangler();
    expect(commentsOf(text)).toEqual(commentsOf(readFileSync(WRANGLER_CONFIG, 'utf8')));
    const { state } = h.cloudflare;
    const audOf = (domain: string) => state.apps.find((app) => app.domain === domain)?.aud;
    expect(text).toContain(`"ACCESS_TEAM_DOMAIN": "https://${FAKE_AUTH_DOMAIN}"`);
    for (const slug of SLUGS) {
      const pathAud = audOf(`${DOMAIN}/${slug}`);
      const subdomainAud = audOf(`${slug}.${DOMAIN}`);
      expect(pathAud).toMatch(/^[0-9a-f]{64}$/);
      expect(text).toMatch(new RegExp(`"${slug}": \\[\\s*"${pathAud}",\\s*"${subdomainAud}",?\\s*\\]`));
      expect(text).toContain(`{ "pattern": "${slug}.${DOMAIN}", "custom_domain": true }`);
    }
    expect(text).toContain(`{ "pattern": "${DOMAIN}", "custom_domain": true }`);
    expect(text).not.toContain('barbicancloud.co.uk');
  });

  it('after apply, plan lists only keep and manual, and a second apply sends no writing request', async () => {
    const again = await h.run(['plan', '--json']);
    runs.push(again);
    const actions = new Set(changesOf(again).map((change) => change.action));
    expect([...actions].sort()).toEqual(['keep', 'manual']);
    const second = await h.run(['apply']);
    runs.push(second);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/Nothing to change/);
    expect(writeCount(h)).toBe(writesAfterApply);
  });

  it('apply reports when the client secret and the SAML certificate expire, as Entra stored them', () => {
    const { state } = h.graph;
    const signIn = state.applications.find((app) => app['displayName'] === 'Barbican demo: Entra ID sign-in');
    const [secret] = signIn?.['passwordCredentials'] as { endDateTime: string }[];
    const samlApp = state.applications.find((app) => app['displayName'] === 'Barbican demo: SAML sign-in');
    const samlSp = state.servicePrincipals.find((sp) => sp['appId'] === samlApp?.['appId']);
    const verify = (samlSp?.['keyCredentials'] as { usage: string; endDateTime: string }[]).find((key) => key.usage === 'Verify');
    expect(secret?.endDateTime).toBeDefined();
    expect(verify?.endDateTime).toBeDefined();
    expect(apply.stderr).toContain(`client secret of Barbican demo: Entra ID sign-in expires on ${secret?.endDateTime.slice(0, 10)}:`);
    expect(apply.stderr).toContain(`SAML signing certificate expires on ${verify?.endDateTime.slice(0, 10)}:`);
  });

  it('no secret appears in stdout, stderr or wrangler.jsonc', () => {
    expect(secretsOf(h).length).toBeGreaterThanOrEqual(5);
    expect(leaks(h, runs)).toEqual([]);
  });
});

describe('provision: renewal', () => {
  it('a client secret in its last month is replaced: a new one for Cloudflare, the old one removed', async () => {
    const h = await startHarness();
    try {
      expect((await h.run(['apply', '--yes'])).code).toBe(0);
      const signIn = () => h.graph.state.applications.find((app) => app['displayName'] === 'Barbican demo: Entra ID sign-in');
      const [old] = signIn()?.['passwordCredentials'] as { keyId: string; endDateTime: string }[];
      const scimSecret = [...h.cloudflare.state.scimSecrets.values()];
      // Twenty days before the secret's end date.
      const later = new Date(Date.parse(old?.endDateTime ?? '') - 20 * 86_400_000);
      const plan = await h.run(['plan', '--json'], { now: later });
      expect(
        pending(plan)
          .map((change) => `${change.action} ${change.kind}`)
          .sort(),
      ).toEqual(['update client-secret', 'update identity-provider']);
      expect((await h.run(['apply', '--yes'], { now: later })).code).toBe(0);
      const [renewed] = signIn()?.['passwordCredentials'] as { keyId: string }[];
      expect(signIn()?.['passwordCredentials']).toHaveLength(1);
      expect(renewed?.keyId).not.toBe(old?.keyId);
      const azure = h.cloudflare.state.idps.find((idp) => idp.type === 'azureAD');
      expect(h.cloudflare.state.clientSecrets.get(azure?.id ?? '')).toBe(h.graph.state.issuedPasswords.get(renewed?.keyId ?? ''));
      // The SCIM secret is untouched and still the job's.
      expect([...h.cloudflare.state.scimSecrets.values()]).toEqual(scimSecret);
      const again = await h.run(['plan', '--json'], { now: later });
      expect(pending(again)).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('a renewal whose provider update is refused: the next plan hands a secret to Cloudflare again, and one secret is left', async () => {
    const h = await startHarness();
    try {
      expect((await h.run(['apply', '--yes'])).code).toBe(0);
      const signIn = () => h.graph.state.applications.find((app) => app['displayName'] === 'Barbican demo: Entra ID sign-in');
      const credentials = () => signIn()?.['passwordCredentials'] as { keyId: string; endDateTime: string }[];
      const [old] = credentials();
      const later = new Date(Date.parse(old?.endDateTime ?? '') - 20 * 86_400_000);
      h.cloudflare.fail({ method: 'PUT', path: /\/access\/identity_providers\/[^/]+$/, status: 403, times: 1 });
      const failed = await h.run(['apply', '--yes'], { now: later });
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/Cloudflare refused to update the identity provider Barbican demo: Entra ID \(403/);
      // Entra holds the new secret and the old one; Cloudflare still the old one.
      expect(credentials()).toHaveLength(2);
      const azure = () => h.cloudflare.state.idps.find((idp) => idp.type === 'azureAD');
      expect(h.cloudflare.state.clientSecrets.get(azure()?.id ?? '')).toBe(h.graph.state.issuedPasswords.get(old?.keyId ?? ''));

      const plan = await h.run(['plan', '--json'], { now: later });
      expect(
        pending(plan)
          .map((change) => `${change.action} ${change.kind}`)
          .sort(),
      ).toEqual(['update client-secret', 'update identity-provider']);
      expect((await h.run(['apply', '--yes'], { now: later })).code).toBe(0);
      const [kept, ...others] = credentials();
      expect(others).toEqual([]);
      expect(h.cloudflare.state.clientSecrets.get(azure()?.id ?? '')).toBe(h.graph.state.issuedPasswords.get(kept?.keyId ?? ''));
      expect(pending(await h.run(['plan', '--json'], { now: later }))).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
