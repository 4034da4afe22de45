/**
 * The Pages build's `_worker.js` (advanced mode,
 * https://developers.cloudflare.com/pages/functions/advanced-mode/). `_routes.json` sends it only
 * `/` and the demo paths; everything else is a static file. It runs the same gate as the Worker
 * (src/gate/gate-request.ts) and then serves the demo page, personalised at the edge. The demo
 * pages are not static files (src/pages-target/demo-pages.ts): their HTML is bundled here, so
 * nothing but this gate can serve it, and the asset server is never asked for one.
 */
import demoPages from 'virtual:barbican/demo-pages';
import manifest from 'virtual:barbican/site-manifest';
import { gateRequest, type GateOutcome } from '../gate/gate-request.ts';
import { GATED_CACHE_CONTROL } from '../gate/gate-response.ts';
import { firstPathSegment } from '../gate/site-manifest.ts';
import { withSecurityHeaders } from '../security/security-headers.ts';
import { gatedPage } from './gated-page.ts';

type Allowed = Extract<GateOutcome, { kind: 'allowed' }>;

/**
 * Whether an allowed request asks for the demo page itself: `/<slug>/` (with or without the
 * trailing slash, in any spelling the gate matches), and on a demo's subdomain `/` or any demo's
 * path, as in the Worker, where the demo named by the host wins over the path. Either way the
 * page served is the demo the gate checked, never the one a path names.
 */
export function isDemoPage(pathname: string, outcome: Allowed): boolean {
  if (outcome.onSubdomain && pathname === '/') return true;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  if (!/^\/[^/\\]+\/?$/.test(decoded)) return false;
  const slug = firstPathSegment(pathname);
  return outcome.onSubdomain ? manifest.demos.some((demo) => demo.slug === slug) : slug === outcome.demo.slug;
}

function demoPage(slug: string): Response {
  const html = demoPages[slug];
  if (html === undefined) throw new Error(`_worker.js was bundled without the page of the demo "${slug}"`);
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

async function answer(request: Request, env: Env): Promise<Response> {
  const outcome = await gateRequest(request, env, manifest);
  if (outcome.kind === 'public') return env.ASSETS.fetch(request);
  if (outcome.kind === 'redirect' || outcome.kind === 'refused') return outcome.response;
  // Any other path under a demo: the static files hold no demo page, so this is the site's 404.
  const page = isDemoPage(new URL(request.url).pathname, outcome) ? demoPage(outcome.demo.slug) : await env.ASSETS.fetch(request);
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
          headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': GATED_CACHE_CONTROL },
        }),
      );
    }
  },
};
