/**
 * Where the gate gets Access's signing keys. Either the configured ACCESS_JWKS, or the team's
 * certs endpoint through jose's remote key set, which matches keys by `kid`, keeps them for the
 * life of the isolate and refetches when a token names an unknown `kid` (Access rotates keys
 * every 6 weeks), at most once a minute so a flood of forged `kid`s cannot hammer the endpoint.
 */
import { createLocalJWKSet, createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import type { GateConfig } from './gate-config.ts';
import { CERTS_PATH } from '../access/protocol.ts';

export const REFETCH_COOLDOWN_MS = 60_000;

const remoteSets = new Map<string, JWTVerifyGetKey>();
const localSets = new WeakMap<object, JWTVerifyGetKey>();

export function certsUrl(teamDomain: string): URL {
  return new URL(CERTS_PATH, teamDomain);
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
    set = createRemoteJWKSet(certsUrl(config.teamDomain), {
      cooldownDuration: REFETCH_COOLDOWN_MS,
      cacheMaxAge: Number.POSITIVE_INFINITY,
      timeoutDuration: 5000,
    });
    remoteSets.set(config.teamDomain, set);
  }
  return set;
}
