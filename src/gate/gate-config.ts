/**
 * Reads the gate's configuration from the deployment's environment (Worker vars and secrets, or
 * a Pages project's variables; contract in ARCHITECTURE.md, "Gate and deploy targets").
 * Values may arrive as JSON text (`--var`, `--binding`, `.dev.vars`, secrets) or as objects
 * (`vars` in wrangler.jsonc); both are accepted. One zod schema checks them and reports every
 * problem by name, so the gate can fail closed (503) with a log line that says what to fix.
 */
// zod's mini build: the same schemas and messages as `astro/zod`, but tree-shakable, so the
// gate ships about 17 KB of it in the Pages _worker.js instead of the whole library (450 KB)
// (https://zod.dev/packages/mini).
import * as z from 'zod/mini';
import type { JSONWebKeySet } from 'jose';

export interface GateConfig {
  /** `https://<team>.cloudflareaccess.com`: the token issuer and the base of the certs URL. */
  teamDomain: string;
  /** Demo slug → the AUD tags of its Access applications (path and subdomain). */
  audiences: Record<string, string[]>;
  /** Keys to use instead of fetching the certs endpoint (local runs and tests). */
  jwks?: JSONWebKeySet;
}

/** The gate's variables, named as `wrangler types` names them in `Env` (worker-configuration.d.ts). */
export type GateVariable = Extract<keyof Env, `ACCESS_${string}`>;
/** What the gate reads: any of its variables, in whatever shape the platform delivers them. */
export type GateEnv = { readonly [name in GateVariable]?: unknown };

export type GateConfigResult = { ok: true; config: GateConfig } | { ok: false; problems: string[] };

const AUD_TAG = /^[0-9a-f]{64}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const AUD_MESSAGE = 'is not an AUD tag (64 hex characters)';
const JWKS_MESSAGE = 'must be a JWKS: {"keys": [ ...JWKs ]}';
const TEAM_EXAMPLE = 'https://<team>.cloudflareaccess.com';

const isPresent = (value: unknown) => value !== undefined && value !== null && value !== '';

/** Objects pass through; text is parsed as JSON first. */
const jsonValue = z.pipe(
  z.unknown(),
  z.transform((value, ctx) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.issues.push({ code: 'custom', message: 'is not valid JSON', input: value });
      return z.NEVER;
    }
  }),
);

/** Plain http is only for a certs server on this machine during tests. */
function isTeamOrigin(url: URL): boolean {
  const schemeOk = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  return schemeOk && url.pathname.replace(/\/$/, '') === '' && !url.search && !url.hash && !url.username;
}

const TEAM_MISSING = `is missing (expected ${TEAM_EXAMPLE})`;

const teamDomainSchema = z.pipe(
  z.string({ error: TEAM_MISSING }).check(z.trim(), z.minLength(1, TEAM_MISSING)),
  z.pipe(
    z.transform((value: string, ctx) => {
      try {
        return new URL(value);
      } catch {
        ctx.issues.push({ code: 'custom', message: `is not a URL (expected ${TEAM_EXAMPLE})`, input: value });
        return z.NEVER;
      }
    }),
    z.pipe(
      z.custom<URL>((url) => url instanceof URL && isTeamOrigin(url), `must be an https origin with no path, e.g. ${TEAM_EXAMPLE}`),
      z.transform((url: URL) => url.origin),
    ),
  ),
);

const AUDIENCES_MISSING = 'is missing (expected {"<demo slug>": ["<AUD tag>", ...]})';
const AUD_LIST = 'must be a non-empty array of AUD tags';

const audiencesSchema = z.pipe(
  z.unknown().check(z.refine(isPresent, { message: AUDIENCES_MISSING, abort: true })),
  z.pipe(
    jsonValue,
    z.record(
      z.string(),
      z.array(z.string({ error: AUD_MESSAGE }).check(z.regex(AUD_TAG, AUD_MESSAGE)), { error: AUD_LIST }).check(z.minLength(1, AUD_LIST)),
      { error: 'must be a JSON object of demo slug → array of AUD tags' },
    ),
  ),
);

const jwksSchema = z.pipe(
  z.transform((value: unknown) => (isPresent(value) ? value : undefined)),
  z.optional(
    z.pipe(
      jsonValue,
      z.looseObject(
        { keys: z.array(z.looseObject({}), { error: JWKS_MESSAGE }).check(z.minLength(1, JWKS_MESSAGE)) },
        { error: JWKS_MESSAGE },
      ),
    ),
  ),
);

const gateEnvSchema = z.object({
  ACCESS_TEAM_DOMAIN: teamDomainSchema,
  ACCESS_AUDIENCES: audiencesSchema,
  ACCESS_JWKS: jwksSchema,
});

/** `ACCESS_AUDIENCES.scim-a[0] is not ...`: the variable, then where in its value. */
function describe(issue: z.core.$ZodIssue): string {
  const [name, ...rest] = issue.path.map(String);
  // A JWKS is judged whole: its message already says what the value must look like.
  if (name === 'ACCESS_JWKS') return `${name} ${issue.message}`;
  const where = rest.map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`)).join('');
  return `${name ?? 'the configuration'}${where} ${issue.message}`;
}

export function readGateConfig(env: GateEnv): GateConfigResult {
  const result = gateEnvSchema.safeParse({
    ACCESS_TEAM_DOMAIN: env.ACCESS_TEAM_DOMAIN,
    ACCESS_AUDIENCES: env.ACCESS_AUDIENCES,
    ACCESS_JWKS: env.ACCESS_JWKS,
  });
  if (!result.success) return { ok: false, problems: result.error.issues.map(describe) };
  const { ACCESS_TEAM_DOMAIN: teamDomain, ACCESS_AUDIENCES: audiences, ACCESS_JWKS: jwks } = result.data;
  return { ok: true, config: jwks ? { teamDomain, audiences, jwks } : { teamDomain, audiences } };
}
