/** Shared facts of the end-to-end environment: ports, the test team, AUD tags, key file. */
import { fileURLToPath } from 'node:url';
import { audTag } from './test-keys.ts';

/**
 * Every port the end-to-end run opens is an offset from E2E_PORT (default 8788), so two checkouts
 * on one machine can run their suites side by side with different bases.
 */
export const SITE_PORT = Number(process.env['E2E_PORT'] ?? 8788);
export const CERTS_PORT = Number(process.env['E2E_CERTS_PORT'] ?? SITE_PORT + 1);
/** Ports for specs that start wrangler dev instances of their own: SITE_PORT + 3 + index. */
export function extraPort(index: number): number {
  return SITE_PORT + 3 + index;
}
export const BASE_URL = `http://127.0.0.1:${SITE_PORT}`;
/** The fake team domain: a certs server on this machine (the gate allows http only on loopback). */
export const TEAM_DOMAIN = `http://127.0.0.1:${CERTS_PORT}`;
export const KEYS_FILE = fileURLToPath(new URL('../../test-results/e2e-keys.json', import.meta.url));

/** Every demo has two Access applications: its path and its subdomain. */
export const AUDIENCES: Record<string, string[]> = {
  'scim-a': [audTag('scim-a path'), audTag('scim-a subdomain')],
  'scim-b': [audTag('scim-b path'), audTag('scim-b subdomain')],
  oidc: [audTag('oidc path'), audTag('oidc subdomain')],
  saml: [audTag('saml path'), audTag('saml subdomain')],
};
