/**
 * Dev-only stand-in for the gate: `astro dev` has no Access in front of it, so a demo page is
 * opened as if Access had let a visitor in, with an email that says so. Added by the dev
 * integration (dev-access-mock.ts) to the dev server only; builds run src/gate/gate-middleware.ts,
 * and a test checks that nothing of this file reaches either build.
 */
import { defineMiddleware } from 'astro:middleware';
import manifest from 'virtual:barbican/site-manifest';
import { demoForRequest, setDemoLocals } from '../gate/site-manifest.ts';

export const DEV_BYPASS_EMAIL = 'dev-bypass@localhost';

export const onRequest = defineMiddleware((context, next) => {
  if (context.isPrerendered) return next();
  const target = demoForRequest(manifest, context.url, context.request.headers.get('host'));
  if (!target) return next();
  setDemoLocals(context.locals, target, { email: DEV_BYPASS_EMAIL, devBypass: true });
  return next();
});
