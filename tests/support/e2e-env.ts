/** Shared facts of the end-to-end environment: ports, the test team, AUD tags, key file. */
import { fileURLToPath } from 'node:url';
import { audTag } from './test-keys.ts';

export const SITE_PORT = Number(process.env['E2E_PORT'] ?? 8788);
export const CERTS_PORT = Number(process.env['E2E_CERTS_PORT'] ?? 8789);
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
