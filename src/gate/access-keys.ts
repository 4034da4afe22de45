/**
 * Where the gate gets Access's signing keys. Either the configured ACCESS_JWKS, or the team's
 * certs endpoint through jose's remote key set, which matches keys by `kid`, keeps them for the
 * life of the isolate and refetches when a token names an unknown `kid` (Access rotates keys
 * every 6 weeks), at most once a minute so a flood of forged `kid`s cannot hammer the endpoint.
 *
 * Every read of the endpoint goes through `readCerts` (jose's `customFetch` option,
 * https://github.com/panva/jose/blob/main/docs/jwks/remote/functions/createRemoteJWKSet.md):
 * anything but a 200 with a readable, non-empty key set is a `KeysUnavailable` naming the cause.
 * jose caches a key set only after a successful read, so a failed or empty answer is never
 * kept: the next request tries again, and the gate recovers as soon as the endpoint does.
 */
import { createLocalJWKSet, createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';
import type { GateConfig } from './gate-config.ts';
import { KeysUnavailable } from './key-fault.ts';
import { CERTS_PATH } from '../access/protocol.ts';

export const REFETCH_COOLDOWN_MS = 60_000;
export const CERTS_TIMEOUT_MS = 5000;

type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

const remoteSets = new Map<string, JWTVerifyGetKey>();
const localSets = new WeakMap<object, JWTVerifyGetKey>();

export function certsUrl(teamDomain: string): URL {
  return new URL(CERTS_PATH, teamDomain);
}

function hasKeys(value: unknown): boolean {
  const keys = (value as { keys?: unknown } | null)?.keys;
  return Array.isArray(keys) && keys.length > 0 && keys.every((key) => typeof key === 'object' && key !== null);
}

/** Reads the certs endpoint for jose, turning every way it can fail into a named KeysUnavailable. */
export function certsReader(fetchImpl: FetchLike = (url, init) => fetch(url, init), timeoutMs = CERTS_TIMEOUT_MS): FetchLike {
  return async (url, init) => {
    const timedOut = () => init.signal?.aborted === true;
    let response: Response;
    try {
      response = await fetchImpl(url, init);
    } catch (cause) {
      if (timedOut()) throw new KeysUnavailable(`the certs endpoint did not answer within ${timeoutMs} ms`, { cause });
      throw new KeysUnavailable(`the certs endpoint could not be reached (${(cause as Error)?.message ?? String(cause)})`, { cause });
    }
    if (response.status !== 200) throw new KeysUnavailable(`the certs endpoint answered ${response.status}`);
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      const why = timedOut() ? `did not finish its answer within ${timeoutMs} ms` : 'broke off its answer';
      throw new KeysUnavailable(`the certs endpoint ${why}`, { cause });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new KeysUnavailable('the certs endpoint answered with unreadable JSON', { cause });
    }
    if (!hasKeys(json)) throw new KeysUnavailable('the certs endpoint answered with no keys');
    return new Response(text, { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
}

/** A remote key set of its own (tests pass a fake fetch and a short timeout); the gate shares one per team domain. */
export function remoteKeys(
  teamDomain: string,
  { fetch: fetchImpl, timeoutMs = CERTS_TIMEOUT_MS }: { fetch?: FetchLike; timeoutMs?: number } = {},
): JWTVerifyGetKey {
  return createRemoteJWKSet(certsUrl(teamDomain), {
    cooldownDuration: REFETCH_COOLDOWN_MS,
    cacheMaxAge: Number.POSITIVE_INFINITY,
    timeoutDuration: timeoutMs,
    [customFetch]: certsReader(fetchImpl, timeoutMs),
  });
}

export function accessKeys(config: GateConfig): JWTVerifyGetKey {
  if (config.jwks) {
    let set = localSets.get(config.jwks);
    if (!set) {
      set = createLocalJWKSet(config.jwks);
      localSets.set(config.jwks, set);
    }
    return set;
  }
  let set = remoteSets.get(config.teamDomain);
  if (!set) {
    set = remoteKeys(config.teamDomain);
    remoteSets.set(config.teamDomain, set);
  }
  return set;
}
