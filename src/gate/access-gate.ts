/**
 * The gate's decision for one request to a gated demo: allow (with the verified email), 403
 * (no or bad token), 503 (the gate is not configured, or the signing keys cannot be obtained: it
 * fails closed) or 500 (a bug in this code). Each refusal on the site's side logs why.
 */
import { accessKeys } from './access-keys.ts';
import { readGateConfig, type GateConfigResult, type GateEnv } from './gate-config.ts';
import { verifyAccessToken } from './verify-access-token.ts';
import { TOKEN_HEADER } from '../access/protocol.ts';

export type GateStatus = 403 | 500 | 503;

export type GateDecision = { allow: true; email: string | undefined } | { allow: false; status: GateStatus; reason: string };

const NOT_CONFIGURED = 'This demo is not configured yet, so it stays closed.';

// The env object lives as long as the isolate: parse its configuration once.
const configCache = new WeakMap<object, GateConfigResult>();

function configFor(env: GateEnv): GateConfigResult {
  let result = configCache.get(env);
  if (!result) {
    result = readGateConfig(env);
    configCache.set(env, result);
  }
  return result;
}

async function decide(request: Request, slug: string, env: GateEnv): Promise<GateDecision> {
  const config = configFor(env);
  if (!config.ok) {
    console.error(`[gate] ${slug}: refusing (503), configuration problems: ${config.problems.join('; ')}`);
    return { allow: false, status: 503, reason: NOT_CONFIGURED };
  }
  const audiences = config.config.audiences[slug];
  if (!audiences) {
    console.error(`[gate] ${slug}: refusing (503), ACCESS_AUDIENCES has no entry for "${slug}"`);
    return { allow: false, status: 503, reason: NOT_CONFIGURED };
  }
  const result = await verifyAccessToken(request.headers.get(TOKEN_HEADER), {
    issuer: config.config.teamDomain,
    audiences,
    keys: accessKeys(config.config),
  });
  if (result.ok) return { allow: true, email: typeof result.payload.email === 'string' ? result.payload.email : undefined };
  if (result.keysUnavailable) {
    console.error(`[gate] ${slug}: refusing (503), ${result.reason}`);
    return { allow: false, status: 503, reason: 'The Access signing keys could not be loaded, so this demo stays closed.' };
  }
  return { allow: false, status: 403, reason: `Access denied: ${result.reason}.` };
}

export async function decideAccess(request: Request, slug: string, env: GateEnv): Promise<GateDecision> {
  try {
    return await decide(request, slug, env);
  } catch (error) {
    // Not the visitor's token and not the keys: a bug here. Say so, serve nothing restricted.
    console.error(`[gate] ${slug}: failing (500), an error in the gate itself:`, error);
    return { allow: false, status: 500, reason: 'Something went wrong on our side while checking your sign-in.' };
  }
}
