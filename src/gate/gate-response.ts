/**
 * The page the gate answers with instead of a demo: 403 or 503, self-contained (no scripts, no
 * restricted content, nothing cached), saying why and how to get in.
 */
import { SITE_DOMAIN, demoRoutes } from '../lib/site.ts';

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function gateResponse(status: 403 | 503, reason: string, slug: string): Response {
  const routes = demoRoutes(slug);
  const title = status === 403 ? 'Sign in through Cloudflare Access' : 'This demo is closed for now';
  const advice =
    status === 403
      ? `This page is only served to visitors whom Cloudflare Access has signed in. Open it at <a href="${escapeHtml(routes.pathUrl)}">${escapeHtml(routes.pathLabel)}</a> or <a href="${escapeHtml(routes.subdomainUrl)}">${escapeHtml(routes.subdomainLabel)}</a>, and Access will ask you to sign in with Microsoft Entra ID.`
      : 'The site owner has not finished configuring the Access check for this demo. Nothing restricted is served until they do.';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${status} · ${escapeHtml(title)}</title>
<style>body{font:1rem/1.6 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2328;background:#fff}a{color:#0a58ca}@media(prefers-color-scheme:dark){body{color:#e6edf3;background:#0d1117}a{color:#4493f8}}code{font-size:.9em}</style>
</head><body><main>
<h1>${escapeHtml(title)}</h1>
<p data-gate-reason>${escapeHtml(reason)}</p>
<p>${advice}</p>
${status === 403 ? `<p>Signed in and still refused? The <a href="${escapeHtml(`https://${SITE_DOMAIN}/inspect/`)}">inspector</a> shows what Access sees and why.</p>\n` : ''}<p><a href="${escapeHtml(`https://${SITE_DOMAIN}/`)}">Back to the Barbican Identity Demo</a></p>
</main></body></html>`;
  return new Response(html, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'private, no-store' },
  });
}
