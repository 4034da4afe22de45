import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { decideAccess } from '../../src/gate/access-gate.ts';
import { FAILURE_MEMORY_MS, REFETCH_COOLDOWN_MS, remoteKeys } from '../../src/gate/access-keys.ts';
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
      new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)));
    const result = await verifyWith(remoteKeys(TEAM, { fetch: hanging, timeoutMs: 50 }));
    expect(result).toEqual({
      ok: false,
      keysUnavailable: true,
      reason: 'the Access signing keys could not be loaded: the certs endpoint did not answer within 50 ms',
    });
  });

  it('a failed read is remembered for a second, then the endpoint is asked again, and the gate lets visitors in once it is back', async () => {
    let clock = 1_000_000;
    const { fetch, calls } = fakeFetch(
      () => new Response('boom', { status: 500 }),
      () => Response.json({ keys: [] }),
      ok,
    );
    const getKey = remoteKeys(TEAM, { fetch, now: () => clock });
    const refused = {
      ok: false,
      keysUnavailable: true,
      reason: 'the Access signing keys could not be loaded: the certs endpoint answered 500',
    };
    expect(await verifyWith(getKey)).toEqual(refused);
    // Within the second: the same 503, without asking the endpoint.
    clock += FAILURE_MEMORY_MS - 1;
    expect(await verifyWith(getKey)).toEqual(refused);
    expect(calls).toHaveLength(1);
    clock += 1;
    expect(await verifyWith(getKey)).toMatchObject({ ok: false, reason: expect.stringContaining('answered with no keys') });
    expect(calls).toHaveLength(2);
    clock += FAILURE_MEMORY_MS;
    expect(await verifyWith(getKey)).toMatchObject({ ok: true });
    expect(calls).toHaveLength(3);
    // Kept from then on.
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

describe('concurrent requests share one fetch of the keys', () => {
  const many = async (getKey: ReturnType<typeof remoteKeys>, count: number, mint = token) =>
    Promise.all(
      Array.from({ length: count }, async () => verifyAccessToken(await mint(), { issuer: TEAM, audiences: [AUD], keys: getKey })),
    );

  /** A fetch that answers only when released, so that every request is waiting at once. */
  function gatedFetch(answer: () => Response) {
    const calls: RequestInit[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const fetch = async (_url: string, init: RequestInit) => {
      calls.push(init);
      await released;
      return answer();
    };
    return { fetch, calls, release };
  }

  it('20 first requests at once: one fetch, all let in', async () => {
    const { fetch, calls, release } = gatedFetch(() => Response.json({ keys: [keys.publicJwk] }));
    const getKey = remoteKeys(TEAM, { fetch });
    const results = many(getKey, 20);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    release();
    expect((await results).every((result) => result.ok)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('20 requests with a new kid just after the cooldown: one fetch, all let in with the new key', async () => {
    let clock = 1_000_000;
    const rotated = await createTestKeys('rotated-key');
    let answers = 0;
    const { fetch, calls, release } = gatedFetch(() =>
      Response.json({ keys: answers++ === 0 ? [keys.publicJwk] : [keys.publicJwk, rotated.publicJwk] }),
    );
    const getKey = remoteKeys(TEAM, { fetch, now: () => clock });
    release();
    expect((await verifyWith(getKey)).ok).toBe(true);
    clock += REFETCH_COOLDOWN_MS;
    const results = await many(getKey, 20, () => mintAccessToken(rotated, { issuer: TEAM, audience: AUD }));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it('80 requests while the endpoint fails: one fetch and the same 503 for each', async () => {
    const { fetch, calls, release } = gatedFetch(() => new Response('boom', { status: 502 }));
    const getKey = remoteKeys(TEAM, { fetch, now: () => 5_000 });
    const results = many(getKey, 40);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    release();
    const later = await many(getKey, 40);
    for (const result of [...(await results), ...later])
      expect(result).toEqual({
        ok: false,
        keysUnavailable: true,
        reason: 'the Access signing keys could not be loaded: the certs endpoint answered 502',
      });
    expect(calls).toHaveLength(1);
  });

  it('while the endpoint hangs: the requests share one wait, each ends with a named 503 at the timeout', async () => {
    const calls: RequestInit[] = [];
    const hanging = (_url: string, init: RequestInit) => {
      calls.push(init);
      return new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)));
    };
    const results = await many(remoteKeys(TEAM, { fetch: hanging, timeoutMs: 50 }), 10);
    for (const result of results)
      expect(result).toMatchObject({ ok: false, keysUnavailable: true, reason: expect.stringContaining('within 50 ms') });
    expect(calls).toHaveLength(1);
  });

  it('a waiter whose shared fetch never settles still answers at its own deadline (never hangs)', async () => {
    // A fetch that ignores its abort signal stands in for a shared promise whose continuation
    // the runtime cancelled: only the waiter's own timer can end the wait.
    const getKey = remoteKeys(TEAM, { fetch: () => new Promise<Response>(() => undefined), timeoutMs: 50 });
    expect(await verifyWith(getKey)).toMatchObject({ ok: false, keysUnavailable: true, reason: expect.stringContaining('within 50 ms') });
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
