/**
 * The Microsoft Graph v1.0 resources the tool reads and writes, with only the properties it uses
 * (names and shapes as the v1.0 reference gives them: https://learn.microsoft.com/graph/api/resources/group,
 * …/application, …/serviceprincipal, …/oauth2permissiongrant, …/synchronization-synchronizationjob,
 * …/approleassignment, …/passwordcredential, …/keycredential, …/selfsignedcertificate).
 */
export interface GraphList<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

export interface Organization {
  id: string;
  displayName?: string;
}

export interface User {
  id: string;
  userPrincipalName: string;
}

export interface DirectoryObject {
  id: string;
  '@odata.type'?: string;
}

export interface Group {
  id: string;
  displayName: string;
  description?: string | null;
  securityEnabled?: boolean;
  mailEnabled?: boolean;
  mailNickname?: string;
}

export interface PasswordCredential {
  keyId: string;
  displayName?: string | null;
  endDateTime?: string | null;
  /** The secret itself: only in addPassword's answer, never on a read. */
  secretText?: string | null;
}

export interface KeyCredential {
  keyId: string;
  type?: string;
  usage?: string;
  endDateTime?: string | null;
  displayName?: string | null;
  /** Base64 of the certificate; returned only when a single object is read with $select=keyCredentials. */
  key?: string | null;
}

export interface ResourceAccess {
  id: string;
  type: 'Scope' | 'Role';
}

export interface RequiredResourceAccess {
  resourceAppId: string;
  resourceAccess: ResourceAccess[];
}

export interface Application {
  id: string;
  appId: string;
  displayName: string;
  notes?: string | null;
  signInAudience?: string;
  groupMembershipClaims?: string | null;
  identifierUris?: string[];
  web?: { redirectUris?: string[] };
  requiredResourceAccess?: RequiredResourceAccess[];
  passwordCredentials?: PasswordCredential[];
}

export interface AppRole {
  id: string;
  displayName?: string;
  value?: string | null;
  isEnabled?: boolean;
  allowedMemberTypes?: string[];
}

export interface PermissionScope {
  id: string;
  value: string;
}

export interface ServicePrincipal {
  id: string;
  appId: string;
  displayName?: string;
  notes?: string | null;
  appRoles?: AppRole[];
  oauth2PermissionScopes?: PermissionScope[];
  preferredSingleSignOnMode?: string | null;
  preferredTokenSigningKeyThumbprint?: string | null;
  appRoleAssignmentRequired?: boolean;
  keyCredentials?: KeyCredential[];
}

export interface ApplicationServicePrincipal {
  application: Application;
  servicePrincipal: ServicePrincipal;
}

export interface OAuth2PermissionGrant {
  id: string;
  clientId: string;
  consentType: string;
  resourceId: string;
  scope?: string;
}

export interface SynchronizationJob {
  id: string;
  templateId?: string;
  status?: { code?: string };
}

export interface AppRoleAssignment {
  id: string;
  principalId: string;
  resourceId: string;
  appRoleId: string;
}

export interface SelfSignedCertificate {
  keyId?: string;
  thumbprint: string;
  endDateTime: string;
  key?: string;
}

// ---- request bodies, as each call's "Request body" section gives them ----------------------------

export interface GroupCreate {
  displayName: string;
  description: string;
  mailEnabled: false;
  mailNickname: string;
  securityEnabled: true;
}

export interface GroupPatch {
  description: string;
}

/** `POST /groups/{id}/members/$ref`: the member as a reference (https://learn.microsoft.com/graph/api/group-post-members). */
export interface DirectoryObjectRef {
  '@odata.id': string;
}

export interface ApplicationCreate {
  displayName: string;
  notes: string;
  signInAudience: 'AzureADMyOrg';
  web: { redirectUris: string[] };
  groupMembershipClaims: 'SecurityGroup';
  requiredResourceAccess: RequiredResourceAccess[];
}

export type ApplicationPatch = Partial<
  Pick<Application, 'notes' | 'identifierUris' | 'web' | 'groupMembershipClaims' | 'requiredResourceAccess'>
>;

export interface AddPassword {
  passwordCredential: { displayName: string; endDateTime: string };
}

export interface RemovePassword {
  keyId: string;
}

export interface ServicePrincipalCreate {
  appId: string;
  notes: string;
}

export type ServicePrincipalPatch = Partial<
  Pick<ServicePrincipal, 'notes' | 'preferredSingleSignOnMode' | 'preferredTokenSigningKeyThumbprint' | 'appRoleAssignmentRequired'>
>;

export interface InstantiateTemplate {
  displayName: string;
}

export interface AddTokenSigningCertificate {
  displayName: string;
  endDateTime: string;
}

export interface OAuth2PermissionGrantCreate {
  clientId: string;
  consentType: 'AllPrincipals';
  resourceId: string;
  scope: string;
}

export interface OAuth2PermissionGrantPatch {
  scope: string;
}

export interface SynchronizationJobCreate {
  templateId: 'scim';
}

/** `PUT …/synchronization/secrets`: the job's Tenant URL (BaseAddress) and Secret Token. */
export interface SynchronizationSecrets {
  value: { key: 'BaseAddress' | 'SecretToken'; value: string }[];
}

export interface AppRoleAssignmentCreate {
  principalId: string;
  resourceId: string;
  appRoleId: string;
}

/**
 * Every writing call the tool makes, by method and path: the body it sends and what Graph
 * answers. GraphClient's post, patch and put take only these paths, so each body is checked
 * against its call's type.
 */
export interface GraphPosts {
  '/groups': [GroupCreate, Group];
  [path: `/groups/${string}/members/$ref`]: [DirectoryObjectRef, void];
  '/applications': [ApplicationCreate, Application];
  [path: `/applications/${string}/addPassword`]: [AddPassword, PasswordCredential];
  [path: `/applications/${string}/removePassword`]: [RemovePassword, void];
  [path: `/applicationTemplates/${string}/instantiate`]: [InstantiateTemplate, ApplicationServicePrincipal];
  '/servicePrincipals': [ServicePrincipalCreate, ServicePrincipal];
  [path: `/servicePrincipals/${string}/addTokenSigningCertificate`]: [AddTokenSigningCertificate, SelfSignedCertificate];
  [path: `/servicePrincipals/${string}/synchronization/jobs`]: [SynchronizationJobCreate, SynchronizationJob];
  [path: `/servicePrincipals/${string}/synchronization/jobs/${string}/start`]: [undefined, void];
  [path: `/servicePrincipals/${string}/appRoleAssignedTo`]: [AppRoleAssignmentCreate, AppRoleAssignment];
  '/oauth2PermissionGrants': [OAuth2PermissionGrantCreate, OAuth2PermissionGrant];
}

export interface GraphPatches {
  [path: `/groups/${string}`]: GroupPatch;
  [path: `/applications/${string}`]: ApplicationPatch;
  [path: `/servicePrincipals/${string}`]: ServicePrincipalPatch;
  [path: `/oauth2PermissionGrants/${string}`]: OAuth2PermissionGrantPatch;
}

export interface GraphPuts {
  [path: `/servicePrincipals/${string}/synchronization/secrets`]: SynchronizationSecrets;
}
