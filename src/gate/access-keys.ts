/**
 * Where the gate gets Access's signing keys. Either the configured ACCESS_JWKS, or the team's
 * certs endpoint, whose keys are kept for the life of the isolate and matched by `kid` with jose's
 * local key set. A token naming an unknown `kid` makes the gate fetch the certs again, at most
 * once a minute (from the last successful fetch), so a flood of forged `kid`s cannot hammer the
 * endpoint.
 *
 * Why not jose's `createRemoteJWKSet`: on Cloudflare Workers it deliberately starts a fetch per
 * caller instead of sharing the one in flight (https://github.com/panva/jose, `remote.ts`,
 * `isCloudflareWorkers()`), so 20 requests at once made 20 fetches, and while the endpoint failed
 * every request asked it again. Here:
 * - concurrent requests share one fetch. workerd hands a shared promise's result to each request
 *   that awaits it, in its own context (compatibility flag `handle_cross_request_promise_resolution`,
 *   https://developers.cloudflare.com/workers/configuration/compatibility-flags/); should the
 *   request that started the fetch be cancelled first, the others' continuations are cancelled
 *   with it, so each waiter also keeps a deadline of its own and answers 503, never hangs;
 * - a failure is remembered for FAILURE_MEMORY_MS: requests in that window get the same 503
 *   without a fetch, so a failing endpoint is asked about once a second, and the gate recovers
 *   within a second of the endpoint coming back.
 *
 * Every read of the endpoint goes through `certsReader`: anything but a 200 with a readable,
 * non-empty key set is a `KeysUnavailable` naming the cause.
 */
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { GateConfig } from './gate-config.ts';
import { KeysUnavailable } from './key-fault.ts';
import { CERTS_PATH } from '../access/protocol.ts';

export const REFETCH_COOLDOWN_MS = 60_000;
export const CERTS_TIMEOUT_MS = 5000;
/** How long a failed fetch of the certs is answered from memory before the endpoint is asked again. */
export const FAILURE_MEMORY_MS = 1000;

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

export interface RemoteKeysOptions {
  fetch?: FetchLike;
  timeoutMs?: number;
  /** The clock, in milliseconds (tests drive it). */
  now?: () => number;
}

/** Rejects with a named timeout if `promise` has not settled within `ms`, on the caller's own timer. */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KeysUnavailable(`the certs endpoint did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** A remote key set of its own (tests pass a fake fetch, a short timeout, a clock); the gate shares one per team domain. */
export function remoteKeys(
  teamDomain: string,
  { fetch: fetchImpl, timeoutMs = CERTS_TIMEOUT_MS, now = () => Date.now() }: RemoteKeysOptions = {},
): JWTVerifyGetKey {
  const url = certsUrl(teamDomain).href;
  const read = certsReader(fetchImpl, timeoutMs);
  let current: { keys: JWTVerifyGetKey; fetchedAt: number } | undefined;
  let pending: Promise<JWTVerifyGetKey> | undefined;
  let failure: { error: KeysUnavailable; until: number } | undefined;

  async function fetchKeys(): Promise<JWTVerifyGetKey> {
    try {
      const response = await read(url, {
        method: 'GET',
        redirect: 'manual',
        headers: { accept: 'application/json, application/jwk-set+json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      const keys = createLocalJWKSet((await response.json()) as JSONWebKeySet);
      current = { keys, fetchedAt: now() };
      failure = undefined;
      return keys;
    } catch (error) {
      const fault = error instanceof KeysUnavailable ? error : new KeysUnavailable('the key set is not usable', { cause: error });
      failure = { error: fault, until: now() + FAILURE_MEMORY_MS };
      throw fault;
    } finally {
      pending = undefined;
    }
  }

  function load(): Promise<JWTVerifyGetKey> {
    if (failure && now() < failure.until) return Promise.reject(failure.error);
    pending ??= fetchKeys();
    return withDeadline(pending, timeoutMs);
  }

  return async (protectedHeader, token) => {
    const keys = current?.keys ?? (await load());
    try {
      return await keys(protectedHeader, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || !current) throw error;
      // Another request fetched newer keys meanwhile: try those, without a fetch of our own.
      if (current.keys !== keys) return current.keys(protectedHeader, token);
      if (now() < current.fetchedAt + REFETCH_COOLDOWN_MS) throw error;
      return (await load())(protectedHeader, token);
    }
  };
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
