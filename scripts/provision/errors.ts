/**
 * Expected failures, each a one-paragraph message for the reader: a bad command line, a missing
 * variable, a refusal by either API (naming the permission or role that is missing), an account
 * without a Zero Trust organisation. main() prints the message, never a stack trace, and exits
 * non-zero; anything else is a bug and is reported as one.
 */

/** A failure the reader can fix; its message says how. */
export class ProvisionError extends Error {
  override name = 'ProvisionError';
}

/** A mistake on the command line (exit code 2, with the usage). */
export class UsageError extends ProvisionError {
  override name = 'UsageError';
}

const RERUN = 'then run the same command again: it reads both sides afresh and continues where this run stopped.';

/** The Cloudflare API token permission a call needs (names as the dashboard's token editor shows them). */
export type CloudflareArea = 'organization' | 'identity-providers' | 'apps-and-policies' | 'zone';

export function cloudflarePermission(area: CloudflareArea, write: boolean): string {
  const level = write ? 'Write' : 'Read';
  if (area === 'zone') return `Zone: Zone ${level}`;
  return area === 'apps-and-policies'
    ? `Access: Apps and Policies ${level}`
    : `Access: Organizations, Identity Providers, and Groups ${level}`;
}

export interface CloudflareFailure {
  status: number | undefined;
  detail: string;
}

/** The message for a Cloudflare API error, given what was being done and the permission it needs. */
export function cloudflareMessage(
  failure: CloudflareFailure,
  doing: string,
  area: CloudflareArea,
  write: boolean,
  accountId: string,
): string {
  const { status, detail } = failure;
  const what = `Cloudflare refused to ${doing}`;
  if (status === 401)
    return `${what} (401: ${detail}). The API token in CLOUDFLARE_API_TOKEN is not valid (mistyped, expired or revoked): create one under My Profile → API Tokens with "${cloudflarePermission('organization', true)}" and "${cloudflarePermission('apps-and-policies', true)}" on account ${accountId} and "${cloudflarePermission('zone', false)}" on your domain's zone, ${RERUN}`;
  if (status === 403)
    return `${what} (403: ${detail}). The API token needs the permission "${cloudflarePermission(area, write)}" on account ${accountId} (CLOUDFLARE_ACCOUNT_ID): add it under My Profile → API Tokens → Edit, ${RERUN}`;
  if (status === undefined)
    return `Could not reach the Cloudflare API to ${doing} (${detail}). Check the network, or CLOUDFLARE_BASE_URL if you set it, ${RERUN}`;
  if (status === 429 || status >= 500)
    return `${what} (${status}: ${detail}), after the SDK's retries. Cloudflare is rate-limiting or failing for now: wait a minute, ${RERUN}`;
  return `${what} (${status}: ${detail}). ${RERUN.charAt(0).toUpperCase()}${RERUN.slice(1)}`;
}

/**
 * The delegated Microsoft Graph permission (and, where one is needed, the Entra role) for a call,
 * by its path. Sources: the "Permissions" section of each Graph v1.0 reference page
 * (https://learn.microsoft.com/graph/api/overview?view=graph-rest-1.0).
 */
export function graphPermission(method: string, path: string): string {
  const write = method !== 'GET';
  const p = path.split('?')[0] ?? path;
  if (/^\/organization/.test(p)) return 'User.Read (to read the tenant id; or set AZURE_TENANT_ID)';
  if (/^\/users\//.test(p)) return 'User.ReadBasic.All';
  if (/^\/groups\/[^/]+\/members/.test(p)) return write ? 'GroupMember.ReadWrite.All' : 'GroupMember.Read.All';
  if (/^\/groups/.test(p)) return write ? 'Group.ReadWrite.All (and the Groups Administrator role, or ownership)' : 'Group.Read.All';
  if (/^\/oauth2PermissionGrants/.test(p))
    return write
      ? 'DelegatedPermissionGrant.ReadWrite.All, and the Cloud Application Administrator or Application Administrator role to grant admin consent'
      : 'DelegatedPermissionGrant.Read.All';
  if (/\/synchronization\//.test(p))
    return 'Synchronization.ReadWrite.All (and the Cloud Application Administrator or Application Administrator role)';
  if (/\/appRoleAssignedTo/.test(p)) return write ? 'AppRoleAssignment.ReadWrite.All' : 'Application.Read.All';
  return write
    ? 'Application.ReadWrite.All (and the Cloud Application Administrator or Application Administrator role)'
    : 'Application.Read.All';
}

export interface GraphFailure {
  status: number | undefined;
  code: string;
  detail: string;
  method: string;
  path: string;
}

export function graphMessage({ status, code, detail, method, path }: GraphFailure): string {
  const call = `${method} ${path.split('?')[0]}`;
  if (status === 401)
    return `Microsoft Graph refused the token for ${call} (401 ${code}: ${detail}). It is missing, expired or issued for another resource: get a new token for https://graph.microsoft.com (MS_GRAPH_TOKEN, or sign in again for @azure/identity, e.g. az login), ${RERUN}`;
  if (status === 403)
    return `Microsoft Graph refused ${call} (403 ${code}: ${detail}). The token needs the permission ${graphPermission(method, path)}: consent to it for the app that issues your token (the guide says how), ${RERUN}`;
  if (status === undefined)
    return `Could not reach Microsoft Graph for ${call} (${detail}). Check the network, or MS_GRAPH_BASE_URL if you set it, ${RERUN}`;
  if (status === 429 || status >= 500)
    return `Microsoft Graph failed ${call} (${status} ${code}: ${detail}), after retries: it is throttling or failing for now; wait a minute, ${RERUN}`;
  return `Microsoft Graph refused ${call} (${status} ${code}: ${detail}). ${RERUN.charAt(0).toUpperCase()}${RERUN.slice(1)}`;
}
