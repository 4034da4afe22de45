/**
 * Cloudflare Access's protocol names, in one place: the gate, the identity card, the dev mock,
 * the audit stand-in and the tests all import them from here.
 *
 * Sources (Cloudflare One docs):
 * - token header and cookie: https://developers.cloudflare.com/cloudflare-one/access-controls/applications/http-apps/authorization-cookie/validating-json/
 * - get-identity: https://developers.cloudflare.com/cloudflare-one/access-controls/applications/http-apps/authorization-cookie/application-token/#user-identity
 * - logout: https://developers.cloudflare.com/cloudflare-one/access-controls/access-settings/session-management/
 */

/** Request header in which Access forwards the application token to the origin. */
export const TOKEN_HEADER = 'Cf-Access-Jwt-Assertion';
/** Cookie that carries the same token in browsers (not guaranteed to reach the origin). */
export const AUTH_COOKIE = 'CF_Authorization';
/** Same-origin path at which Access answers with the signed-in user's full identity. */
export const IDENTITY_PATH = '/cdn-cgi/access/get-identity';
/** Path, under the team domain, of the JWKS that signs application tokens. */
export const CERTS_PATH = '/cdn-cgi/access/certs';
/** Path that ends the Access session (on the application or the team domain). */
export const LOGOUT_PATH = '/cdn-cgi/access/logout';
