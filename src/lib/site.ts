/**
 * The site's own facts, in one place: its name, its default domain, the paths of its pages, and a
 * demo's two addresses. Pure values and functions of a domain, with no build-time values, so the
 * gate uses them on either deploy target (Workers or Pages) as well as the pages do.
 *
 * The domain itself is configuration: `SITE_DOMAIN` at build time (src/build/site-manifest.ts),
 * which astro.config.mjs makes the `site` URL; a page reads it as `domainOf(Astro.site)`.
 */

export const SITE_NAME = 'Barbican Identity Demo';

/** The demo's own domain: where the site lives unless `SITE_DOMAIN` names another at build time. */
export const DEFAULT_DOMAIN = 'barbicancloud.co.uk';

/** The pages the site links from its frame, its tools and its gate. */
export const PATHS = {
  home: '/',
  guides: '/guides/',
  inspector: '/inspect/',
  troubleshooting: '/guides/troubleshooting/',
  search: '/search/',
} as const;

/** A public guide: a shared guide's name, or a demo's slug (its setup guide). */
export const guidePath = (name: string): string => `${PATHS.guides}${name}/`;

/** The domain of the `site` URL a page was built for (`Astro.site`). */
export const domainOf = (site: URL | undefined): string => site?.hostname ?? DEFAULT_DOMAIN;

export interface DemoRoutes {
  /** `barbicancloud.co.uk/scim-a/`, as shown to readers and typed into Access. */
  pathLabel: string;
  subdomainLabel: string;
  pathUrl: string;
  subdomainUrl: string;
}

export function demoRoutes(slug: string, domain: string): DemoRoutes {
  return {
    pathLabel: `${domain}/${slug}/`,
    subdomainLabel: `${slug}.${domain}`,
    pathUrl: `https://${domain}/${slug}/`,
    subdomainUrl: `https://${slug}.${domain}/`,
  };
}

/** The demo slug a request's host names (`scim-a.barbicancloud.co.uk` → `scim-a`), if any. */
export function slugFromHost(host: string | null, domain: string): string | undefined {
  if (!host) return undefined;
  const hostname = host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  const suffix = `.${domain.toLowerCase()}`;
  if (!hostname.endsWith(suffix)) return undefined;
  const label = hostname.slice(0, -suffix.length);
  return /^[a-z0-9-]+$/.test(label) && label !== 'www' ? label : undefined;
}
