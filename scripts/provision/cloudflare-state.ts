/**
 * The Cloudflare side as it is: the Zero Trust organisation (its team domain), the zone the domain
 * is in (https://developers.cloudflare.com/api/resources/zones/methods/list/), and every identity
 * provider, reusable Access policy, Access application and Access tag in the account, each list
 * read to its last page (`for await` over the SDK's paged lists). Read once, before the plan;
 * apply's steps update it as they create things, so later steps see the new ids.
 */
import type Cloudflare from 'cloudflare';
import type { ApplicationListResponse } from 'cloudflare/resources/zero-trust/access/applications/applications';
import type { AccessRule } from 'cloudflare/resources/zero-trust/access/applications/policies';
import { guard, CloudflareCallError } from './cloudflare-client.ts';
import { cloudflarePermission, ProvisionError } from './errors.ts';

export interface IdpView {
  id: string;
  name: string;
  type: string;
  config: Record<string, unknown>;
  scimEnabled: boolean;
  scimBaseUrl: string | undefined;
}

export interface PolicyView {
  id: string;
  name: string;
  decision: string | undefined;
  include: AccessRule[];
  require: AccessRule[];
  exclude: AccessRule[];
}

export interface AppView {
  id: string;
  name: string;
  type: string;
  domain: string;
  aud: string | undefined;
  tags: string[];
  allowedIdps: string[];
  autoRedirect: boolean;
  policyIds: string[];
}

export interface CloudflareState {
  accountId: string;
  /** `<team>.cloudflareaccess.com`. */
  authDomain: string;
  idps: IdpView[];
  policies: PolicyView[];
  apps: AppView[];
  tags: string[];
  /** The SCIM secret of an identity provider created (or refreshed) in this run: memory only. */
  scimSecret?: string;
}

export const NO_ORGANIZATION = (accountId: string) =>
  `The Cloudflare account ${accountId} has no Zero Trust organisation yet. The first Zero Trust sign-up (team name, plan) is done in the dashboard, and the tool leaves it to you: in the Cloudflare dashboard open Zero Trust, choose a team name (it becomes <team>.cloudflareaccess.com) and a plan (the Free plan is enough), and finish the sign-up; then run the same command again.`;

/** The domain, then each parent down to two labels: a subdomain of a zone is that zone's. */
export const zoneCandidates = (domain: string): string[] => {
  const labels = domain.split('.');
  return labels.slice(0, -1).map((_, index) => labels.slice(index).join('.'));
};

/**
 * The account's zone that serves the domain, which must be active: Access applications and the
 * Worker's custom domains take only hostnames in a zone of the account. Checked before the plan,
 * so apply stops before writing anything when it is not so.
 */
async function checkZone(client: Cloudflare, accountId: string, domain: string): Promise<void> {
  const candidates = zoneCandidates(domain);
  for (const name of candidates) {
    const zones = await guard(accountId, { doing: `look up the zone ${name}`, area: 'zone', write: false }, () =>
      all(client.zones.list({ name, account: { id: accountId } })),
    );
    const zone = zones.find((item) => item.name === name);
    if (!zone) continue;
    if (zone.status === 'active') return;
    throw new ProvisionError(
      `${domain} is in the zone ${name} of account ${accountId}, but the zone is ${zone.status ?? 'not active'}, not active: finish adding it (Cloudflare dashboard → ${name} → Overview: point the domain's nameservers at Cloudflare) and wait until it shows Active, then run the command again.`,
    );
  }
  throw new ProvisionError(
    `--domain ${domain} is not on Cloudflare in account ${accountId}: no zone ${candidates.join(' or ')} there. Access applications and the site's routes need a hostname in an active zone of the account: add the domain (Cloudflare dashboard → Account home → Add a domain) or give one the account has, then run the command again. If the zone is there, the API token lacks "${cloudflarePermission('zone', false)}" for it.`,
  );
}

export function idpView(raw: unknown): IdpView {
  const idp = raw as {
    id?: string;
    name?: string;
    type?: string;
    config?: Record<string, unknown>;
    scim_config?: { enabled?: boolean; scim_base_url?: string };
  };
  return {
    id: idp.id ?? '',
    name: idp.name ?? '',
    type: idp.type ?? '',
    config: idp.config ?? {},
    scimEnabled: idp.scim_config?.enabled === true,
    scimBaseUrl: idp.scim_config?.scim_base_url,
  };
}

export function policyView(raw: unknown): PolicyView {
  const policy = raw as {
    id?: string;
    name?: string;
    decision?: string;
    include?: AccessRule[];
    require?: AccessRule[];
    exclude?: AccessRule[];
  };
  return {
    id: policy.id ?? '',
    name: policy.name ?? '',
    decision: policy.decision,
    include: policy.include ?? [],
    require: policy.require ?? [],
    exclude: policy.exclude ?? [],
  };
}

export function appView(raw: unknown): AppView {
  const app = raw as Partial<ApplicationListResponse.SelfHostedApplication>;
  return {
    id: app.id ?? '',
    name: app.name ?? '',
    type: app.type ?? '',
    domain: app.domain ?? '',
    aud: app.aud,
    tags: app.tags ?? [],
    allowedIdps: app.allowed_idps ?? [],
    autoRedirect: app.auto_redirect_to_identity === true,
    policyIds: (app.policies ?? []).flatMap((policy) => (policy.id ? [policy.id] : [])),
  };
}

/** The list with the object Cloudflare answered in place of the one with its id (or added). */
export const replaced = <T extends { id: string }>(items: readonly T[], item: T): T[] => [
  ...items.filter((other) => other.id !== item.id),
  item,
];

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Reads the account; `domain`, when given (plan and apply), must be in one of its active zones. */
export async function readCloudflare(client: Cloudflare, accountId: string, domain: string | undefined): Promise<CloudflareState> {
  const account_id = accountId;
  let authDomain: string | undefined;
  try {
    const { data: organization, response } = await guard(
      accountId,
      { doing: 'read the Zero Trust organisation', area: 'organization', write: false },
      () => client.zeroTrust.organizations.list({ account_id }).withResponse(),
    );
    // The first call: an answer that is not JSON means something else answers in the API's place.
    const type = response.headers.get('content-type');
    if (!type?.includes('json'))
      throw new ProvisionError(
        `Cloudflare answered GET /accounts/${accountId}/access/organizations with something that is not JSON (${type?.split(';')[0] ?? 'no content type'}): check that CLOUDFLARE_BASE_URL, if you set it, is the Cloudflare API (https://api.cloudflare.com/client/v4) and that no proxy answers in its place, then run the command again.`,
      );
    authDomain = (organization as Partial<typeof organization> | null)?.auth_domain;
  } catch (error) {
    // No organisation: the API answers 404 (or an empty result).
    if (!(error instanceof CloudflareCallError && error.status === 404)) throw error;
  }
  if (!authDomain) throw new ProvisionError(NO_ORGANIZATION(accountId));
  if (domain !== undefined) await checkZone(client, accountId, domain);
  const idps = await guard(accountId, { doing: 'list the identity providers', area: 'identity-providers', write: false }, () =>
    all(client.zeroTrust.identityProviders.list({ account_id })),
  );
  const policies = await guard(accountId, { doing: 'list the reusable Access policies', area: 'apps-and-policies', write: false }, () =>
    all(client.zeroTrust.access.policies.list({ account_id })),
  );
  const apps = await guard(accountId, { doing: 'list the Access applications', area: 'apps-and-policies', write: false }, () =>
    all(client.zeroTrust.access.applications.list({ account_id })),
  );
  const tags = await guard(accountId, { doing: 'list the Access tags', area: 'apps-and-policies', write: false }, () =>
    all(client.zeroTrust.access.tags.list({ account_id })),
  );
  return {
    accountId,
    authDomain: authDomain.replace(/^https?:\/\//, '').replace(/\/+$/, ''),
    idps: idps.map(idpView),
    policies: policies.map(policyView),
    apps: apps.map(appView),
    tags: tags.map((tag) => tag.name),
  };
}
