import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { decideAccess } from '../../src/gate/access-gate.ts';
import { REFETCH_COOLDOWN_MS, remoteKeys } from '../../src/gate/access-keys.ts';
import { KeysUnavailable } from '../../src/gate/key-fault.ts';
import { verifyAccessToken } from '../../src/gate/verify-access-token.ts';
import { audTag, createTestKeys, mintAccessToken, type TestKeys } from '../../scripts/lib/local-site/test-keys.ts';

const TEAM = 'https://barbican.cloudflareaccess.com';
const AUD = audTag('scim-a path');

let keys: TestKeys;
beforeAll(async () => {
  keys = await createTestKeys();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

type Step = () => Response | Promise<Response>;

/** A fake fetch that plays one step per call (the last step repeats) and counts its calls. */
function fakeFetch(...steps: Step[]) {
  const calls: RequestInit[] = [];
  const fetch = async (_url: string, init: RequestInit) => {
    calls.push(init);
    const step = steps[Math.min(calls.length - 1, steps.length - 1)];
    if (!step) throw new Error('no step');
    return step();
  };
  return { fetch, calls };
}

const ok: Step = () => Response.json({ keys: [keys.publicJwk] });
const token = () => mintAccessToken(keys, { issuer: TEAM, audience: AUD });
const verifyWith = async (getKey: ReturnType<typeof remoteKeys>) =>
  verifyAccessToken(await token(), { issuer: TEAM, audiences: [AUD], keys: getKey });

describe('reading the certs endpoint: every way to not get usable keys is a named 503', () => {
  const faults: [string, Step, string][] = [
    ['a 500', () => new Response('boom', { status: 500 }), 'the certs endpoint answered 500'],
    ['a 404', () => new Response('nope', { status: 404 }), 'the certs endpoint answered 404'],
    [
      'a redirect',
      () => new Response(null, { status: 302, headers: { location: 'https://evil.example/' } }),
      'the certs endpoint answered 302',
    ],
    ['unreadable JSON', () => new Response('{"keys": [', { status: 200 }), 'the certs endpoint answered with unreadable JSON'],
    ['HTML', () => new Response('<html>sign in</html>', { status: 200 }), 'the certs endpoint answered with unreadable JSON'],
    ['an empty key set', () => Response.json({ keys: [] }), 'the certs endpoint answered with no keys'],
    ['no key set at all', () => Response.json({ public_cert: {} }), 'the certs endpoint answered with no keys'],
    [
      'a network error',
      () => {
        throw new TypeError('fetch failed: connection refused');
      },
      'the certs endpoint could not be reached (fetch failed: connection refused)',
    ],
  ];

  it.each(faults)('%s', async (_name, step, cause) => {
    const { fetch } = fakeFetch(step);
    const result = await verifyWith(remoteKeys(TEAM, { fetch }));
    expect(result).toEqual({ ok: false, keysUnavailable: true, reason: `the Access signing keys could not be loaded: ${cause}` });
  });

  it('a timeout: the abort signal jose passes ends the wait, and is named as a timeout', async () => {
    // Like fetch, the fake rejects once its signal aborts; it never answers by itself.
    const hanging = (_url: string, init: RequestInit) =>
      new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const result = await verifyWith(remoteKeys(TEAM, { fetch: hanging, timeoutMs: 50 }));
    expect(result).toEqual({
      ok: false,
      keysUnavailable: true,
      reason: 'the Access signing keys could not be loaded: the certs endpoint did not answer within 50 ms',
    });
  });

  it('a failed read is never cached: the next request fetches again and is let in once the endpoint is back', async () => {
    const { fetch, calls } = fakeFetch(
      () => new Response('boom', { status: 500 }),
      () => Response.json({ keys: [] }),
      ok,
    );
    const getKey = remoteKeys(TEAM, { fetch });
    expect((await verifyWith(getKey)).ok).toBe(false);
    expect((await verifyWith(getKey)).ok).toBe(false);
    expect(await verifyWith(getKey)).toMatchObject({ ok: true });
    expect(calls).toHaveLength(3);
    // Cached from then on.
    expect((await verifyWith(getKey)).ok).toBe(true);
    expect(calls).toHaveLength(3);
  });

  it('an unknown kid refetches at most once per cooldown, and a rotated key is accepted after it', async () => {
    const rotated = await createTestKeys('rotated-key');
    let serveRotated = false;
    const { fetch, calls } = fakeFetch(() =>
      Response.json({ keys: serveRotated ? [keys.publicJwk, rotated.publicJwk] : [keys.publicJwk] }),
    );
    const getKey = remoteKeys(TEAM, { fetch });
    expect((await verifyWith(getKey)).ok).toBe(true);
    expect(calls).toHaveLength(1);

    vi.useFakeTimers({ toFake: ['Date'] });
    serveRotated = true;
    const rotatedToken = () => mintAccessToken(rotated, { issuer: TEAM, audience: AUD });
    const options = { issuer: TEAM, audiences: [AUD], keys: getKey };
    // Within the cooldown after the last fetch, an unknown kid is refused without a fetch...
    expect(await verifyAccessToken(await rotatedToken(), options)).toMatchObject({
      ok: false,
      reason: 'the Access token was signed with a key this team does not publish',
    });
    expect(calls).toHaveLength(1);
    // ...and once it has passed, one fetch picks up the new key.
    vi.setSystemTime(Date.now() + REFETCH_COOLDOWN_MS + 1);
    expect((await verifyAccessToken(await rotatedToken(), options)).ok).toBe(true);
    expect(calls).toHaveLength(2);
  });
});

describe('the gate sorts failures by whose fault they are', () => {
  const env = { ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUDIENCES: { 'scim-a': [AUD] } };

  it('keys it cannot obtain: 503, with a log line naming the cause', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // Nothing listens on port 9 of this machine: the connection is refused.
    const unreachable = { ...env, ACCESS_TEAM_DOMAIN: 'http://127.0.0.1:9' };
    const request = new Request('https://barbicancloud.co.uk/scim-a/', { headers: { 'Cf-Access-Jwt-Assertion': await token() } });
    const decision = await decideAccess(request, 'scim-a', unreachable);
    expect(decision).toMatchObject({ allow: false, status: 503 });
    expect(String(log.mock.calls[0]?.[0])).toMatch(
      /^\[gate\] scim-a: refusing \(503\), the Access signing keys could not be loaded: the certs endpoint could not be reached/,
    );
  });

  it("a bug in the site's own code: 500 with a log line, never 503 and never 200", async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // An env whose variable throws when read stands in for any programming error on the way.
    const broken = Object.defineProperty({}, 'ACCESS_TEAM_DOMAIN', {
      get() {
        throw new TypeError('cannot read properties of undefined');
      },
    });
    const request = new Request('https://barbicancloud.co.uk/scim-a/', { headers: { 'Cf-Access-Jwt-Assertion': await token() } });
    const decision = await decideAccess(request, 'scim-a', broken);
    expect(decision).toMatchObject({ allow: false, status: 500 });
    expect(String(log.mock.calls[0]?.[0])).toContain('[gate] scim-a: failing (500)');
  });

  it('KeysUnavailable carries its cause for the log line', () => {
    expect(new KeysUnavailable('the certs endpoint answered 500').message).toBe(
      'the Access signing keys could not be loaded: the certs endpoint answered 500',
    );
  });
});
