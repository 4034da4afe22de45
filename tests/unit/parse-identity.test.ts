import { describe, expect, it } from 'vitest';
import { idpDisplayName, isMemberOf, parseIdentity, sortGroups, text } from '../../src/identity/parse-identity.ts';
import { fixtures } from '../../src/dev/personas/index.ts';

const identityOf = (name: keyof typeof fixtures) => {
  const identity = parseIdentity(fixtures[name].body);
  if (!identity) throw new Error(`fixture ${name} did not parse`);
  return identity;
};

describe('parseIdentity on the fixtures', () => {
  it('reads an Entra member: name, email, IdP, country, session time and object groups', () => {
    const identity = identityOf('member');
    expect(identity).toMatchObject({
      name: 'Jane Doe',
      email: 'jane@barbicancloud.co.uk',
      idpType: 'azureAD',
      country: 'GB',
      issuedAt: 1764345600,
      isWarp: false,
      isGateway: false,
    });
    expect(identity.groups.map((g) => g.label)).toEqual(['CF-Demo-Group-A', 'All Staff', 'c4d2a1e0-5b6f-4c3d-8e9f-1a2b3c4d5e6f']);
    expect(identity.groups[2]).toMatchObject({ idOnly: true, id: 'c4d2a1e0-5b6f-4c3d-8e9f-1a2b3c4d5e6f' });
    expect(isMemberOf(identity, 'CF-Demo-Group-A')).toBe(true);
  });

  it('reads a non-member with WARP, Gateway and a device id', () => {
    const identity = identityOf('non-member');
    expect(identity).toMatchObject({ isWarp: true, isGateway: true, deviceId: 'a1b2c3d4-device', country: 'IE' });
    expect(isMemberOf(identity, 'CF-Demo-Group-A')).toBe(false);
    expect(isMemberOf(identity, 'cf-demo-group-b')).toBe(true);
  });

  it('marks groups known only by Entra object id, and matches a required group given as an id', () => {
    const identity = identityOf('id-only-groups');
    expect(identity.groups.every((g) => g.idOnly)).toBe(true);
    expect(isMemberOf(identity, '61503835-B6FE-4630-AF88-DE551DD59A2A')).toBe(true);
    expect(isMemberOf(identity, 'CF-Demo-Group-A')).toBe(false);
  });

  it('gathers SAML groups from the Microsoft claim URI (list) and a groups attribute (single value)', () => {
    const identity = identityOf('saml');
    expect(identity.idpType).toBe('saml');
    const labels = identity.groups.map((g) => g.label);
    expect(labels).toContain('61503835-b6fe-4630-af88-de551dd59a2a');
    expect(labels).toContain('CF-Demo-Group-A');
    expect(labels).not.toContain('alex@barbicancloud.co.uk'); // the email claim is not a group
    expect(identity.groups.every((g) => g.source === 'saml')).toBe(true);
  });

  it('keeps hundreds of groups', () => {
    expect(identityOf('many-groups').groups).toHaveLength(301);
  });

  it.each(['signed-out', 'unprotected', 'error', 'malformed', 'html-fall-through'] as const)(
    'does not take the %s answer for an identity',
    (name) => {
      const body = fixtures[name].body;
      let json: unknown = body;
      if (typeof body === 'string') {
        try {
          json = JSON.parse(body);
        } catch {
          json = body;
        }
      }
      expect(parseIdentity(json)).toBeUndefined();
    },
  );
});

describe('parseIdentity on odd shapes', () => {
  it('reads groups as plain names, GUID strings, objects with displayName, and OIDC fields', () => {
    const identity = parseIdentity({
      email: 'a@b.c',
      groups: ['Readers', '61503835-b6fe-4630-af88-de551dd59a2a', { displayName: 'Writers' }, 42, null, {}],
      oidc_fields: { groups: ['From OIDC'] },
    });
    expect(identity?.groups.map((g) => [g.label, g.source, g.idOnly])).toEqual([
      ['Readers', 'groups', false],
      ['61503835-b6fe-4630-af88-de551dd59a2a', 'groups', true],
      ['Writers', 'groups', false],
      ['42', 'groups', false],
      ['From OIDC', 'oidc', false],
    ]);
  });

  it('prefers a named entry over an id-only duplicate of the same group', () => {
    const identity = parseIdentity({
      email: 'a@b.c',
      groups: ['61503835-b6fe-4630-af88-de551dd59a2a'],
      saml_attributes: { groups: [] },
      oidc_fields: { groups: [{ id: '61503835-b6fe-4630-af88-de551dd59a2a', name: 'CF-Demo-Group-A' }] },
    });
    expect(identity?.groups).toHaveLength(1);
    expect(identity?.groups[0]?.label).toBe('CF-Demo-Group-A');
  });

  it('treats missing and wrongly typed fields as absent, never as "undefined"', () => {
    const identity = parseIdentity({ email: 'x@y.z', name: { first: 'no' }, idp: 'azureAD', geo: 7, iat: 'yesterday', is_warp: 'yes' });
    expect(identity).toEqual({ email: 'x@y.z', country: '7', groups: [] });
  });

  it('accepts geo as a plain country string', () => {
    expect(parseIdentity({ email: 'x@y.z', geo: 'NL' })?.country).toBe('NL');
  });

  it('strips bidi overrides and control characters, and cuts very long values', () => {
    expect(text('ad\u202Emin\u0000')).toBe('admin');
    expect(text('x'.repeat(10_000))?.length).toBe(513);
    expect(text('   ')).toBeUndefined();
  });
});

describe('sortGroups', () => {
  it('puts the required group first, then names alphabetically, then bare ids', () => {
    const identity = parseIdentity({
      email: 'a@b.c',
      groups: ['zeta', '61503835-b6fe-4630-af88-de551dd59a2a', 'Alpha', 'CF-Demo-Group-A', 'beta'],
    });
    expect(sortGroups(identity?.groups ?? [], 'cf-demo-group-a').map((g) => g.label)).toEqual([
      'CF-Demo-Group-A',
      'Alpha',
      'beta',
      'zeta',
      '61503835-b6fe-4630-af88-de551dd59a2a',
    ]);
  });

  it('sorts without regard to case or accents, as a reader would', () => {
    const identity = parseIdentity({ email: 'a@b.c', groups: ['zeta', 'Équipe', 'delta', 'ecole', 'Alpha', 'beta'] });
    expect(sortGroups(identity?.groups ?? []).map((g) => g.label)).toEqual(['Alpha', 'beta', 'delta', 'ecole', 'Équipe', 'zeta']);
  });
});

describe('idpDisplayName', () => {
  it.each([
    ['azureAD', 'Microsoft Entra ID'],
    ['saml', 'SAML'],
    ['onetimepin', 'One-time PIN'],
    ['github', 'GitHub'],
    ['something-new', 'something-new'],
    ['toString', 'toString'],
  ])('%s → %s', (type, name) => {
    expect(idpDisplayName(type)).toBe(name);
  });

  it('reads groups under the claim URI Entra ID sends in SAML assertions', () => {
    // https://learn.microsoft.com/en-us/entra/identity-platform/reference-saml-tokens (claims/groups)
    const claim = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups';
    const identity = parseIdentity({
      email: 'a@barbicancloud.co.uk',
      saml_attributes: { [claim]: ['61503835-b6fe-4630-af88-de551dd59a2a'] },
    });
    expect(identity?.groups).toEqual([
      { label: '61503835-b6fe-4630-af88-de551dd59a2a', id: '61503835-b6fe-4630-af88-de551dd59a2a', source: 'saml', idOnly: true },
    ]);
  });
});
