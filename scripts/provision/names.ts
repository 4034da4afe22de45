/**
 * What `npm run provision` calls the objects it makes, and how it recognises them again. Every
 * name carries one fixed prefix (the demo's groups keep the names the demo pages use), and where
 * the API has a field for it the object also carries a marker: an Entra group's `description`,
 * an application's or service principal's `notes`, an Access application's tag. An object with
 * one of these names but without the marker was made by someone else (a reader following the
 * guides by hand): the tool leaves it alone unless told to adopt it (`--adopt`).
 */
import { demoPolicyName } from '../../src/policy/demo-policy.ts';

/** The prefix of every name the tool gives (the demo policies' names already start with it). */
export const NAME_PREFIX = 'Barbican demo: ';

/** The marker, searched for in descriptions and notes. */
export const MARKER = '[barbican-identity-demo:provision]';

/** The text written into a description or notes field: the marker and what it means. */
export const MARKER_TEXT = `Managed by npm run provision (Barbican Identity Demo) ${MARKER}; npm run provision -- destroy removes it.`;

export const hasMarker = (text: string | null | undefined): boolean => typeof text === 'string' && text.includes(MARKER);

/**
 * The Access tag on every Access application the tool creates (Access applications have `tags`;
 * a tag must exist in the account before an application names it).
 */
export const ACCESS_TAG = 'barbican-demo';

export const SIGN_IN_APP = `${NAME_PREFIX}Entra ID sign-in`;
export const SCIM_APP = `${NAME_PREFIX}SCIM provisioning`;
export const SAML_APP = `${NAME_PREFIX}SAML sign-in`;
/** The display name of the sign-in app's client secret (a password credential). */
export const CLIENT_SECRET_NAME = `${NAME_PREFIX}Cloudflare Access`;
export const AZURE_IDP = `${NAME_PREFIX}Entra ID`;
export const SAML_IDP = `${NAME_PREFIX}Entra ID (SAML)`;

export type AppRoute = 'path' | 'subdomain';
export const ACCESS_APP_ROUTES: readonly AppRoute[] = ['path', 'subdomain'];

export const accessAppName = (slug: string, route: AppRoute): string => `${NAME_PREFIX}${slug} (${route})`;
export { demoPolicyName };

/**
 * The SCIM service principal's notes also say what became of the SCIM secret of which Cloudflare
 * identity provider: Cloudflare shows that secret once, and Graph cannot read it back, so this is
 * how a later run knows whether a run stopped in between ("stored"), or whether the secret was lost
 * and Cloudflare would not issue a new one ("lost": regenerating it is a manual step, so later plans
 * list it as one instead of trying again).
 */
export const scimSecretNote = (idpId: string): string => `${MARKER_TEXT} SCIM secret stored for Cloudflare identity provider ${idpId}.`;
export const scimSecretLostNote = (idpId: string): string =>
  `${MARKER_TEXT} SCIM secret lost for Cloudflare identity provider ${idpId}: regenerate it in the dashboard.`;

export function scimSecretStoredFor(notes: string | null | undefined): string | undefined {
  return notes?.match(/SCIM secret stored for Cloudflare identity provider ([\w-]+)\./)?.[1];
}

export function scimSecretLostFor(notes: string | null | undefined): string | undefined {
  return notes?.match(/SCIM secret lost for Cloudflare identity provider ([\w-]+):/)?.[1];
}

/**
 * Written into the sign-in service principal's notes when Graph refused to grant admin consent:
 * later plans then list the portal step as manual instead of an apply that is refused each time.
 */
export const CONSENT_REFUSED = 'Admin consent was refused to this tool (403): an administrator grants it in the portal.';
export const consentRefusedIn = (notes: string | null | undefined): boolean => notes?.includes(CONSENT_REFUSED) === true;
