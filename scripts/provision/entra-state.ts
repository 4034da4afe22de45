/**
 * The Entra side as it is, read through Microsoft Graph v1.0: the tenant, Microsoft Graph's own
 * service principal (its delegated permission ids), the demo groups and their members, and the
 * three applications the tool makes (sign-in, SCIM, SAML) with their service principals, consent
 * grant, provisioning job, assignments and signing certificate. Every list is read to its end.
 * Objects with the tool's names but without its marker are kept as conflicts.
 */
import { readConsentAbility, type ConsentAbility } from './consent-ability.ts';
import { filterBy, GraphError, odataString, type GraphClient, type TokenSource } from './graph-client.ts';
import type {
  Application,
  AppRoleAssignment,
  DirectoryObject,
  Group,
  OAuth2PermissionGrant,
  Organization,
  ServicePrincipal,
  SynchronizationJob,
  User,
} from './graph-types.ts';
import { ProvisionError } from './errors.ts';
import { consentRefusedIn, hasMarker, SAML_APP, SCIM_APP, scimSecretLostFor, scimSecretStoredFor, SIGN_IN_APP } from './names.ts';
import { pick, type Found } from './ownership.ts';

/** Microsoft Graph's application id, the same in every tenant. */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

export interface GroupState extends Found<Group> {
  /** Member object ids (read only when --members names someone). */
  members: Set<string>;
}

export interface AppState extends Found<Application> {
  sp: ServicePrincipal | undefined;
}

export interface EntraState {
  tenantId: string;
  graph: ServicePrincipal;
  groups: Map<string, GroupState>;
  users: Map<string, User>;
  signIn: AppState & {
    grant: OAuth2PermissionGrant | undefined;
    /** Whether the caller can grant admin consent (consent-ability.ts). */
    consent: ConsentAbility;
    /** An earlier apply was refused admin consent (the service principal's notes say so). */
    consentRefused: boolean;
  };
  scim: AppState & {
    job: SynchronizationJob | undefined;
    assigned: Set<string>;
    /** The Cloudflare provider whose SCIM secret the job holds (from the service principal's notes). */
    secretStoredFor: string | undefined;
    /** The Cloudflare provider whose SCIM secret was lost with no API to issue a new one. */
    secretLostFor: string | undefined;
  };
  saml: AppState;
}

const APP_SELECT = '$select=id,appId,displayName,notes,web,identifierUris,groupMembershipClaims,requiredResourceAccess,passwordCredentials';
const SP_SELECT =
  '$select=id,appId,displayName,notes,appRoles,preferredSingleSignOnMode,preferredTokenSigningKeyThumbprint,appRoleAssignmentRequired';

export async function servicePrincipalOf(graph: GraphClient, appId: string): Promise<ServicePrincipal | undefined> {
  const list = await graph.list<ServicePrincipal>(`/servicePrincipals?${filterBy(`appId eq ${odataString(appId)}`)}&${SP_SELECT}`);
  return list[0];
}

async function appNamed(graph: GraphClient, name: string, adopt: boolean): Promise<AppState> {
  const apps = await graph.list<Application>(`/applications?${filterBy(`displayName eq ${odataString(name)}`)}&${APP_SELECT}`);
  const found = pick(apps, (app) => hasMarker(app.notes), adopt);
  return { ...found, sp: found.found ? await servicePrincipalOf(graph, found.found.appId) : undefined };
}

async function tenantIdOf(graph: GraphClient, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const [organization] = await graph.list<Organization>('/organization?$select=id,displayName');
  if (!organization)
    throw new ProvisionError(
      'Microsoft Graph answered GET /organization with no tenant: set AZURE_TENANT_ID to your tenant id and run the command again.',
    );
  return organization.id;
}

async function userNamed(graph: GraphClient, upn: string): Promise<User> {
  try {
    return await graph.get<User>(`/users/${encodeURIComponent(upn)}?$select=id,userPrincipalName`);
  } catch (error) {
    if (error instanceof GraphError && error.status === 404)
      throw new ProvisionError(
        `--members names ${upn}, but the tenant has no user with that user principal name: check the spelling (Entra admin center → Users) and run the command again.`,
      );
    throw error;
  }
}

export interface ReadEntraOptions {
  tenantId: string | undefined;
  /** The Graph token's source (its claims say whether the caller may grant admin consent). */
  token: TokenSource;
  groupNames: string[];
  members: string[];
  needsSaml: boolean;
  adopt: boolean;
}

export async function readEntra(graph: GraphClient, options: ReadEntraOptions): Promise<EntraState> {
  const tenantId = await tenantIdOf(graph, options.tenantId);
  const graphSp = await servicePrincipalOf(graph, MICROSOFT_GRAPH_APP_ID);
  if (!graphSp)
    throw new ProvisionError(
      'The tenant has no service principal for Microsoft Graph (appId 00000003-0000-0000-c000-000000000000), which every Entra tenant has: check that MS_GRAPH_BASE_URL points at Microsoft Graph v1.0.',
    );
  const graphFull = await graph.get<ServicePrincipal>(`/servicePrincipals/${graphSp.id}?$select=id,appId,oauth2PermissionScopes`);

  const groups = new Map<string, GroupState>();
  for (const name of options.groupNames) {
    const list = await graph.list<Group>(`/groups?${filterBy(`displayName eq ${odataString(name)}`)}&$select=id,displayName,description`);
    const found = pick(list, (group) => hasMarker(group.description), options.adopt);
    const members = new Set<string>();
    if (found.found && options.members.length > 0)
      for (const member of await graph.list<DirectoryObject>(`/groups/${found.found.id}/members?$select=id`)) members.add(member.id);
    groups.set(name, { ...found, members });
  }
  const users = new Map<string, User>();
  for (const upn of options.members) users.set(upn, await userNamed(graph, upn));

  const signIn = await appNamed(graph, SIGN_IN_APP, options.adopt);
  let grant: OAuth2PermissionGrant | undefined;
  if (signIn.sp) {
    const grants = await graph.list<OAuth2PermissionGrant>(
      `/oauth2PermissionGrants?${filterBy(`clientId eq ${odataString(signIn.sp.id)}`)}`,
    );
    grant = grants.find((item) => item.consentType === 'AllPrincipals' && item.resourceId === graphSp.id);
  }

  const scim = await appNamed(graph, SCIM_APP, options.adopt);
  let job: SynchronizationJob | undefined;
  const assigned = new Set<string>();
  if (scim.sp) {
    job = (await graph.list<SynchronizationJob>(`/servicePrincipals/${scim.sp.id}/synchronization/jobs`))[0];
    for (const assignment of await graph.list<AppRoleAssignment>(`/servicePrincipals/${scim.sp.id}/appRoleAssignedTo`))
      assigned.add(assignment.principalId);
  }

  const saml: AppState = options.needsSaml
    ? await appNamed(graph, SAML_APP, options.adopt)
    : { found: undefined, owned: false, sp: undefined };
  if (saml.sp) {
    // The certificate itself is returned only for one object read with $select=keyCredentials.
    const withKeys = await graph.get<ServicePrincipal>(
      `/servicePrincipals/${saml.sp.id}?$select=keyCredentials,preferredTokenSigningKeyThumbprint`,
    );
    saml.sp = { ...saml.sp, keyCredentials: withKeys.keyCredentials ?? [] };
  }

  return {
    tenantId,
    graph: graphFull,
    groups,
    users,
    signIn: {
      ...signIn,
      grant,
      consent: await readConsentAbility(graph, options.token),
      consentRefused: consentRefusedIn(signIn.sp?.notes),
    },
    scim: {
      ...scim,
      job,
      assigned,
      secretStoredFor: scimSecretStoredFor(scim.sp?.notes),
      secretLostFor: scimSecretLostFor(scim.sp?.notes),
    },
    saml,
  };
}
