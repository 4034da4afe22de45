/**
 * The tool owns only what it made: objects someone else made are never written, same-named ones
 * without the marker are conflicts (manual) until adopted with --adopt, every list is walked to
 * its last page, and destroy removes only the tool's objects.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { WRANGLER_CONFIG } from '../../scripts/lib/wrangler-config.ts';
import { seedHandMadeApp, seedHandMadePolicy } from '../fakes/cloudflare-api.ts';
import { changesOf, pending, registryWithGroupC, startHarness, writeCount, type Harness } from '../support/provision-run.ts';

let h: Harness;
afterEach(() => h.close());

const touching = (h: Harness, ids: string[]) =>
  [...h.cloudflare.writes(), ...h.graph.writes()].filter((request) =>
    ids.some((id) => request.path.includes(id) || request.text.includes(id)),
  );

/** A reader's own objects, made by hand: a group, an app registration, an identity provider, an Access app and policy. */
function seedForeignObjects(h: Harness) {
  const group = {
    id: randomUUID(),
    displayName: 'Finance',
    description: 'hand-made',
    securityEnabled: true,
    mailEnabled: false,
    mailNickname: 'finance',
  };
  h.graph.state.groups.push(group);
  const app = {
    id: randomUUID(),
    appId: randomUUID(),
    displayName: 'Payroll',
    notes: null,
    web: { redirectUris: [] },
    passwordCredentials: [],
  };
  h.graph.state.applications.push(app);
  const idpId = randomUUID();
  h.cloudflare.state.idps.push({ id: idpId, name: 'Okta', type: 'okta', config: { client_id: 'okta-client' } } as never);
  // Twelve applications of the reader's: the tool's own land on the third page of five.
  const seeded = Array.from({ length: 12 }, (_, index) =>
    seedHandMadeApp(h.cloudflare, `Intranet ${index}`, `intranet-${index}.example.org`),
  );
  return { group, app, idpId, seeded, ids: [group.id, app.id, app.appId, idpId, ...seeded.flatMap((item) => [item.appId, item.policyId])] };
}

describe('provision: ownership', () => {
  it("leaves the reader's own objects untouched, and finds its own on later pages", async () => {
    h = await startHarness();
    const foreign = seedForeignObjects(h);
    const before = JSON.stringify({ apps: h.cloudflare.state.apps, policies: h.cloudflare.state.policies, idps: h.cloudflare.state.idps });
    expect((await h.run(['apply', '--yes'])).code).toBe(0);
    expect(touching(h, foreign.ids)).toEqual([]);
    const after = JSON.stringify({
      apps: h.cloudflare.state.apps.filter((app) => foreign.seeded.some((item) => item.appId === app.id)),
      policies: h.cloudflare.state.policies.filter((policy) => foreign.seeded.some((item) => item.policyId === policy.id)),
      idps: h.cloudflare.state.idps.filter((idp) => idp.id === foreign.idpId),
    });
    expect(after).toBe(before);
    // Twelve foreign + eight own applications: the second apply must have read page 4 to keep them.
    expect(h.cloudflare.state.apps).toHaveLength(20);
    const writes = writeCount(h);
    const again = await h.run(['plan', '--json']);
    expect(pending(again)).toEqual([]);
    expect(h.cloudflare.requests.some((request) => request.path.endsWith('/access/apps') && request.query.get('page') === '4')).toBe(true);
    expect((await h.run(['apply', '--yes'])).code).toBe(0);
    expect(writeCount(h)).toBe(writes);
  });

  it('a same-named group without the marker is a manual conflict: apply writes nothing until --adopt', async () => {
    h = await startHarness();
    const handMade = {
      id: randomUUID(),
      displayName: 'CF-Demo-Group-A',
      description: 'made from the guide',
      securityEnabled: true,
      mailEnabled: false,
      mailNickname: 'a',
    };
    h.graph.state.groups.push(handMade);
    const plan = await h.run(['plan', '--json']);
    expect(changesOf(plan)).toContainEqual({ action: 'manual', provider: 'entra', kind: 'group', name: 'CF-Demo-Group-A' });
    expect(plan.stderr).toMatch(/--adopt/);

    const refused = await h.run(['apply', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/apply stopped before writing anything: CF-Demo-Group-A exists without the tool's marker/);
    expect(h.graph.writes()).toEqual([]);
    expect(h.cloudflare.writes()).toEqual([]);

    const adopted = await h.run(['apply', '--yes', '--adopt']);
    expect(adopted.code).toBe(0);
    expect(h.graph.state.groups.filter((group) => group['displayName'] === 'CF-Demo-Group-A')).toHaveLength(1);
    expect(String(handMade.description)).toMatch(/^made from the guide .*npm run provision/);
    const policy = h.cloudflare.state.policies.find((item) => item.name === 'Barbican demo: scim-a');
    expect(JSON.stringify(policy?.include)).toContain(handMade.id);
    // Adopted once, it is the tool's: no --adopt needed any more.
    const after = await h.run(['plan', '--json']);
    expect(pending(after)).toEqual([]);
  });

  it('a same-named Access application without the tag is a conflict, and stays untouched without --adopt', async () => {
    h = await startHarness();
    const { appId } = seedHandMadeApp(h.cloudflare, 'Barbican demo: scim-a (path)', 'old.example.org/scim-a');
    const plan = await h.run(['plan', '--json']);
    expect(changesOf(plan)).toContainEqual({
      action: 'manual',
      provider: 'cloudflare',
      kind: 'access-application',
      name: 'Barbican demo: scim-a (path)',
    });
    expect((await h.run(['apply', '--yes'])).code).toBe(1);
    expect(touching(h, [appId])).toEqual([]);
  });

  it('a hand-made "Barbican demo: oidc" policy that no application of the tool uses is a conflict until --adopt, and destroy leaves it', async () => {
    h = await startHarness();
    const handMade = seedHandMadePolicy(h.cloudflare, 'Barbican demo: oidc');
    const plan = await h.run(['plan', '--json']);
    expect(changesOf(plan)).toContainEqual({
      action: 'manual',
      provider: 'cloudflare',
      kind: 'access-policy',
      name: 'Barbican demo: oidc',
    });
    const refused = await h.run(['apply', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/apply stopped before writing anything: Barbican demo: oidc exists without the tool's marker/);
    expect(writeCount(h)).toBe(0);

    const destroy = await h.run(['destroy', '--yes']);
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toMatch(/! manual\s+cloudflare\s+access-policy\s+Barbican demo: oidc\n\s+not made by this tool/);
    expect(touching(h, [handMade.id])).toEqual([]);
    expect(h.cloudflare.state.policies.map((policy) => policy.id)).toEqual([handMade.id]);

    // Adopted, it is the tool's: its applications use it, and later runs need no --adopt.
    expect((await h.run(['apply', '--yes', '--adopt'])).code).toBe(0);
    expect(h.cloudflare.state.policies.filter((policy) => policy.name === 'Barbican demo: oidc').map((policy) => policy.id)).toEqual([
      handMade.id,
    ]);
    const oidcApps = h.cloudflare.state.apps.filter((app) => app.name?.startsWith('Barbican demo: oidc ('));
    expect(oidcApps.map((app) => app.policyIds)).toEqual([[handMade.id], [handMade.id]]);
    expect(pending(await h.run(['plan', '--json']))).toEqual([]);
  });

  it('--members adds each user to every demo group, once, reading every page of members', async () => {
    const users = Array.from({ length: 7 }, (_, index) => `user${index}@tenant.example`);
    h = await startHarness({ graph: { users } });
    expect((await h.run(['apply', '--yes', '--members', users.join(',')])).code).toBe(0);
    const ids = h.graph.state.users.map((user) => user.id).sort();
    for (const group of h.graph.state.groups) expect([...(h.graph.state.members.get(group.id) ?? [])].sort()).toEqual(ids);
    const writes = h.graph.writes().length;
    expect((await h.run(['apply', '--yes', '--members', users.join(',')])).code).toBe(0);
    expect(h.graph.writes()).toHaveLength(writes);
    expect(h.graph.requests.some((request) => /\/members$/.test(request.path) && request.query.get('$skiptoken') === '5')).toBe(true);
  });

  it('--members names a user the tenant does not have: a message, nothing written', async () => {
    h = await startHarness();
    const run = await h.run(['apply', '--yes', '--members', 'nobody@tenant.example']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no user with that user principal name/);
    expect(h.graph.writes()).toEqual([]);
  });
});

describe('provision: destroy', () => {
  it("removes only the tool's objects, and puts wrangler.jsonc's placeholders back with its comments", async () => {
    h = await startHarness();
    const foreign = seedForeignObjects(h);
    expect((await h.run(['apply', '--yes'])).code).toBe(0);
    // A second CF-Demo-Group-A, made by hand after apply (Entra allows duplicate display names).
    const handMadeGroup = {
      id: randomUUID(),
      displayName: 'CF-Demo-Group-A',
      description: null,
      securityEnabled: true,
      mailEnabled: false,
      mailNickname: 'x',
    };
    h.graph.state.groups.push(handMadeGroup);

    const refused = await h.run(['destroy']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--yes/);

    const run = await h.run(['destroy', '--yes']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/- delete\s+cloudflare\s+access-application\s+Barbican demo: oidc \(path\)/);
    expect(touching(h, foreign.ids)).toEqual([]);
    const { state: cf } = h.cloudflare;
    expect(cf.apps.map((app) => app.id).sort()).toEqual(foreign.seeded.map((item) => item.appId).sort());
    expect(cf.policies.map((policy) => policy.id).sort()).toEqual(foreign.seeded.map((item) => item.policyId).sort());
    expect(cf.idps.map((idp) => idp.id)).toEqual([foreign.idpId]);
    expect(cf.tags).toEqual([]);
    const { state: entra } = h.graph;
    expect(entra.groups.map((group) => group.id).sort()).toEqual([foreign.group.id, handMadeGroup.id].sort());
    expect(entra.applications.map((app) => app.id)).toEqual([foreign.app.id]);
    expect(entra.servicePrincipals.map((sp) => sp['appId'])).toEqual(['00000003-0000-0000-c000-000000000000']);

    const text = h.wrangler();
    expect(text).toContain('"ACCESS_TEAM_DOMAIN": "https://<your-team>.cloudflareaccess.com"');
    expect(text).toContain('"scim-a": ["<AUD tag of demo.example.net/scim-a/*>", "<AUD tag of scim-a.demo.example.net>"]');
    const comments = (t: string) => t.split('\n').filter((line) => line.trim().startsWith('//'));
    expect(comments(text)).toEqual(comments(readFileSync(WRANGLER_CONFIG, 'utf8')));

    const writes = writeCount(h);
    const again = await h.run(['destroy', '--yes']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/Nothing of the tool is left/);
    expect(writeCount(h)).toBe(writes);
  });

  it('removes the policy and applications of a demo since removed from the registry, and lists the tag as an access-tag', async () => {
    h = await startHarness();
    const root = registryWithGroupC();
    expect((await h.run(['apply', '--yes'], { root })).code).toBe(0);
    expect(h.cloudflare.state.policies.map((policy) => policy.name)).toContain('Barbican demo: scim-c');

    // The demo file is gone: destroy reads today's registry, and still finds what the tool made for it.
    const run = await h.run(['destroy', '--yes']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/- delete\s+cloudflare\s+access-policy\s+Barbican demo: scim-c\n/);
    expect(run.stdout).toMatch(/- delete\s+cloudflare\s+access-application\s+Barbican demo: scim-c \(subdomain\)/);
    expect(run.stdout).toMatch(/- delete\s+cloudflare\s+access-tag\s+barbican-demo\n/);
    expect(h.cloudflare.state.policies).toEqual([]);
    expect(h.cloudflare.state.apps).toEqual([]);
    expect(h.cloudflare.state.tags).toEqual([]);
  });
});
