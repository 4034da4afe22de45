/**
 * Reads the gate's configuration from the Worker environment (contract in DESIGN.md).
 * Values may arrive as JSON text (`--var`, `.dev.vars`, secrets) or as objects (`vars` in
 * wrangler.jsonc); both are accepted. Anything missing or malformed is reported by name so the
 * gate can fail closed (503) with a log line that says what to fix.
 */
import type { JSONWebKeySet } from 'jose';

export interface GateConfig {
  /** `https://<team>.cloudflareaccess.com`: the token issuer and the base of the certs URL. */
  teamDomain: string;
  /** Demo slug → the AUD tags of its Access applications (path and subdomain). */
  audiences: Record<string, string[]>;
  /** Keys to use instead of fetching the certs endpoint (local runs and tests). */
  jwks?: JSONWebKeySet;
}

export type GateConfigResult = { ok: true; config: GateConfig } | { ok: false; problems: string[] };

const AUD_TAG = /^[0-9a-f]{64}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function jsonValue(name: string, value: unknown, problems: string[]): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    problems.push(`${name} is not valid JSON`);
    return undefined;
  }
}

function readTeamDomain(value: unknown, problems: string[]): string | undefined {
  if (typeof value !== 'string' || !value.trim()) {
    problems.push('ACCESS_TEAM_DOMAIN is missing (expected https://<team>.cloudflareaccess.com)');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    problems.push('ACCESS_TEAM_DOMAIN is not a URL (expected https://<team>.cloudflareaccess.com)');
    return undefined;
  }
  // Plain http is only for a certs server on this machine during tests.
  const schemeOk = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  if (!schemeOk || url.pathname.replace(/\/$/, '') !== '' || url.search || url.hash || url.username) {
    problems.push('ACCESS_TEAM_DOMAIN must be an https origin with no path, e.g. https://<team>.cloudflareaccess.com');
    return undefined;
  }
  return url.origin;
}

function readAudiences(raw: unknown, problems: string[]): Record<string, string[]> | undefined {
  if (raw === undefined || raw === null || raw === '') {
    problems.push('ACCESS_AUDIENCES is missing (expected {"<demo slug>": ["<AUD tag>", ...]})');
    return undefined;
  }
  const value = jsonValue('ACCESS_AUDIENCES', raw, problems);
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('ACCESS_AUDIENCES must be a JSON object of demo slug → array of AUD tags');
    return undefined;
  }
  const audiences: Record<string, string[]> = {};
  for (const [slug, tags] of Object.entries(value)) {
    if (!Array.isArray(tags) || tags.length === 0) {
      problems.push(`ACCESS_AUDIENCES.${slug} must be a non-empty array of AUD tags`);
      continue;
    }
    const bad = tags.filter((tag) => typeof tag !== 'string' || !AUD_TAG.test(tag));
    if (bad.length > 0) {
      problems.push(`ACCESS_AUDIENCES.${slug} has ${bad.length} value(s) that are not AUD tags (64 hex characters)`);
      continue;
    }
    audiences[slug] = tags as string[];
  }
  return audiences;
}

function readJwks(raw: unknown, problems: string[]): JSONWebKeySet | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = jsonValue('ACCESS_JWKS', raw, problems);
  if (value === undefined) return undefined;
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((key) => typeof key === 'object' && key !== null)) {
    problems.push('ACCESS_JWKS must be a JWKS: {"keys": [ ...JWKs ]}');
    return undefined;
  }
  return value as JSONWebKeySet;
}

export function readGateConfig(env: Record<string, unknown>): GateConfigResult {
  const problems: string[] = [];
  const teamDomain = readTeamDomain(env['ACCESS_TEAM_DOMAIN'], problems);
  const audiences = readAudiences(env['ACCESS_AUDIENCES'], problems);
  const jwks = readJwks(env['ACCESS_JWKS'], problems);
  if (problems.length > 0 || !teamDomain || !audiences) return { ok: false, problems };
  return { ok: true, config: jwks ? { teamDomain, audiences, jwks } : { teamDomain, audiences } };
}
