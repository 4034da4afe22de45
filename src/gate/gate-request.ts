/**
 * The gate for one request, as both deploy targets run it: the Worker's middleware
 * (src/gate/gate-middleware.ts) and the Pages `_worker.js` (src/pages-target/pages-worker.ts).
 * A request that is not for a demo is public; `/<slug>` is redirected to `/<slug>/` before any
 * check (demo-slash-redirect.ts); any other demo request is either refused with the gate's own
 * page, or allowed with the verified email.
 */
import { decideAccess } from './access-gate.ts';
import type { GateEnv } from './gate-config.ts';
import { demoSlashRedirect } from './demo-slash-redirect.ts';
import { gateResponse } from './gate-response.ts';
import { demoForRequest, type DemoRequest, type SiteManifest } from './site-manifest.ts';

export type GateOutcome =
  | { kind: 'public' }
  | { kind: 'redirect'; response: Response }
  | { kind: 'refused'; response: Response }
  | ({ kind: 'allowed'; email: string | undefined } & DemoRequest);

export async function gateRequest(request: Request, env: GateEnv, manifest: SiteManifest): Promise<GateOutcome> {
  const url = new URL(request.url);
  const redirect = demoSlashRedirect(url, manifest);
  if (redirect) return { kind: 'redirect', response: redirect };
  const target = demoForRequest(manifest, url, request.headers.get('host'));
  if (!target) return { kind: 'public' };
  const decision = await decideAccess(request, target.demo.slug, env);
  if (!decision.allow)
    return { kind: 'refused', response: gateResponse(decision.status, decision.reason, target.demo.slug, manifest.domain) };
  return { kind: 'allowed', email: decision.email, ...target };
}
