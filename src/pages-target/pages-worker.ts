/**
 * The Pages build's `_worker.js` (advanced mode,
 * https://developers.cloudflare.com/pages/functions/advanced-mode/). `_routes.json` sends it only
 * `/` and the demo paths; everything else is a static file. It runs the same gate as the Worker
 * (src/gate/gate-request.ts) and then serves the prerendered demo page, personalised at the edge.
 */
import manifest from 'virtual:barbican/site-manifest';
import { gateRequest, type GateOutcome } from '../gate/gate-request.ts';
import { withSecurityHeaders } from '../security/security-headers.ts';
import { gatedPage } from './gated-page.ts';

type Allowed = Extract<GateOutcome, { kind: 'allowed' }>;

/**
 * The file to serve: on a demo's subdomain, `/` (and any demo's path) is that demo's page, as
 * in the Worker, where the demo named by the host wins over the path.
 */
export function pageUrl(request: Request, outcome: Allowed): URL {
  const url = new URL(request.url);
  if (!outcome.onSubdomain) return url;
  const first = url.pathname.split('/').find(Boolean);
  if (url.pathname === '/' || manifest.demos.some((demo) => demo.slug === first && url.pathname === `/${first}/`)) {
    url.pathname = `/${outcome.demo.slug}/`;
  }
  return url;
}

async function answer(request: Request, env: Env): Promise<Response> {
  const outcome = await gateRequest(request, env, manifest);
  if (outcome.kind === 'public') return env.ASSETS.fetch(request);
  if (outcome.kind === 'refused') return outcome.response;
  const page = await env.ASSETS.fetch(new Request(pageUrl(request, outcome), request));
  return gatedPage(page, outcome, manifest.domain);
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    try {
      return withSecurityHeaders(await answer(request, env));
    } catch (error) {
      console.error('[gate] failing (500), an error in the Pages worker:', error);
      return withSecurityHeaders(
        new Response('500 · Something went wrong on our side. Nothing restricted is served.', {
          status: 500,
          headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store' },
        }),
      );
    }
  },
};
