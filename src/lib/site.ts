/**
 * Where the site lives. The domain is configuration (`SITE_DOMAIN` at build time), defaulting
 * to the demo's own domain; every demo is reachable under it by path and by subdomain.
 */
import { DEFAULT_DOMAIN, demoRoutes as routesUnder, type DemoRoutes } from './site-routes.ts';

export type { DemoRoutes };

export const SITE_NAME = 'Barbican Identity Demo';

export const SITE_DOMAIN: string = new URL(import.meta.env.SITE ?? `https://${DEFAULT_DOMAIN}`).hostname;

export function demoRoutes(slug: string, domain: string = SITE_DOMAIN): DemoRoutes {
  return routesUnder(slug, domain);
}
