/**
 * A stateful fake of the parts of Microsoft Graph v1.0 that `npm run provision` uses: groups and
 * members, users, applications (addPassword / removePassword), service principals
 * (addTokenSigningCertificate), oauth2PermissionGrants, applicationTemplates/{id}/instantiate,
 * synchronization jobs and secrets, and appRoleAssignedTo. Lists are paged 5 at a time with
 * `@odata.nextLink`, `$filter` takes `<property> eq '<value>'`, errors come as
 * `{error: {code, message}}`, as the v1.0 reference describes (https://learn.microsoft.com/graph/api/overview).
 * A password's secretText is answered once, by addPassword; a certificate's key only to a read of
 * one service principal with $select=keyCredentials.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type {
  AddPassword,
  AddTokenSigningCertificate,
  ApplicationCreate,
  ApplicationPatch,
  AppRoleAssignmentCreate,
  DirectoryObjectRef,
  GroupCreate,
  GroupPatch,
  InstantiateTemplate,
  OAuth2PermissionGrantCreate,
  OAuth2PermissionGrantPatch,
  RemovePassword,
  ServicePrincipalCreate,
  ServicePrincipalPatch,
  SynchronizationJobCreate,
  SynchronizationSecrets,
} from '../../scripts/provision/graph-types.ts';
import { startHttpFake, type HttpFake, type RecordedRequest, type Reply } from './http-fake.ts';

export const FAKE_GRAPH_TOKEN = 'graph-test-token-0123456789abcdef';
export const FAKE_TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const NON_GALLERY_TEMPLATE_ID = '8adf8e6e-67b2-4cf2-a259-e3dc5476c621';

/** Directory role template ids (the same in every tenant), for the caller's roles. */
export const ROLE_TEMPLATES = {
  'Cloud Application Administrator': '158c047a-c907-4556-b7ef-446551a6b5f7',
  'Groups Administrator': 'fdd7a751-b60b-444a-984c-02652fe8fa1c',
} as const;

/** Microsoft Graph's delegated permissions (a few besides the ones Cloudflare needs), as its service principal lists them. */
export const GRAPH_SCOPES: Record<string, string> = {
  email: '64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0',
  offline_access: '7427e0e9-2fba-42fe-b0c0-848c9e6a8182',
  openid: '37f7f235-527c-4136-accd-4a02d197296e',
  profile: '14dad69e-099b-42c9-810b-d002981feec1',
  'User.Read': 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
  'Directory.Read.All': '06da0dbc-49e2-44d2-8312-53f166ab848a',
  'GroupMember.Read.All': 'bc024368-1153-4739-b217-4326f2e966d0',
  'Mail.Read': '570282fd-fa5c-430d-a7fd-fc8dc98a9dca',
};

type Json = Record<string, unknown>;
interface Obj extends Json {
  id: string;
}

export interface GraphFakeState {
  users: Obj[];
  groups: Obj[];
  /** group id → member object ids. */
  members: Map<string, Set<string>>;
  applications: Obj[];
  servicePrincipals: Obj[];
  grants: Obj[];
  /** servicePrincipal id → its synchronization jobs. */
  jobs: Map<string, Obj[]>;
  /** servicePrincipal id → its synchronization secrets (key → value). */
  syncSecrets: Map<string, Map<string, string>>;
  assignments: Obj[];
  /** Every password secretText issued, by keyId. */
  issuedPasswords: Map<string, string>;
  /** The directory roles (display names) of the signed-in caller, as /me/transitiveMemberOf lists them. */
  callerRoles: (keyof typeof ROLE_TEMPLATES)[];
}

export interface GraphFake extends HttpFake {
  state: GraphFakeState;
}

const PAGE_SIZE = 5;
const error = (status: number, code: string, message: string): Reply => ({ status, body: { error: { code, message } } });
const errorBody = (status: number, message: string) => ({
  error: {
    code: status === 403 ? 'Authorization_RequestDenied' : status === 401 ? 'InvalidAuthenticationToken' : 'Request_BadRequest',
    message,
  },
});
const created = (body: unknown): Reply => ({ status: 201, body });
const noContent: Reply = { status: 204 };

export interface GraphFakeOptions {
  /** User principal names that exist in the tenant. */
  users?: string[];
  /** The caller's directory roles (default: Cloud Application Administrator, who may grant admin consent). */
  callerRoles?: (keyof typeof ROLE_TEMPLATES)[];
}

export async function startFakeGraph({
  users = [],
  callerRoles = ['Cloud Application Administrator'],
}: GraphFakeOptions = {}): Promise<GraphFake> {
  const state: GraphFakeState = {
    users: users.map((upn) => ({ id: randomUUID(), userPrincipalName: upn, displayName: upn.split('@')[0] })),
    groups: [],
    members: new Map(),
    applications: [],
    servicePrincipals: [
      {
        id: randomUUID(),
        appId: GRAPH_APP_ID,
        displayName: 'Microsoft Graph',
        oauth2PermissionScopes: Object.entries(GRAPH_SCOPES).map(([value, id]) => ({ id, value, type: 'User', isEnabled: true })),
        appRoles: [],
        keyCredentials: [],
      },
    ],
    grants: [],
    jobs: new Map(),
    syncSecrets: new Map(),
    assignments: [],
    issuedPasswords: new Map(),
    callerRoles,
  };
  let base = '';

  /** `@odata.nextLink` paging of 5, with the request's own query kept and $skiptoken advanced. */
  const list = (items: readonly Json[], request: RecordedRequest): Reply => {
    const skip = Number(request.query.get('$skiptoken') ?? '0');
    const value = items.slice(skip, skip + PAGE_SIZE);
    const body: Json = { '@odata.context': `${base}/$metadata#collection`, value };
    if (skip + PAGE_SIZE < items.length) {
      const next = new URLSearchParams(request.query);
      next.set('$skiptoken', String(skip + PAGE_SIZE));
      body['@odata.nextLink'] = `${base}${request.path}?${next.toString()}`;
    }
    return { status: 200, body };
  };

  /** `$filter=<property> eq '<value>'` (with '' for a quote); anything else the fake does not know. */
  const filtered = (items: readonly Obj[], request: RecordedRequest): Obj[] | Reply => {
    const filter = request.query.get('$filter');
    if (!filter) return [...items];
    const match = filter.match(/^(\w+) eq '((?:[^']|'')*)'$/);
    if (!match) return error(501, 'NotImplemented', `the fake does not support $filter=${filter}`);
    const [, property = '', value = ''] = match;
    return items.filter((item) => item[property] === value.replace(/''/g, "'"));
  };

  const find = (items: readonly Obj[], id: string | undefined) => items.find((item) => item.id === id);

  /** keyCredentials as reads show them: the key only for one object with $select=keyCredentials. */
  const shownSp = (sp: Obj, withKeys: boolean): Json => ({
    ...sp,
    keyCredentials: ((sp['keyCredentials'] as Json[] | undefined) ?? []).map((key) => ({ ...key, key: withKeys ? key['key'] : null })),
  });
  const shownApp = (app: Obj): Json => ({
    ...app,
    passwordCredentials: ((app['passwordCredentials'] as Json[] | undefined) ?? []).map((credential) => ({
      ...credential,
      secretText: null,
    })),
  });

  const newApplication = (body: Partial<ApplicationCreate>): Obj => ({
    id: randomUUID(),
    appId: randomUUID(),
    displayName: body.displayName,
    notes: body.notes ?? null,
    signInAudience: body.signInAudience ?? 'AzureADMyOrg',
    groupMembershipClaims: body.groupMembershipClaims ?? null,
    identifierUris: [],
    web: { redirectUris: [], ...body.web },
    requiredResourceAccess: body.requiredResourceAccess ?? [],
    passwordCredentials: [],
  });
  const newServicePrincipal = (app: Obj, extra: Json = {}): Obj => ({
    id: randomUUID(),
    appId: app['appId'],
    displayName: app['displayName'],
    notes: null,
    appRoleAssignmentRequired: true,
    preferredSingleSignOnMode: null,
    preferredTokenSigningKeyThumbprint: null,
    appRoles: [],
    keyCredentials: [],
    ...extra,
  });
  const deleteServicePrincipal = (sp: Obj) => {
    state.servicePrincipals = state.servicePrincipals.filter((item) => item !== sp);
    state.jobs.delete(sp.id);
    state.syncSecrets.delete(sp.id);
    state.grants = state.grants.filter((grant) => grant['clientId'] !== sp.id);
    state.assignments = state.assignments.filter((assignment) => assignment['resourceId'] !== sp.id);
  };

  const handle = (request: RecordedRequest): Reply | undefined => {
    const { method, path } = request;
    /** The request's body, typed as the tool's own request types say it is (each field checked before use). */
    const sent = <T>() => (request.body ?? {}) as Partial<T>;
    let m: RegExpMatchArray | null;

    if (path === '/organization' && method === 'GET') return list([{ id: FAKE_TENANT_ID, displayName: 'Barbican Test' }], request);

    if (path === '/me/transitiveMemberOf/microsoft.graph.directoryRole' && method === 'GET')
      return list(
        state.callerRoles.map((displayName) => ({
          '@odata.type': '#microsoft.graph.directoryRole',
          id: createHash('sha1').update(displayName).digest('hex'),
          displayName,
          roleTemplateId: ROLE_TEMPLATES[displayName],
        })),
        request,
      );

    if ((m = path.match(/^\/users\/([^/]+)$/)) && method === 'GET') {
      const key = decodeURIComponent(m[1] ?? '');
      const user = state.users.find((item) => item.id === key || item['userPrincipalName'] === key);
      return user ? { status: 200, body: user } : error(404, 'Request_ResourceNotFound', `Resource '${key}' does not exist.`);
    }

    // groups
    if (path === '/groups') {
      if (method === 'GET') {
        const items = filtered(state.groups, request);
        return Array.isArray(items) ? list(items, request) : items;
      }
      if (method === 'POST') {
        const body = sent<GroupCreate>();
        if (typeof body.displayName !== 'string' || typeof body.mailNickname !== 'string' || body.securityEnabled !== true)
          return error(400, 'Request_BadRequest', 'displayName, mailNickname and securityEnabled are required');
        const group: Obj = {
          id: randomUUID(),
          displayName: body.displayName,
          description: body.description ?? null,
          mailEnabled: false,
          mailNickname: body.mailNickname,
          securityEnabled: true,
        };
        state.groups.push(group);
        state.members.set(group.id, new Set());
        return created(group);
      }
    }
    if ((m = path.match(/^\/groups\/([^/]+)$/))) {
      const group = find(state.groups, m[1]);
      if (!group) return error(404, 'Request_ResourceNotFound', 'group not found');
      if (method === 'PATCH') return (Object.assign(group, sent<GroupPatch>()), noContent);
      if (method === 'DELETE') {
        state.groups = state.groups.filter((item) => item !== group);
        state.assignments = state.assignments.filter((assignment) => assignment['principalId'] !== group.id);
        return noContent;
      }
    }
    if ((m = path.match(/^\/groups\/([^/]+)\/members(\/\$ref)?$/))) {
      const group = find(state.groups, m[1]);
      if (!group) return error(404, 'Request_ResourceNotFound', 'group not found');
      const members = state.members.get(group.id) ?? new Set<string>();
      state.members.set(group.id, members);
      if (!m[2] && method === 'GET')
        return list(
          [...members].map((id) => ({ '@odata.type': '#microsoft.graph.user', id })),
          request,
        );
      if (m[2] && method === 'POST') {
        // The reference is a URL of this Graph (a national cloud's host differs): another host names nothing here.
        const reference = String(sent<DirectoryObjectRef>()['@odata.id'] ?? '');
        const id = reference.startsWith(`${base}/directoryObjects/`) ? reference.slice(`${base}/directoryObjects/`.length) : undefined;
        if (!id || !find(state.users, id))
          return error(400, 'Request_BadRequest', `the @odata.id ${reference} names no directory object of this service`);
        if (members.has(id))
          return error(
            400,
            'Request_BadRequest',
            "One or more added object references already exist for the following modified properties: 'members'.",
          );
        members.add(id);
        return noContent;
      }
    }

    // applications
    if (path === '/applications') {
      if (method === 'GET') {
        const items = filtered(state.applications, request);
        return Array.isArray(items) ? list(items.map(shownApp), request) : items;
      }
      if (method === 'POST') {
        const body = sent<ApplicationCreate>();
        if (typeof body.displayName !== 'string') return error(400, 'Request_BadRequest', 'displayName is required');
        const app = newApplication(body);
        state.applications.push(app);
        return created(shownApp(app));
      }
    }
    if ((m = path.match(/^\/applications\/([^/]+)(\/addPassword|\/removePassword)?$/))) {
      const app = find(state.applications, m[1]);
      if (!app) return error(404, 'Request_ResourceNotFound', 'application not found');
      const credentials = (app['passwordCredentials'] as Json[]) ?? [];
      if (m[2] === '/addPassword' && method === 'POST') {
        const requested = sent<AddPassword>().passwordCredential;
        const secretText = randomBytes(30).toString('base64url');
        const credential = {
          keyId: randomUUID(),
          displayName: requested?.displayName ?? null,
          endDateTime: requested?.endDateTime ?? new Date(Date.now() + 2 * 365 * 86_400_000).toISOString(),
          startDateTime: new Date().toISOString(),
          hint: secretText.slice(0, 3),
        };
        app['passwordCredentials'] = [...credentials, credential];
        state.issuedPasswords.set(credential.keyId, secretText);
        return { status: 200, body: { ...credential, secretText } };
      }
      if (m[2] === '/removePassword' && method === 'POST') {
        const { keyId } = sent<RemovePassword>();
        if (!credentials.some((credential) => credential['keyId'] === keyId)) return error(400, 'Request_BadRequest', 'no such keyId');
        app['passwordCredentials'] = credentials.filter((credential) => credential['keyId'] !== keyId);
        return noContent;
      }
      if (!m[2] && method === 'PATCH') return (Object.assign(app, sent<ApplicationPatch>()), noContent);
      if (!m[2] && method === 'DELETE') {
        state.applications = state.applications.filter((item) => item !== app);
        for (const sp of state.servicePrincipals.filter((item) => item['appId'] === app['appId'])) deleteServicePrincipal(sp);
        return noContent;
      }
    }
    if ((m = path.match(/^\/applicationTemplates\/([^/]+)\/instantiate$/)) && method === 'POST') {
      if (m[1] !== NON_GALLERY_TEMPLATE_ID) return error(404, 'Request_ResourceNotFound', 'no such application template');
      const { displayName } = sent<InstantiateTemplate>();
      if (typeof displayName !== 'string') return error(400, 'Request_BadRequest', 'displayName is required');
      const app = newApplication({ displayName });
      const sp = newServicePrincipal(app, {
        appRoles: [
          { id: randomUUID(), displayName: 'msiam_access', value: null, isEnabled: true, allowedMemberTypes: ['User'] },
          { id: randomUUID(), displayName: 'User', value: null, isEnabled: true, allowedMemberTypes: ['User'] },
        ],
        tags: ['WindowsAzureActiveDirectoryCustomSingleSignOnApplication', 'WindowsAzureActiveDirectoryIntegratedApp'],
      });
      state.applications.push(app);
      state.servicePrincipals.push(sp);
      return created({ application: shownApp(app), servicePrincipal: shownSp(sp, false) });
    }

    // service principals
    if (path === '/servicePrincipals') {
      if (method === 'GET') {
        const items = filtered(state.servicePrincipals, request);
        return Array.isArray(items)
          ? list(
              items.map((sp) => shownSp(sp, false)),
              request,
            )
          : items;
      }
      if (method === 'POST') {
        const body = sent<ServicePrincipalCreate>();
        const app = state.applications.find((item) => item['appId'] === body.appId);
        if (!app) return error(400, 'Request_BadRequest', 'no application with that appId');
        if (state.servicePrincipals.some((item) => item['appId'] === body.appId))
          return error(409, 'Request_MultipleObjectsWithSameKeyValue', 'already exists');
        const sp = newServicePrincipal(app, { notes: body.notes ?? null });
        state.servicePrincipals.push(sp);
        return created(shownSp(sp, false));
      }
    }
    if ((m = path.match(/^\/servicePrincipals\/([^/]+)(\/.*)?$/))) {
      const sp = find(state.servicePrincipals, m[1]);
      if (!sp) return error(404, 'Request_ResourceNotFound', 'service principal not found');
      const sub = m[2] ?? '';
      if (sub === '' && method === 'GET')
        return { status: 200, body: shownSp(sp, (request.query.get('$select') ?? '').includes('keyCredentials')) };
      if (sub === '' && method === 'PATCH') return (Object.assign(sp, sent<ServicePrincipalPatch>()), noContent);
      if (sub === '' && method === 'DELETE') return (deleteServicePrincipal(sp), noContent);
      if (sub === '/addTokenSigningCertificate' && method === 'POST') {
        const body = sent<AddTokenSigningCertificate>();
        const der = randomBytes(600);
        const key = der.toString('base64');
        const thumbprint = createHash('sha1').update(der).digest('hex').toUpperCase();
        const endDateTime = String(body.endDateTime ?? new Date(Date.now() + 3 * 365 * 86_400_000).toISOString());
        const keyId = randomUUID();
        const common = {
          customKeyIdentifier: thumbprint,
          displayName: body.displayName,
          endDateTime,
          startDateTime: new Date().toISOString(),
          type: 'AsymmetricX509Cert',
        };
        sp['keyCredentials'] = [
          ...((sp['keyCredentials'] as Json[]) ?? []),
          { ...common, keyId, usage: 'Verify', key },
          { ...common, keyId: randomUUID(), usage: 'Sign', key: null },
        ];
        return { status: 200, body: { ...common, keyId, thumbprint, key, usage: 'Verify' } };
      }
      if (sub === '/synchronization/jobs') {
        const jobs = state.jobs.get(sp.id) ?? [];
        if (method === 'GET') return list(jobs, request);
        if (method === 'POST') {
          if (sent<SynchronizationJobCreate>().templateId !== 'scim') return error(400, 'Request_BadRequest', 'unknown templateId');
          const job: Obj = {
            id: `scim.${sp.id.replace(/-/g, '')}.${randomUUID().slice(0, 8)}`,
            templateId: 'scim',
            status: { code: 'NotConfigured' },
          };
          state.jobs.set(sp.id, [...jobs, job]);
          return created(job);
        }
      }
      if ((m = sub.match(/^\/synchronization\/jobs\/([^/]+)\/start$/)) && method === 'POST') {
        const job = find(state.jobs.get(sp.id) ?? [], m[1]);
        if (!job) return error(404, 'Request_ResourceNotFound', 'job not found');
        const secrets = state.syncSecrets.get(sp.id);
        if (!secrets?.get('BaseAddress') || !secrets.get('SecretToken'))
          return error(400, 'Request_BadRequest', 'credentials are not configured');
        job['status'] = { code: 'Active' };
        return noContent;
      }
      if (sub === '/synchronization/secrets' && method === 'PUT') {
        const { value } = sent<SynchronizationSecrets>();
        if (!Array.isArray(value)) return error(400, 'Request_BadRequest', 'value must be an array of key/value pairs');
        const secrets = state.syncSecrets.get(sp.id) ?? new Map<string, string>();
        for (const pair of value) secrets.set(String(pair.key), String(pair.value));
        state.syncSecrets.set(sp.id, secrets);
        return noContent;
      }
      if (sub === '/appRoleAssignedTo') {
        if (method === 'GET')
          return list(
            state.assignments.filter((item) => item['resourceId'] === sp.id),
            request,
          );
        if (method === 'POST') {
          const body = sent<AppRoleAssignmentCreate>();
          const roles = (sp['appRoles'] as Json[]) ?? [];
          const roleOk = body.appRoleId === '00000000-0000-0000-0000-000000000000' || roles.some((role) => role['id'] === body.appRoleId);
          if (body.resourceId !== sp.id || !roleOk || !find(state.groups, String(body.principalId)))
            return error(400, 'Request_BadRequest', 'resourceId, appRoleId or principalId is wrong');
          if (state.assignments.some((item) => item['resourceId'] === sp.id && item['principalId'] === body.principalId))
            return error(400, 'Request_BadRequest', 'Permission being assigned already exists on the object');
          const assignment: Obj = {
            id: randomBytes(16).toString('base64url'),
            principalId: body.principalId,
            resourceId: sp.id,
            appRoleId: body.appRoleId,
            principalType: 'Group',
          };
          state.assignments.push(assignment);
          return created(assignment);
        }
      }
      return undefined;
    }

    // delegated permission grants
    if (path === '/oauth2PermissionGrants') {
      if (method === 'GET') {
        const items = filtered(state.grants, request);
        return Array.isArray(items) ? list(items, request) : items;
      }
      if (method === 'POST') {
        const body = sent<OAuth2PermissionGrantCreate>();
        if (!find(state.servicePrincipals, String(body.clientId)) || !find(state.servicePrincipals, String(body.resourceId)))
          return error(400, 'Request_BadRequest', 'clientId and resourceId must be service principals');
        const grant: Obj = {
          id: randomBytes(16).toString('base64url'),
          clientId: body.clientId,
          consentType: body.consentType,
          resourceId: body.resourceId,
          scope: body.scope,
          principalId: null,
        };
        state.grants.push(grant);
        return created(grant);
      }
    }
    if ((m = path.match(/^\/oauth2PermissionGrants\/([^/]+)$/)) && method === 'PATCH') {
      const grant = find(state.grants, m[1]);
      if (!grant) return error(404, 'Request_ResourceNotFound', 'grant not found');
      Object.assign(grant, sent<OAuth2PermissionGrantPatch>());
      return noContent;
    }
    return undefined;
  };

  const server = await startHttpFake({ prefix: '/v1.0', token: FAKE_GRAPH_TOKEN, handle, errorBody });
  base = server.url;
  return Object.assign(server, { state });
}
