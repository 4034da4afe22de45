/**
 * Whether the caller can grant admin consent, from a Graph token's claims (fixtures shaped as
 * Microsoft documents access token claims: `scp`, `wids`, `roles`) and, when they do not say, from
 * the caller's directory roles.
 */
import { UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { consentAbilityFromClaims, readConsentAbility } from '../../scripts/provision/consent-ability.ts';
import { GraphClient } from '../../scripts/provision/graph-client.ts';

const CLOUD_APP_ADMIN = '158c047a-c907-4556-b7ef-446551a6b5f7';
const GLOBAL_READER = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451';
const USER_SCOPES = 'Application.ReadWrite.All DelegatedPermissionGrant.ReadWrite.All Group.ReadWrite.All User.Read';

describe('consentAbilityFromClaims', () => {
  it.each([
    ['a user token with the permission and a granting role', { scp: USER_SCOPES, wids: [GLOBAL_READER, CLOUD_APP_ADMIN] }, 'can'],
    ['a user token with the permission and no granting role', { scp: USER_SCOPES, wids: [GLOBAL_READER] }, 'cannot'],
    ['a user token without the permission', { scp: 'Application.ReadWrite.All User.Read', wids: [CLOUD_APP_ADMIN] }, 'cannot'],
    ['a user token that does not list its roles', { scp: USER_SCOPES }, 'unknown'],
    [
      'an application token with the application permission',
      { roles: ['Application.ReadWrite.All', 'DelegatedPermissionGrant.ReadWrite.All'] },
      'can',
    ],
    ['an application token without it', { roles: ['Application.ReadWrite.All'] }, 'cannot'],
    ['a token with neither scopes nor roles', { aud: 'https://graph.microsoft.com' }, 'unknown'],
  ])('%s: %s', (_what, claims, ability) => {
    expect(consentAbilityFromClaims(claims).ability).toBe(ability);
  });

  it('says why it cannot', () => {
    expect(consentAbilityFromClaims({ scp: USER_SCOPES, wids: [GLOBAL_READER] }).reason).toMatch(
      /none of the roles Cloud Application Administrator/,
    );
    expect(consentAbilityFromClaims({ scp: 'User.Read' }).reason).toMatch(
      /not issued with the permission DelegatedPermissionGrant\.ReadWrite\.All/,
    );
  });
});

describe('readConsentAbility', () => {
  const client = (token: string, answer: () => Response, asked: string[]) =>
    new GraphClient({
      baseUrl: 'https://graph.example/v1.0',
      token: () => Promise.resolve(token),
      maxRetries: 0,
      fetch: (url) => (asked.push(url instanceof Request ? url.url : String(url)), Promise.resolve(answer())),
    });

  it("decides from a JWT's claims without asking Graph", async () => {
    const token = new UnsecuredJWT({ scp: USER_SCOPES, wids: [CLOUD_APP_ADMIN] }).encode();
    const asked: string[] = [];
    const graph = client(token, () => new Response('{}'), asked);
    expect(await readConsentAbility(graph, () => Promise.resolve(token))).toEqual({ ability: 'can', reason: '' });
    expect(asked).toEqual([]);
  });

  it('asks for the directory roles when the token does not say, and is unknown when Graph refuses that', async () => {
    const asked: string[] = [];
    const refused = () => new Response(JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'no' } }), { status: 403 });
    const graph = client('opaque-token', refused, asked);
    expect((await readConsentAbility(graph, () => Promise.resolve('opaque-token'))).ability).toBe('unknown');
    expect(asked).toEqual(['https://graph.example/v1.0/me/transitiveMemberOf/microsoft.graph.directoryRole?$select=roleTemplateId']);
  });

  it('roles listed without their template id (too little permission to read them) are unknown, not "cannot"', async () => {
    const graph = client('opaque-token', () => new Response(JSON.stringify({ value: [{ id: 'r1' }] })), []);
    expect((await readConsentAbility(graph, () => Promise.resolve('opaque-token'))).ability).toBe('unknown');
  });
});
