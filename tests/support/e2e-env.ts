/** Shared facts of the end-to-end environment: ports, the test teams, AUD tags, key file. */
import { fileURLToPath } from 'node:url';
import type { DeployTarget } from '../../scripts/lib/local-site/site-process.ts';

export type { DeployTarget };
export { AUDIENCES } from '../../scripts/lib/local-site/gated-site.ts';

/**
 * Every port the end-to-end run opens is an offset from E2E_PORT (default 8788), so two checkouts
 * on one machine can run their suites side by side with different bases: base + 0..13, and
 * + 10000 for each wrangler's inspector (site-process.ts).
 */
export const SITE_PORT = Number(process.env['E2E_PORT'] ?? 8788);
export const CERTS_PORT = Number(process.env['E2E_CERTS_PORT'] ?? SITE_PORT + 1);
export const PAGES_PORT = SITE_PORT + 2;
export const PAGES_CERTS_PORT = SITE_PORT + 3;
/** Ports for specs that start servers of their own: SITE_PORT + 4 + index (index 0..9). */
export function extraPort(index: number): number {
  return SITE_PORT + 4 + index;
}
export const BASE_URL = `http://127.0.0.1:${SITE_PORT}`;
export const PAGES_URL = `http://127.0.0.1:${PAGES_PORT}`;

/** Each target's fake team: a certs server on this machine (the gate allows http only on loopback). */
export const TEAM_DOMAIN = `http://127.0.0.1:${CERTS_PORT}`;
export const PAGES_TEAM_DOMAIN = `http://127.0.0.1:${PAGES_CERTS_PORT}`;

export interface TargetSite {
  baseUrl: string;
  teamDomain: string;
}

export const TARGET_SITES: Record<DeployTarget, TargetSite> = {
  workers: { baseUrl: BASE_URL, teamDomain: TEAM_DOMAIN },
  pages: { baseUrl: PAGES_URL, teamDomain: PAGES_TEAM_DOMAIN },
};

export const KEYS_FILE = fileURLToPath(new URL('../../test-results/e2e-keys.json', import.meta.url));
