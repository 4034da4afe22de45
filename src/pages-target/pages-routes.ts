/**
 * `_routes.json` for the Pages build: which requests invoke `_worker.js`
 * (https://developers.cloudflare.com/pages/functions/routing/#create-a-_routesjson-file).
 * Only `/` (where a demo's subdomain is routed to its demo) and the demo paths; every other page,
 * including any public page added later, is served as a static file without running code, and
 * hashed assets never run it. Functions requests count against the plan's daily limit: static
 * files do not.
 */
import type { SiteManifest } from '../gate/site-manifest.ts';
import { IMMUTABLE_ASSET_PATH } from '../security/security-headers.ts';

export interface PagesRoutes {
  version: 1;
  include: string[];
  exclude: string[];
}

/** Pages' documented limits on `_routes.json`. */
export const ROUTES_LIMITS = { maxRules: 100, maxRuleLength: 100 } as const;

export function pagesRoutes(manifest: SiteManifest): PagesRoutes {
  return {
    version: 1,
    include: ['/', ...manifest.demos.flatMap(({ slug }) => [`/${slug}`, `/${slug}/*`])],
    exclude: [IMMUTABLE_ASSET_PATH],
  };
}

/** What breaks Pages' limits, in words; empty when the file is deployable. */
export function routesProblems(routes: PagesRoutes): string[] {
  const problems: string[] = [];
  const rules = [...routes.include, ...routes.exclude];
  if (routes.include.length < 1) problems.push('_routes.json must include at least one rule');
  if (rules.length > ROUTES_LIMITS.maxRules) {
    problems.push(`_routes.json has ${rules.length} rules; Pages allows ${ROUTES_LIMITS.maxRules} (each demo takes 2)`);
  }
  for (const rule of rules) {
    if (rule.length > ROUTES_LIMITS.maxRuleLength)
      problems.push(`_routes.json rule "${rule}" is longer than ${ROUTES_LIMITS.maxRuleLength} characters`);
    if (!rule.startsWith('/')) problems.push(`_routes.json rule "${rule}" must start with /`);
  }
  return problems;
}
