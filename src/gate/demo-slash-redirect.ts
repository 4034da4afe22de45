/**
 * `/<slug>` (exactly, no trailing slash) is sent on to `/<slug>/` before the gate runs.
 *
 * Cloudflare's application paths: an application for `example.com/alpha/*` covers
 * `example.com/alpha/one` but "does not cover" `example.com/alpha`
 * (https://developers.cloudflare.com/cloudflare-one/access-controls/policies/app-paths/). A site
 * whose Access application was made for `<domain>/<slug>/*` therefore receives `/<slug>` with no
 * Access token, and the gate would refuse a visitor whom Access would have let in. The redirect
 * sends them to the path the application covers; the guides recommend `<domain>/<slug>`, which
 * covers both.
 *
 * The `Location` is built from the demo's slug and the parsed query, never from the raw path, so
 * no spelling of a path (`//scim-a`, `/scim-a%2F`) can turn it into a redirect to another host.
 * Other spellings (`/SCIM-A`, `/scim%2Da`) are not redirected: they keep the gate's own handling.
 */
import type { SiteManifest } from './site-manifest.ts';

/** 308 keeps the method and body, as Cloudflare's own trailing-slash redirects do for assets. */
export const SLASH_REDIRECT_STATUS = 308;

export function demoSlashRedirect(url: URL, manifest: SiteManifest): Response | undefined {
  const demo = manifest.demos.find(({ slug }) => url.pathname === `/${slug}`);
  if (!demo) return undefined;
  return new Response(null, {
    status: SLASH_REDIRECT_STATUS,
    headers: { Location: `/${demo.slug}/${url.search}` },
  });
}
