import { createServer, type Server } from 'node:http';
import { SignJWT, base64url, createLocalJWKSet, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessKeys } from '../../src/gate/access-keys.ts';
import { verifyAccessToken } from '../../src/gate/verify-access-token.ts';
import { audTag, createTestKeys, mintAccessToken, type TestKeys } from '../../scripts/lib/local-site/test-keys.ts';

const ISSUER = 'https://barbican.cloudflareaccess.com';
const AUD_A = audTag('scim-a path');
const AUD_B = audTag('scim-b path');

let keys: TestKeys;
let otherKeys: TestKeys;
let verify: (token: string | null) => ReturnType<typeof verifyAccessToken>;

beforeAll(async () => {
  keys = await createTestKeys();
  otherKeys = await createTestKeys('other-key');
  const jwks = createLocalJWKSet({ keys: [keys.publicJwk] });
  verify = (token) => verifyAccessToken(token, { issuer: ISSUER, audiences: [AUD_A], keys: jwks });
});

const mint = (options: Partial<Parameters<typeof mintAccessToken>[1]> = {}, signer?: TestKeys) =>
  mintAccessToken(signer ?? keys, { issuer: ISSUER, audience: AUD_A, ...options });

function tamper(token: string, change: (payload: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split('.');
  const decoded = JSON.parse(new TextDecoder().decode(base64url.decode(payload ?? ''))) as Record<string, unknown>;
  change(decoded);
  return [header, base64url.encode(JSON.stringify(decoded)), signature].join('.');
}

describe('verifyAccessToken', () => {
  it('accepts a token signed by the team for this application, and returns its email', async () => {
    const result = await verify(await mint({ email: 'jane@barbicancloud.co.uk' }));
    expect(result).toMatchObject({ ok: true, payload: { email: 'jane@barbicancloud.co.uk', aud: [AUD_A] } });
  });

  it('accepts a token whose aud lists this application among others', async () => {
    expect((await verify(await mint({ audience: [AUD_B, AUD_A] }))).ok).toBe(true);
  });

  it('tolerates up to 60 s of clock skew', async () => {
    expect((await verify(await mint({ expiresIn: Math.floor(Date.now() / 1000) - 30 }))).ok).toBe(true);
  });

  const refused: [string, () => Promise<string | null>, string][] = [
    ['no token', () => Promise.resolve(null), 'no Access token'],
    ['an empty token', () => Promise.resolve(''), 'no Access token'],
    ['garbage', () => Promise.resolve('not.a.jwt'), 'malformed'],
    ['expired', () => mint({ expiresIn: Math.floor(Date.now() / 1000) - 120 }), 'expired'],
    ['not valid yet', () => mint({ notBefore: Math.floor(Date.now() / 1000) + 300 }), 'not valid yet'],
    ['another application', () => mint({ audience: AUD_B }), 'different application'],
    ['another team', () => mint({ issuer: 'https://evil.cloudflareaccess.com' }), 'different Access team'],
    ['an unknown key', () => mint({}, otherKeys), 'key this team does not publish'],
    [
      'a payload changed after signing',
      async () => tamper(await mint(), (p) => (p['email'] = 'admin@barbicancloud.co.uk')),
      'signature is invalid',
    ],
    [
      'alg none',
      () => {
        const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT', kid: 'test-key-1' }));
        const payload = base64url.encode(JSON.stringify({ iss: ISSUER, aud: [AUD_A], exp: Math.floor(Date.now() / 1000) + 600 }));
        return Promise.resolve(`${header}.${payload}.`);
      },
      'other than RS256',
    ],
    [
      'HS256 signed with the public key',
      async () => {
        const secret = new TextEncoder().encode(JSON.stringify(keys.publicJwk));
        return new SignJWT({ email: 'x@y.z' })
          .setProtectedHeader({ alg: 'HS256', kid: 'test-key-1' })
          .setIssuer(ISSUER)
          .setAudience([AUD_A])
          .setExpirationTime('5m')
          .sign(secret);
      },
      'other than RS256',
    ],
    ['a 20 KB token', async () => `${await mint()}${'A'.repeat(20_000)}`, 'too large'],
    [
      'a token with no expiry',
      async () =>
        new SignJWT({})
          .setProtectedHeader({ alg: 'RS256', kid: 'test-key-1' })
          .setIssuer(ISSUER)
          .setAudience([AUD_A])
          .sign(await importJWK(keys.privateJwk, 'RS256')),
      '"exp" claim',
    ],
  ];

  it.each(refused)('refuses %s', async (_name, token, reason) => {
    const result = await verify(await token());
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });
});

describe('a key set in which several keys fit the token', () => {
  const withKeys = (...jwks: TestKeys[]) => {
    const set = createLocalJWKSet({ keys: jwks.map((k) => k.publicJwk) });
    return (token: string) => verifyAccessToken(token, { issuer: ISSUER, audiences: [AUD_A], keys: set });
  };
  const noKid = async (signer: TestKeys) =>
    new SignJWT({ email: 'jane@barbicancloud.co.uk' })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(ISSUER)
      .setAudience([AUD_A])
      .setExpirationTime('5m')
      .sign(await importJWK(signer.privateJwk, 'RS256'));

  it('two keys share the kid: each is tried, and the one that signed lets the token in', async () => {
    const sameKid = await createTestKeys(keys.publicJwk.kid);
    expect((await withKeys(sameKid, keys)(await mint())).ok).toBe(true);
    expect((await withKeys(keys, sameKid)(await mint())).ok).toBe(true);
  });

  it('a token without kid is checked against every key', async () => {
    expect((await withKeys(otherKeys, keys)(await noKid(keys))).ok).toBe(true);
  });

  it('signed by none of them: refused for its signature, not as malformed', async () => {
    const stranger = await createTestKeys(keys.publicJwk.kid);
    const result = await withKeys(otherKeys, keys)(await noKid(stranger));
    expect(result).toEqual({ ok: false, reason: 'the Access token signature is invalid' });
  });

  it('a matching key still checks the claims: the wrong audience is refused for it', async () => {
    const sameKid = await createTestKeys(keys.publicJwk.kid);
    const result = await withKeys(sameKid, keys)(await mint({ audience: AUD_B }));
    expect(result).toEqual({ ok: false, reason: 'the Access token was issued for a different application' });
  });
});

describe('accessKeys from the certs endpoint', () => {
  let server: Server;
  let hits = 0;
  let teamDomain = '';

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/cdn-cgi/access/certs') hits++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [keys.publicJwk], public_cert: { kid: 'x', cert: 'ignored' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    teamDomain = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => server.close());

  it('fetches the keys once for many tokens, and not again for unknown kids within the refetch cooldown', async () => {
    const getKey = accessKeys({ teamDomain, audiences: {} });
    expect(accessKeys({ teamDomain, audiences: {} })).toBe(getKey); // one key set per team, per isolate
    const options = { issuer: teamDomain, audiences: [AUD_A], keys: getKey };
    for (let i = 0; i < 5; i++) {
      const result = await verifyAccessToken(await mintAccessToken(keys, { issuer: teamDomain, audience: AUD_A }), options);
      expect(result.ok).toBe(true);
    }
    expect(hits).toBe(1);
    for (let i = 0; i < 3; i++) {
      const forged = await mintAccessToken(otherKeys, { issuer: teamDomain, audience: AUD_A });
      expect((await verifyAccessToken(forged, options)).ok).toBe(false);
    }
    // An unknown kid refetches only once the cooldown has passed since the last fetch.
    expect(hits).toBe(1);
  });

  it("reports keys it cannot load as unavailable (a 503, not the visitor's fault)", async () => {
    const getKey = accessKeys({ teamDomain: 'http://127.0.0.1:9', audiences: {} });
    const result = await verifyAccessToken(await mint(), { issuer: ISSUER, audiences: [AUD_A], keys: getKey });
    expect(result).toMatchObject({ ok: false, keysUnavailable: true });
  });
});
