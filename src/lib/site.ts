/**
 * Where the site lives. The domain is configuration (`SITE_DOMAIN` at build time), defaulting
 * to the demo's own domain; every demo is reachable under it by path and by subdomain.
 */
export const SITE_NAME = 'Barbican Identity Demo';

export const SITE_DOMAIN: string = new URL(import.meta.env.SITE ?? 'https://barbicancloud.co.uk').hostname;

export interface DemoRoutes {
  /** `barbicancloud.co.uk/scim-a/`, as shown to readers and typed into Access. */
  pathLabel: string;
  subdomainLabel: string;
  pathUrl: string;
  subdomainUrl: string;
}

export function demoRoutes(slug: string, domain: string = SITE_DOMAIN): DemoRoutes {
  return {
    pathLabel: `${domain}/${slug}/`,
    subdomainLabel: `${slug}.${domain}`,
    pathUrl: `https://${domain}/${slug}/`,
    subdomainUrl: `https://${slug}.${domain}/`,
  };
}

/** The demo slug a request's host names (`scim-a.barbicancloud.co.uk` → `scim-a`), if any. */
export function slugFromHost(host: string | null, domain: string = SITE_DOMAIN): string | undefined {
  if (!host) return undefined;
  const hostname = host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  const suffix = `.${domain.toLowerCase()}`;
  if (!hostname.endsWith(suffix)) return undefined;
  const label = hostname.slice(0, -suffix.length);
  return /^[a-z0-9-]+$/.test(label) && label !== 'www' ? label : undefined;
}
