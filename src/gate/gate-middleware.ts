/**
 * The gate in the Worker: Astro middleware that runs before every on-demand page. For a demo
 * page (by path or by subdomain) the Access token is verified before any restricted HTML is
 * rendered. Prerendered pages (home, guides) are public and pass straight through.
 *
 * Added by the gate integration (src/gate/gate-integration.ts) to builds only: `astro dev` has
 * no Access in front of it and runs the dev stand-in from src/dev/ instead.
 */
import { defineMiddleware } from 'astro:middleware';
import manifest from 'virtual:barbican/site-manifest';
import { gateRequest } from './gate-request.ts';
import { GATED_CACHE_CONTROL } from './gate-response.ts';
import { setDemoLocals } from './site-manifest.ts';
import { workerEnv } from '../lib/worker-env.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  const outcome = await gateRequest(context.request, await workerEnv(), manifest);
  if (outcome.kind === 'public') return next();
  if (outcome.kind === 'redirect' || outcome.kind === 'refused') return outcome.response;
  // The page renders exactly the demo that was gated (on scim-a.<domain>/scim-b/ that is scim-a).
  setDemoLocals(context.locals, outcome, { email: outcome.email });
  const response = await next();
  response.headers.set('Cache-Control', GATED_CACHE_CONTROL);
  return response;
});
