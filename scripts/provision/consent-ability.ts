/**
 * Whether the caller can grant tenant-wide admin consent to the sign-in app's delegated Microsoft
 * Graph permissions, judged before apply tries: so a plan lists the portal step as `manual` instead
 * of an apply that Graph refuses every time.
 *
 * Creating an AllPrincipals oauth2PermissionGrant needs DelegatedPermissionGrant.ReadWrite.All
 * (https://learn.microsoft.com/graph/api/oauth2permissiongrant-post) and, for a signed-in user, a
 * role that may grant consent to delegated permissions: Cloud Application Administrator,
 * Application Administrator, Privileged Role Administrator or Global Administrator
 * (https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent). Read first from
 * the token's own claims (`scp` and `wids` of a user's token, `roles` of an application's;
 * https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference), decoded,
 * never verified: the answer only chooses between trying and listing a manual step. When the token
 * does not say, from the caller's directory roles
 * (https://learn.microsoft.com/graph/api/user-list-transitivememberof); when that cannot be read
 * either, "unknown", and apply tries.
 */
import { decodeJwt, type JWTPayload } from 'jose';
import { GraphError, type GraphClient, type TokenSource } from './graph-client.ts';

export interface ConsentAbility {
  ability: 'can' | 'cannot' | 'unknown';
  /** Why, for the manual step's note ("" when it can). */
  reason: string;
}

/** The directory roles (template ids, the same in every tenant) that may grant consent to delegated permissions. */
export const GRANTING_ROLES: Readonly<Record<string, string>> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  'e8611ab8-c189-46e8-94e1-60213ab1f814': 'Privileged Role Administrator',
  '158c047a-c907-4556-b7ef-446551a6b5f7': 'Cloud Application Administrator',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'Application Administrator',
};

/** The Graph permissions that allow creating a delegated permission grant (least privileged first). */
export const GRANT_PERMISSIONS = ['DelegatedPermissionGrant.ReadWrite.All', 'Directory.ReadWrite.All'];

const UNKNOWN: ConsentAbility = { ability: 'unknown', reason: '' };
const ROLES_NEEDED = 'Cloud Application Administrator, Application Administrator, Privileged Role Administrator or Global Administrator';

const stringsOf = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;

/** The judgement from a token's claims alone. */
export function consentAbilityFromClaims(claims: JWTPayload): ConsentAbility {
  const scopes = typeof claims['scp'] === 'string' ? claims['scp'].split(' ').filter(Boolean) : undefined;
  const appRoles = stringsOf(claims['roles']);
  if (scopes === undefined) {
    if (appRoles === undefined) return UNKNOWN;
    // An application's own token: its application permissions alone decide.
    return appRoles.some((role) => GRANT_PERMISSIONS.includes(role))
      ? { ability: 'can', reason: '' }
      : {
          ability: 'cannot',
          reason: `the token is an application's, without the application permission ${GRANT_PERMISSIONS[0]}`,
        };
  }
  if (!scopes.some((scope) => GRANT_PERMISSIONS.includes(scope)))
    return { ability: 'cannot', reason: `the token was not issued with the permission ${GRANT_PERMISSIONS[0]}` };
  const wids = stringsOf(claims['wids']);
  if (wids === undefined) return UNKNOWN;
  return wids.some((id) => id in GRANTING_ROLES)
    ? { ability: 'can', reason: '' }
    : { ability: 'cannot', reason: `your sign-in has none of the roles ${ROLES_NEEDED}` };
}

interface DirectoryRole {
  roleTemplateId?: string | null;
}

/** The judgement from the caller's directory roles, or unknown when Graph will not say. */
async function consentAbilityFromRoles(graph: GraphClient): Promise<ConsentAbility> {
  let roles: DirectoryRole[];
  try {
    roles = await graph.list<DirectoryRole>('/me/transitiveMemberOf/microsoft.graph.directoryRole?$select=roleTemplateId');
  } catch (error) {
    // An application's token has no /me (400); a token without a directory read permission gets 403.
    if (error instanceof GraphError) return UNKNOWN;
    throw error;
  }
  if (roles.some((role) => typeof role.roleTemplateId === 'string' && role.roleTemplateId in GRANTING_ROLES))
    return { ability: 'can', reason: '' };
  // Without the permission to read roles, Graph may list them without their template id.
  if (roles.some((role) => typeof role.roleTemplateId !== 'string')) return UNKNOWN;
  return { ability: 'cannot', reason: `your sign-in has none of the roles ${ROLES_NEEDED}` };
}

export async function readConsentAbility(graph: GraphClient, token: TokenSource): Promise<ConsentAbility> {
  let claims: JWTPayload | undefined;
  try {
    claims = decodeJwt(await token());
  } catch {
    // Not a JWT (an opaque token): its claims cannot be read here.
  }
  const fromClaims = claims ? consentAbilityFromClaims(claims) : UNKNOWN;
  return fromClaims.ability === 'unknown' ? consentAbilityFromRoles(graph) : fromClaims;
}
