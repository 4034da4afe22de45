/**
 * What the gate knows about the site, generated at build time from the demos collection
 * (src/build/site-manifest.ts) and imported as `virtual:barbican/site-manifest`: the domain and
 * each demo's slug and gate. The gate needs nothing else, so it runs the same way in the Worker
 * and in a Pages `_worker.js`, with neither `astro:content` nor `import.meta.env` at run time.
 */
import type { DemoGate } from '../schemas/demo.ts';
import { slugFromHost } from '../lib/site.ts';

export interface ManifestDemo {
  slug: string;
  gate: DemoGate;
}

export interface SiteManifest {
  /** The apex domain (`barbicancloud.co.uk`): demos live at `/<slug>/` and `<slug>.<domain>`. */
  domain: string;
  /** In home-page order. */
  demos: ManifestDemo[];
}

/** The demo a request is for, and whether it came in on the demo's own subdomain. */
export interface DemoRequest {
  demo: ManifestDemo;
  onSubdomain: boolean;
}

/**
 * The first segment of a URL path as a file server would read it: percent-decoded (so
 * `/scim%2Da/` and `/%73cim-a/` name `scim-a`, as they do to the Pages asset server) and lower
 * case (slugs are lower case, and hosts are matched without case). `null` when an escape is
 * malformed anywhere in the path: such a path names no demo, and neither target has a page for
 * it (404), since on both the demo's HTML is only ever served by the gate.
 * WHATWG URL parsing leaves percent-escapes in the path as they were sent
 * (https://url.spec.whatwg.org/#path-state), so decoding is left to whoever reads it.
 */
export function firstPathSegment(pathname: string): string | undefined | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  // An escaped slash or backslash (`/scim-a%2Findex.html`) splits the path as a decoded one would.
  return decoded.split(/[/\\]/).find(Boolean)?.toLowerCase();
}

/**
 * The demo named by the host wins over the path: on `scim-a.<domain>/scim-b/` the request is for
 * scim-a, so no path is a way round a subdomain's gate. The path is matched decoded and without
 * case (firstPathSegment), so no spelling of a demo's path reaches the page without the gate.
 */
export function demoForRequest(manifest: SiteManifest, url: URL, host: string | null): DemoRequest | undefined {
  const bySlug = (slug: string | undefined | null) => (slug ? manifest.demos.find((demo) => demo.slug === slug) : undefined);
  const hostDemo = bySlug(slugFromHost(host ?? url.host, manifest.domain));
  if (hostDemo) return { demo: hostDemo, onSubdomain: true };
  const pathDemo = bySlug(firstPathSegment(url.pathname));
  return pathDemo ? { demo: pathDemo, onSubdomain: false } : undefined;
}

/**
 * Tells the demo page (App.Locals, src/env.d.ts) which demo the request was let in for, whether
 * it came on that demo's subdomain, and who: the same for the Worker's gate and the dev stand-in.
 */
export function setDemoLocals(locals: App.Locals, { demo, onSubdomain }: DemoRequest, access: NonNullable<App.Locals['access']>): void {
  locals.demoSlug = demo.slug;
  if (onSubdomain) locals.demoHost = demo.slug;
  locals.access = access;
}
