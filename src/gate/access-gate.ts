/**
 * The gate's decision for one request to a gated demo: allow (with the verified email), 403
 * (no or bad token) or 503 (the gate is not configured, so it fails closed).
 */
import { accessKeys } from './access-keys.ts';
import { readGateConfig, type GateConfigResult } from './gate-config.ts';
import { verifyAccessToken } from './verify-access-token.ts';
import { TOKEN_HEADER } from '../access/protocol.ts';

export { TOKEN_HEADER };

export type GateDecision =
  | { allow: true; email: string | undefined }
  | { allow: false; status: 403 | 503; reason: string };

// The Worker's env object lives as long as the isolate: parse its configuration once.
const configCache = new WeakMap<object, GateConfigResult>();

function configFor(env: Record<string, unknown>): GateConfigResult {
  let result = configCache.get(env);
  if (!result) {
    result = readGateConfig(env);
    configCache.set(env, result);
  }
  return result;
}

export async function decideAccess(request: Request, slug: string, env: Record<string, unknown>): Promise<GateDecision> {
  const config = configFor(env);
  if (!config.ok) {
    console.error(`[gate] ${slug}: refusing (503), configuration problems: ${config.problems.join('; ')}`);
    return { allow: false, status: 503, reason: 'This demo is not configured yet, so it stays closed.' };
  }
  const audiences = config.config.audiences[slug];
  if (!audiences) {
    console.error(`[gate] ${slug}: refusing (503), ACCESS_AUDIENCES has no entry for "${slug}"`);
    return { allow: false, status: 503, reason: 'This demo is not configured yet, so it stays closed.' };
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
