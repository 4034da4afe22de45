/**
 * The page the gate answers with instead of a demo: 403, 500 or 503, self-contained (no scripts,
 * no restricted content, nothing cached), saying why and how to get in. The same page on both
 * deploy targets (the Worker and a Pages `_worker.js`).
 */
import type { GateStatus } from './access-gate.ts';
import { escapeHtml } from '../lib/escape-html.ts';
import { demoRoutes, PATHS, SITE_NAME } from '../lib/site.ts';

/** Gated answers are for one visitor: never stored by a browser or a shared cache. */
export const GATED_CACHE_CONTROL = 'private, no-store';

const TITLES: Record<GateStatus, string> = {
  403: 'Sign in through Cloudflare Access',
  500: 'Something went wrong',
  503: 'This demo is closed for now',
};

export function gateResponse(status: GateStatus, reason: string, slug: string, domain: string): Response {
  const routes = demoRoutes(slug, domain);
  const title = TITLES[status];
  const advice =
    status === 403
      ? `This page is only served to visitors whom Cloudflare Access has signed in. Open it at <a href="${escapeHtml(routes.pathUrl)}">${escapeHtml(routes.pathLabel)}</a> or <a href="${escapeHtml(routes.subdomainUrl)}">${escapeHtml(routes.subdomainLabel)}</a>, and Access will ask you to sign in with Microsoft Entra ID.`
      : status === 503
        ? 'The site owner has not finished configuring the Access check for this demo, or it cannot reach Cloudflare Access right now. Nothing restricted is served until it can.'
        : 'The site could not check your sign-in because of an error of its own. Nothing restricted is served; please try again later.';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${status} · ${escapeHtml(title)}</title>
<style>body{font:1rem/1.6 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2328;background:#fff}a{color:#0a58ca}@media(prefers-color-scheme:dark){body{color:#e6edf3;background:#0d1117}a{color:#4493f8}}code{font-size:.9em}</style>
</head><body><main>
<h1>${escapeHtml(title)}</h1>
<p data-gate-reason>${escapeHtml(reason)}</p>
<p>${advice}</p>
${status === 403 ? `<p>Signed in and still refused? The <a href="${escapeHtml(`https://${domain}${PATHS.inspector}`)}">inspector</a> shows what Access sees and why, and <a href="${escapeHtml(`https://${domain}${PATHS.troubleshooting}#gate-403`)}">troubleshooting</a> what each reason means.</p>\n` : ''}<p><a href="${escapeHtml(`https://${domain}${PATHS.home}`)}">Back to the ${SITE_NAME}</a></p>
</main></body></html>`;
  return new Response(html, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': GATED_CACHE_CONTROL },
  });
}
