/**
 * A stateful fake of the parts of the Cloudflare API v4 that `npm run provision` uses, in the v4
 * envelope (`{success, errors, messages, result, result_info}`), with paged lists of 5
 * (`page`/`per_page`, `result_info`), realistic ids (UUIDs, 64-hex AUD tags) and the SCIM secret
 * shown only in the answer that first enables SCIM. Shapes follow the `cloudflare` SDK's types,
 * which are generated from the API's schema (https://developers.cloudflare.com/api/).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ApplicationGetResponse } from 'cloudflare/resources/zero-trust/access/applications/applications';
import type { PolicyGetResponse } from 'cloudflare/resources/zero-trust/access/policies';
import type { IdentityProvider } from 'cloudflare/resources/zero-trust/identity-providers/identity-providers';
import { pageOf, startHttpFake, type HttpFake, type RecordedRequest, type Reply } from './http-fake.ts';

export const FAKE_CLOUDFLARE_TOKEN = 'cf-test-token-0123456789abcdef';
export const FAKE_ACCOUNT_ID = '0123456789abcdef0123456789abcdef';
export const FAKE_AUTH_DOMAIN = 'barbican-test.cloudflareaccess.com';
/** The account's one zone by default; the harness's domain is a subdomain of it. */
export const FAKE_ZONE = 'example.net';

type StoredIdp = IdentityProvider & { id: string; scim_config?: { enabled?: boolean; scim_base_url?: string; secret?: string } };
type StoredPolicy = PolicyGetResponse & { id: string; name: string };
type StoredApp = ApplicationGetResponse.SelfHostedApplication & { id: string; policyIds: string[] };

export interface FakeZone {
  id: string;
  name: string;
  status: 'initializing' | 'pending' | 'active' | 'moved';
  account: { id: string; name: string };
}

export interface CloudflareFakeState {
  organization: { auth_domain: string; name: string } | undefined;
  zones: FakeZone[];
  idps: StoredIdp[];
  /** The client secrets Cloudflare was given, by provider id (the API never answers them). */
  clientSecrets: Map<string, string>;
  /** The current SCIM secret of each provider (the API answers it once). */
  scimSecrets: Map<string, string>;
  policies: StoredPolicy[];
  apps: StoredApp[];
  tags: string[];
}

export interface CloudflareFake extends HttpFake {
  state: CloudflareFakeState;
  /**
   * Whether POST …/identity_providers/{id}/refresh_scim_secret exists. Off by default: only a doc
   * comment in the SDK's types names it (the SDK, generated from the API's schema, has no method
   * for it), so the fake answers
   * it as the API answers a route it does not have (404, error code 7003) unless a test opts in.
   */
  refreshSupported: boolean;
  /** Answer Access applications without their `aud` (a broken answer, for the tool's message). */
  answerWithoutAud: boolean;
}

const PAGE_SIZE = 5;

const envelope = (result: unknown, result_info?: unknown): Reply => ({
  status: 200,
  body: { success: true, errors: [], messages: [], result, ...(result_info ? { result_info } : {}) },
});
const error = (status: number, message: string): Reply => ({ status, body: errorBody(status, message) });
function errorBody(status: number, message: string) {
  return {
    success: false,
    errors: [{ code: status === 403 ? 10000 : status === 404 ? 7003 : 1000 + status, message }],
    messages: [],
    result: null,
  };
}

function paged<T>(items: readonly T[], request: RecordedRequest): Reply {
  const page = Number(request.query.get('page') ?? '1');
  const perPage = Number(request.query.get('per_page') ?? PAGE_SIZE);
  return envelope(pageOf(items, page, perPage), {
    page,
    per_page: perPage,
    count: pageOf(items, page, perPage).length,
    total_count: items.length,
    total_pages: Math.max(1, Math.ceil(items.length / perPage)),
  });
}

const aud = () => randomBytes(32).toString('hex');

export interface CloudflareFakeOptions {
  /** Without one the account has no Zero Trust organisation. */
  organization?: boolean;
  /** The account's zones (default: FAKE_ZONE, active). */
  zones?: { name: string; status: FakeZone['status'] }[];
}

/** The fields each provider type's `config` must have (the API reference's required ones for each type). */
const REQUIRED_CONFIG: Record<string, string[]> = {
  azureAD: ['client_id', 'client_secret', 'directory_id'],
  saml: ['issuer_url', 'sso_target_url', 'idp_public_certs'],
};

export async function startFakeCloudflare({
  organization = true,
  zones = [{ name: FAKE_ZONE, status: 'active' }],
}: CloudflareFakeOptions = {}): Promise<CloudflareFake> {
  const state: CloudflareFakeState = {
    organization: organization ? { auth_domain: FAKE_AUTH_DOMAIN, name: 'Barbican test' } : undefined,
    zones: zones.map((zone) => ({ ...zone, id: randomBytes(16).toString('hex'), account: { id: FAKE_ACCOUNT_ID, name: 'Barbican test' } })),
    idps: [],
    clientSecrets: new Map(),
    scimSecrets: new Map(),
    policies: [],
    apps: [],
    tags: [],
  };
  const fake = { refreshSupported: false, answerWithoutAud: false } as CloudflareFake;

  /** A provider as the API answers it: no client secret, the SCIM secret redacted unless just issued. */
  const shownIdp = (idp: StoredIdp, secret?: string) => {
    const { client_secret: _hidden, ...config } = (idp.config ?? {}) as Record<string, unknown>;
    void _hidden;
    return { ...idp, config, ...(idp.scim_config ? { scim_config: { ...idp.scim_config, secret: secret ?? '*****' } } : {}) };
  };

  const writeIdp = (body: Record<string, unknown>, existing: StoredIdp | undefined): Reply => {
    if (typeof body['name'] !== 'string' || typeof body['type'] !== 'string' || typeof body['config'] !== 'object')
      return error(400, 'name, type and config are required');
    const id = existing?.id ?? randomUUID();
    const config = { ...(body['config'] as Record<string, unknown>) };
    const missingField = (REQUIRED_CONFIG[body['type']] ?? []).find((field) => {
      const value = config[field];
      return Array.isArray(value) ? value.length === 0 : typeof value !== 'string' || value === '';
    });
    if (missingField) return error(400, `access.api.error.invalid_request: config.${missingField} is required for type ${body['type']}`);
    if (typeof config['client_secret'] === 'string') state.clientSecrets.set(id, config['client_secret']);
    const scim = body['scim_config'] as { enabled?: boolean } | undefined;
    const wasEnabled = existing?.scim_config?.enabled === true;
    let secret: string | undefined;
    if (scim?.enabled && !wasEnabled && !state.scimSecrets.has(id)) {
      secret = randomBytes(24).toString('base64url');
      state.scimSecrets.set(id, secret);
    }
    const idp = {
      ...(existing ?? {}),
      id,
      name: body['name'],
      type: body['type'],
      config,
      ...(scim ? { scim_config: { ...scim, scim_base_url: `https://${state.organization?.auth_domain}/populations/${id}/scim/v2` } } : {}),
    } as StoredIdp;
    state.idps = [...state.idps.filter((item) => item.id !== id), idp];
    return envelope(shownIdp(idp, secret));
  };

  const shownPolicy = (policy: StoredPolicy) => ({
    ...policy,
    app_count: state.apps.filter((app) => app.policyIds.includes(policy.id)).length,
  });

  const writePolicy = (body: Record<string, unknown>, existing: StoredPolicy | undefined): Reply => {
    if (typeof body['name'] !== 'string' || !Array.isArray(body['include']) || typeof body['decision'] !== 'string')
      return error(400, 'name, decision and include are required');
    const policy = {
      id: existing?.id ?? randomUUID(),
      name: body['name'],
      decision: body['decision'],
      include: body['include'] as StoredPolicy['include'],
      require: body['require'] ?? [],
      exclude: body['exclude'] ?? [],
      reusable: true,
      created_at: existing?.created_at ?? new Date().toISOString(),
      updated_at: new Date().toISOString(),
    } as StoredPolicy;
    state.policies = [...state.policies.filter((item) => item.id !== policy.id), policy];
    return envelope(shownPolicy(policy));
  };

  const shownApp = (app: StoredApp) => {
    const { policyIds, aud, ...rest } = app;
    return {
      ...rest,
      ...(fake.answerWithoutAud ? {} : { aud }),
      policies: policyIds.flatMap((id, index) => {
        const policy = state.policies.find((item) => item.id === id);
        return policy ? [{ ...policy, precedence: index + 1 }] : [];
      }),
    };
  };

  const writeApp = (body: Record<string, unknown>, existing: StoredApp | undefined): Reply => {
    if (typeof body['domain'] !== 'string' || typeof body['type'] !== 'string') return error(400, 'domain and type are required');
    const host = body['domain'].split('/')[0] ?? '';
    if (!state.zones.some((zone) => zone.status === 'active' && (host === zone.name || host.endsWith(`.${zone.name}`))))
      return error(400, `access.api.error.invalid_request: ${host} is not in an active zone of this account`);
    const tags = (body['tags'] as string[] | undefined) ?? [];
    const unknownTag = tags.find((tag) => !state.tags.includes(tag));
    if (unknownTag) return error(400, `access.api.error.invalid_request: tag ${unknownTag} does not exist`);
    const policies = (body['policies'] as ({ id?: string } | string)[] | undefined) ?? [];
    const policyIds = policies.map((item) => (typeof item === 'string' ? item : (item.id ?? '')));
    const missing = policyIds.find((id) => !state.policies.some((policy) => policy.id === id));
    if (missing) return error(400, `policy ${missing} does not exist`);
    const idps = (body['allowed_idps'] as string[] | undefined) ?? [];
    const unknownIdp = idps.find((id) => !state.idps.some((idp) => idp.id === id));
    if (unknownIdp) return error(400, `identity provider ${unknownIdp} does not exist`);
    const { policies: _policies, account_id: _account, ...fields } = body;
    void _policies;
    void _account;
    const app = {
      ...fields,
      id: existing?.id ?? randomUUID(),
      aud: existing?.aud ?? aud(),
      tags,
      policyIds,
    } as unknown as StoredApp;
    state.apps = [...state.apps.filter((item) => item.id !== app.id), app];
    return envelope(shownApp(app));
  };

  /** `GET /zones?name=<name>&account.id=<id>`: the exact-name filter (the API's default operator) only. */
  const listZones = (request: RecordedRequest): Reply => {
    const name = request.query.get('name');
    if (name?.includes(':')) return error(501, `the fake supports only name=<exact name>, not ${name}`);
    const account = request.query.get('account.id');
    return paged(
      state.zones.filter((zone) => (name === null || zone.name === name) && (account === null || zone.account.id === account)),
      request,
    );
  };

  const handle = (request: RecordedRequest): Reply | undefined => {
    if (request.path === '/zones' && request.method === 'GET') return listZones(request);
    const match = request.path.match(/^\/accounts\/([^/]+)\/access\/(.*)$/);
    if (!match) return undefined;
    if (match[1] !== FAKE_ACCOUNT_ID) return error(403, 'not entitled to this account');
    const rest = match[2] ?? '';
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { method } = request;
    let m: RegExpMatchArray | null;

    if (rest === 'organizations' && method === 'GET')
      return state.organization ? envelope(state.organization) : error(404, 'access.api.error.not_found: organization not found');

    if (rest === 'identity_providers') {
      if (method === 'GET')
        return paged(
          state.idps.map((idp) => shownIdp(idp)),
          request,
        );
      if (method === 'POST') return writeIdp(body, undefined);
    }
    if ((m = rest.match(/^identity_providers\/([^/]+)(\/refresh_scim_secret)?$/))) {
      const idp = state.idps.find((item) => item.id === m?.[1]);
      if (!idp) return error(404, 'identity provider not found');
      if (m[2]) {
        if (!fake.refreshSupported) return error(404, `Could not route to ${request.path}, perhaps your object identifier is invalid?`);
        if (method !== 'POST') return undefined;
        if (!idp.scim_config?.enabled) return error(400, 'SCIM is not enabled');
        const secret = randomBytes(24).toString('base64url');
        state.scimSecrets.set(idp.id, secret);
        return envelope(shownIdp(idp, secret));
      }
      if (method === 'GET') return envelope(shownIdp(idp));
      if (method === 'PUT') return writeIdp(body, idp);
      if (method === 'DELETE') {
        state.idps = state.idps.filter((item) => item !== idp);
        return envelope({ id: idp.id });
      }
    }

    if (rest === 'policies') {
      if (method === 'GET') return paged(state.policies.map(shownPolicy), request);
      if (method === 'POST') return writePolicy(body, undefined);
    }
    if ((m = rest.match(/^policies\/([^/]+)$/))) {
      const policy = state.policies.find((item) => item.id === m?.[1]);
      if (!policy) return error(404, 'policy not found');
      if (method === 'GET') return envelope(shownPolicy(policy));
      if (method === 'PUT') return writePolicy(body, policy);
      if (method === 'DELETE') {
        if (state.apps.some((app) => app.policyIds.includes(policy.id))) return error(400, 'policy is used by an application');
        state.policies = state.policies.filter((item) => item !== policy);
        return envelope({ id: policy.id });
      }
    }

    if (rest === 'apps') {
      if (method === 'GET') return paged(state.apps.map(shownApp), request);
      if (method === 'POST') return writeApp(body, undefined);
    }
    if ((m = rest.match(/^apps\/([^/]+)$/))) {
      const app = state.apps.find((item) => item.id === m?.[1]);
      if (!app) return error(404, 'application not found');
      if (method === 'GET') return envelope(shownApp(app));
      if (method === 'PUT') return writeApp(body, app);
      if (method === 'DELETE') {
        state.apps = state.apps.filter((item) => item !== app);
        return envelope({ id: app.id });
      }
    }

    if (rest === 'tags') {
      if (method === 'GET')
        return paged(
          state.tags.map((name) => ({ name })),
          request,
        );
      if (method === 'POST') {
        const name = body['name'];
        if (typeof name !== 'string' || state.tags.includes(name)) return error(400, 'tag name missing or taken');
        state.tags.push(name);
        return envelope({ name });
      }
    }
    if ((m = rest.match(/^tags\/([^/]+)$/)) && method === 'DELETE') {
      const name = decodeURIComponent(m[1] ?? '');
      if (!state.tags.includes(name)) return error(404, 'tag not found');
      state.tags = state.tags.filter((tag) => tag !== name);
      return envelope({ name });
    }
    return undefined;
  };

  const server = await startHttpFake({ prefix: '/client/v4', token: FAKE_CLOUDFLARE_TOKEN, handle, errorBody });
  return Object.assign(fake, server, { state });
}

/** An Access application made by hand (no tag), with its own policy, as a reader following the guides would. */
export function seedHandMadeApp(fake: CloudflareFake, name: string, domain: string): { appId: string; policyId: string } {
  const policyId = randomUUID();
  fake.state.policies.push({
    id: policyId,
    name: `${name} policy`,
    decision: 'allow',
    include: [{ everyone: {} }],
    require: [],
    exclude: [],
  });
  const appId = randomUUID();
  fake.state.apps.push({ id: appId, name, domain, type: 'self_hosted', aud: aud(), tags: [], policyIds: [policyId] });
  return { appId, policyId };
}

/** A reusable policy made by hand, used by no application (a reader following a demo page would name it so). */
export function seedHandMadePolicy(fake: CloudflareFake, name: string): { id: string } {
  const id = randomUUID();
  fake.state.policies.push({ id, name, decision: 'allow', include: [{ everyone: {} }], require: [], exclude: [] });
  return { id };
}
