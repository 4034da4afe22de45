/**
 * A demo's two addresses, and the demo a request's host names. Pure functions of a domain, with
 * no build-time values, so the gate can use them on either deploy target (Workers or Pages).
 */

/** The demo's own domain: where the site lives unless `SITE_DOMAIN` names another at build time. */
export const DEFAULT_DOMAIN = 'barbicancloud.co.uk';
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
