/**
 * The Entra ID steps, in the order apply runs them: the demo groups (and members), the sign-in
 * app registration with its client secret, service principal and admin consent, the SCIM
 * enterprise application with its group assignments and provisioning job, and the SAML
 * enterprise application with its signing certificate. Each step decides create / update / keep
 * from the state read before the plan, and its run() writes through Microsoft Graph v1.0.
 *
 * Sources (Microsoft Learn, Graph v1.0 reference): groups (https://learn.microsoft.com/graph/api/group-post-groups),
 * applications and addPassword (https://learn.microsoft.com/graph/api/application-addpassword),
 * service principals, oauth2PermissionGrant (https://learn.microsoft.com/graph/api/oauth2permissiongrant-post),
 * applicationTemplate: instantiate (https://learn.microsoft.com/graph/api/applicationtemplate-instantiate),
 * synchronization (https://learn.microsoft.com/graph/api/synchronization-synchronizationjob-post),
 * and "Automate SAML-based SSO app configuration with Microsoft Graph API"
 * (https://learn.microsoft.com/graph/application-saml-sso-configure-api).
 */
import { groupSteps } from './entra-groups.ts';
import { samlSteps } from './entra-saml.ts';
import { scimSteps } from './entra-scim.ts';
import { signInSteps } from './entra-sign-in.ts';
import type { Step } from './plan.ts';
import type { World } from './world.ts';

export interface EntraStepOptions {
  /** Cloudflare's Azure AD provider will be created or written again, so it needs a fresh client secret. */
  idpNeedsSecret: boolean;
}

export function entraSteps(world: World, { idpNeedsSecret }: EntraStepOptions): Step[] {
  return [...groupSteps(world), ...signInSteps(world, idpNeedsSecret), ...scimSteps(world), ...samlSteps(world)];
}
