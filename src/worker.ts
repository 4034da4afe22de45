/**
 * The Worker entry. Astro's handler does the rendering; this adds the two things it cannot:
 * - subdomain routing: `<slug>.<domain>/` serves the demo `/<slug>/` (wrangler.jsonc routes "/"
 *   to the Worker first, because static assets would otherwise answer it with the home page);
 * - the security headers on every response the Worker returns;
 * - modulepreload links for the chunks a rendered page's scripts import (src/lib/module-preloads.ts).
 */
import { handle } from '@astrojs/cloudflare/handler';
import { withSecurityHeaders } from './security/security-headers.ts';
import manifest from 'virtual:barbican/site-manifest';
import { demoForRequest } from './gate/site-manifest.ts';
import { MODULE_PRELOADS, withModulePreloads } from './lib/module-preloads.ts';

type Handle = typeof handle;

export function routeSubdomain(request: Request): Request {
  const url = new URL(request.url);
  const target = demoForRequest(manifest, url, request.headers.get('host'));
  if (!target?.onSubdomain || url.pathname !== '/') return request;
  url.pathname = `/${target.demo.slug}/`;
  return new Request(url, request);
}

/** A page the Worker rendered, with its scripts' chunks preloaded; anything else as it was. */
async function withPreloads(response: Response): Promise<Response> {
  if (!response.headers.get('content-type')?.startsWith('text/html') || Object.keys(MODULE_PRELOADS).length === 0) return response;
  const html = withModulePreloads(await response.text(), MODULE_PRELOADS);
  return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
}

export default {
  async fetch(request: Parameters<Handle>[0], env: Parameters<Handle>[1], context: Parameters<Handle>[2]): Promise<Response> {
    // The adapter types its answer with the Workers runtime's Response, whose types this project does
    // not load (src/env.d.ts says why): it is the same object as the web standard's.
    const response = (await handle(routeSubdomain(request), env, context)) as Response;
    return withSecurityHeaders(await withPreloads(response));
  },
};
