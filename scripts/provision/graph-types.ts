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
