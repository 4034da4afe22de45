/**
 * Runs before every on-demand page. For a demo page (by path or by subdomain) it runs the gate:
 * the Access token is verified before any restricted HTML is rendered. Prerendered pages
 * (home, guides) are public and pass straight through.
 */
import { defineMiddleware } from 'astro:middleware';
import { decideAccess } from './gate/access-gate.ts';
import { gateResponse } from './gate/gate-response.ts';
import { demoBySlug } from './lib/demos.ts';
import { slugFromHost } from './lib/site.ts';
import { workerEnv } from './lib/worker-env.ts';

function firstSegment(pathname: string): string | undefined {
  return pathname.split('/').find(Boolean);
}

export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();

  const hostSlug = slugFromHost(context.request.headers.get('host'));
  const hostDemo = hostSlug ? await demoBySlug(hostSlug) : undefined;
  if (hostDemo) context.locals.demoHost = hostDemo.data.slug;
  const demo = hostDemo ?? (await demoBySlug(firstSegment(context.url.pathname) ?? ''));
  if (!demo) return next();
  // The page renders exactly the demo that was gated (on scim-a.<domain>/scim-b/ that is scim-a).
  context.locals.demo = demo;

  if (import.meta.env.DEV) {
    // Dev-only bypass: `astro dev` has no Access in front of it. Compiled out of production
    // builds (import.meta.env.DEV is false there), which a test checks.
    context.locals.access = { email: 'dev-bypass@localhost', devBypass: true };
    return next();
  }

  const decision = await decideAccess(context.request, demo.data.slug, await workerEnv());
  if (!decision.allow) return gateResponse(decision.status, decision.reason, demo.data.slug);
  context.locals.access = { email: decision.email };
  const response = await next();
  response.headers.set('Cache-Control', 'private, no-store');
  return response;
});
