/**
 * What the gate knows about the site, generated at build time from the demos collection
 * (src/build/site-manifest.ts) and imported as `virtual:barbican/site-manifest`: the domain and
 * each demo's slug and gate. The gate needs nothing else, so it runs the same way in the Worker
 * and in a Pages `_worker.js`, with neither `astro:content` nor `import.meta.env` at run time.
 */
import type { DemoGate } from '../schemas/demo.ts';
import { slugFromHost } from '../lib/site-routes.ts';

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
 * The demo named by the host wins over the path: on `scim-a.<domain>/scim-b/` the request is for
 * scim-a, so no path is a way round a subdomain's gate.
 */
export function demoForRequest(manifest: SiteManifest, url: URL, host: string | null): DemoRequest | undefined {
  const bySlug = (slug: string | undefined) => manifest.demos.find((demo) => demo.slug === slug);
  const hostDemo = bySlug(slugFromHost(host ?? url.host, manifest.domain));
  if (hostDemo) return { demo: hostDemo, onSubdomain: true };
  const pathDemo = bySlug(url.pathname.split('/').find(Boolean));
  return pathDemo ? { demo: pathDemo, onSubdomain: false } : undefined;
}
