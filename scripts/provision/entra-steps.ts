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
import { createHash } from 'node:crypto';
import { ProvisionError } from './errors.ts';
import { GraphError } from './graph-client.ts';
import type {
  Application,
  ApplicationServicePrincipal,
  AppRoleAssignment,
  Group,
  OAuth2PermissionGrant,
  PasswordCredential,
  RequiredResourceAccess,
  SelfSignedCertificate,
  ServicePrincipal,
  SynchronizationJob,
} from './graph-types.ts';
import { MICROSOFT_GRAPH_APP_ID } from './entra-state.ts';
import { CLIENT_SECRET_NAME, hasMarker, MARKER_TEXT, SAML_APP, SCIM_APP, SIGN_IN_APP } from './names.ts';
import type { Step } from './plan.ts';
import { DAY_MS, RENEW_BEFORE_DAYS, teamCallback, validAfter, type World } from './world.ts';

/**
 * The delegated Microsoft Graph permissions Cloudflare lists for its Azure AD connector
 * (https://developers.cloudflare.com/cloudflare-one/integrations/identity-providers/entra-id/).
 */
export const CLOUDFLARE_GRAPH_SCOPES = [
  'email',
  'offline_access',
  'openid',
  'profile',
  'User.Read',
  'Directory.Read.All',
  'GroupMember.Read.All',
];

/** Entra's "non-gallery application" template, which the portal's "Create your own application" uses. */
export const NON_GALLERY_TEMPLATE = '8adf8e6e-67b2-4cf2-a259-e3dc5476c621';

/** How long a client secret the tool creates stays valid (Microsoft recommends under 12 months). */
export const CLIENT_SECRET_DAYS = 365;
/** How long the SAML signing certificate stays valid (the portal's default is three years). */
export const SIGNING_CERTIFICATE_DAYS = 3 * 365;

const DIRECTORY_OBJECTS = 'https://graph.microsoft.com/v1.0/directoryObjects/';

const conflict = (step: Omit<Step, 'action' | 'conflict'>, what: string, field: string): Step => ({
  ...step,
  action: 'manual',
  conflict: true,
  note: `${what} exists but has no "${MARKER_TEXT.slice(0, 40)}…" marker in its ${field}: someone made it by hand (perhaps from the guides).\nRename it in the Entra admin center so the tool creates its own, or run again with --adopt to let the tool take it over (it then writes its marker and its settings into it).`,
});

const markerNotes = (notes: string | null | undefined): string =>
  hasMarker(notes) ? (notes ?? MARKER_TEXT) : notes ? `${notes} ${MARKER_TEXT}` : MARKER_TEXT;

const mailNickname = (name: string): string => name.replace(/[^A-Za-z0-9-]/g, '') || 'barbicandemo';

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new ProvisionError(`Internal error: ${what} is not known yet; an earlier step did not run.`);
  return value;
}

// ---- groups and members -------------------------------------------------------------------

function groupSteps(world: World): Step[] {
  const { graph, entra } = world;
  return world.desired.groupNames.flatMap((name): Step[] => {
    const state = need(entra.groups.get(name), `the group ${name}`);
    const base = { provider: 'entra', kind: 'group', name } as const;
    let step: Step;
    if (!state.found)
      step = {
        ...base,
        action: 'create',
        note: 'a security group; its object id goes into the demo policies',
        run: async () => {
          state.found = await graph.post<Group>('/groups', {
            displayName: name,
            description: MARKER_TEXT,
            mailEnabled: false,
            mailNickname: mailNickname(name),
            securityEnabled: true,
          });
          state.owned = true;
        },
      };
    else if (!state.owned) step = conflict(base, `A group named ${name} (${state.found.id})`, 'description');
    else if (!hasMarker(state.found.description)) {
      const found = state.found;
      step = {
        ...base,
        action: 'update',
        note: '--adopt: write the marker into its description',
        run: () => graph.patch(`/groups/${found.id}`, { description: markerNotes(found.description) }),
      };
    } else step = { ...base, action: 'keep' };

    const members = world.options.members.map((upn): Step => {
      const user = need(entra.users.get(upn), `the user ${upn}`);
      const memberBase = { provider: 'entra', kind: 'group-member', name: `${name} ← ${upn}` } as const;
      if (state.found && state.members.has(user.id)) return { ...memberBase, action: 'keep' };
      return {
        ...memberBase,
        action: 'create',
        run: async () => {
          const group = need(state.found, `the group ${name}`);
          await graph.post(`/groups/${group.id}/members/$ref`, { '@odata.id': `${DIRECTORY_OBJECTS}${user.id}` }, { retryNotFound: true });
          state.members.add(user.id);
        },
      };
    });
    return [step, ...(state.found && !state.owned ? [] : members)];
  });
}

// ---- the sign-in app registration ----------------------------------------------------------

function graphScopeIds(world: World): string[] {
  const scopes = world.entra.graph.oauth2PermissionScopes ?? [];
  return CLOUDFLARE_GRAPH_SCOPES.map((value) => {
    const scope = scopes.find((item) => item.value === value);
    if (!scope)
      throw new ProvisionError(
        `Microsoft Graph's service principal lists no delegated permission "${value}": check that MS_GRAPH_BASE_URL points at Microsoft Graph v1.0.`,
      );
    return scope.id;
  });
}

function withGraphScopes(existing: RequiredResourceAccess[] | undefined, scopeIds: string[]): RequiredResourceAccess[] {
  const others = (existing ?? []).filter((entry) => entry.resourceAppId !== MICROSOFT_GRAPH_APP_ID);
  const graphEntry = (existing ?? []).find((entry) => entry.resourceAppId === MICROSOFT_GRAPH_APP_ID);
  const kept = (graphEntry?.resourceAccess ?? []).filter((access) => !scopeIds.includes(access.id));
  return [
    ...others,
    { resourceAppId: MICROSOFT_GRAPH_APP_ID, resourceAccess: [...kept, ...scopeIds.map((id) => ({ id, type: 'Scope' as const }))] },
  ];
}

function signInProblems(app: Application, callback: string, scopeIds: string[]): string[] {
  const problems: string[] = [];
  if (!hasMarker(app.notes)) problems.push('--adopt: write the marker into its notes');
  if (!(app.web?.redirectUris ?? []).includes(callback)) problems.push(`add the redirect URI ${callback}`);
  if (app.groupMembershipClaims !== 'SecurityGroup') problems.push('send security groups in the token (groupMembershipClaims)');
  const granted = new Set(
    (app.requiredResourceAccess ?? [])
      .filter((entry) => entry.resourceAppId === MICROSOFT_GRAPH_APP_ID)
      .flatMap((entry) => entry.resourceAccess.map((access) => access.id)),
  );
  if (!scopeIds.every((id) => granted.has(id)))
    problems.push(`request the delegated Graph permissions ${CLOUDFLARE_GRAPH_SCOPES.join(', ')}`);
  return problems;
}

/** The client secret the tool made that is still good for more than the renewal window. */
export function validClientSecret(world: World): PasswordCredential | undefined {
  return (world.entra.signIn.found?.passwordCredentials ?? [])
    .filter((credential) => credential.displayName === CLIENT_SECRET_NAME && validAfter(credential.endDateTime, world.now))
    .sort((a, b) => Date.parse(b.endDateTime ?? '') - Date.parse(a.endDateTime ?? ''))[0];
}

function signInSteps(world: World, idpNeedsSecret: boolean): Step[] {
  const { graph, entra } = world;
  const state = entra.signIn;
  const callback = teamCallback(world);
  const scopeIds = graphScopeIds(world);
  const base = { provider: 'entra', kind: 'app-registration', name: SIGN_IN_APP } as const;
  let app: Step;
  if (!state.found)
    app = {
      ...base,
      action: 'create',
      note: `redirect URI ${callback}; security groups in the token; delegated Graph permissions ${CLOUDFLARE_GRAPH_SCOPES.join(', ')}`,
      run: async () => {
        state.found = await graph.post<Application>('/applications', {
          displayName: SIGN_IN_APP,
          notes: MARKER_TEXT,
          signInAudience: 'AzureADMyOrg',
          web: { redirectUris: [callback] },
          groupMembershipClaims: 'SecurityGroup',
          requiredResourceAccess: withGraphScopes([], scopeIds),
        });
        state.owned = true;
      },
    };
  else if (!state.owned) return [conflict(base, `An app registration named ${SIGN_IN_APP} (appId ${state.found.appId})`, 'notes')];
  else {
    const found = state.found;
    const problems = signInProblems(found, callback, scopeIds);
    app =
      problems.length === 0
        ? { ...base, action: 'keep' }
        : {
            ...base,
            action: 'update',
            note: problems.join('; '),
            run: async () => {
              const patch = {
                notes: markerNotes(found.notes),
                web: { ...found.web, redirectUris: [...new Set([...(found.web?.redirectUris ?? []), callback])] },
                groupMembershipClaims: 'SecurityGroup',
                requiredResourceAccess: withGraphScopes(found.requiredResourceAccess, scopeIds),
              };
              await graph.patch(`/applications/${found.id}`, patch);
              Object.assign(found, patch);
            },
          };
  }

  const current = validClientSecret(world);
  const earlier = (state.found?.passwordCredentials ?? []).some((credential) => credential.displayName === CLIENT_SECRET_NAME);
  const secretBase = { provider: 'entra', kind: 'client-secret', name: `${SIGN_IN_APP}: ${CLIENT_SECRET_NAME}` } as const;
  if (current?.endDateTime) world.expiries.clientSecret = current.endDateTime;
  const secret: Step =
    current && !idpNeedsSecret
      ? { ...secretBase, action: 'keep', note: `expires ${current.endDateTime}` }
      : {
          ...secretBase,
          action: earlier ? 'update' : 'create',
          note: current
            ? "a new secret for Cloudflare's identity provider, which is written again (a secret cannot be read back); the old one is removed after"
            : earlier
              ? `the secret expires within ${RENEW_BEFORE_DAYS} days (or has): a new one, valid ${CLIENT_SECRET_DAYS} days, for Cloudflare; the old one is removed after`
              : `valid ${CLIENT_SECRET_DAYS} days; handed straight to Cloudflare's identity provider, never printed`,
          run: async () => {
            const application = need(state.found, 'the sign-in app registration');
            const stale = (application.passwordCredentials ?? []).filter((credential) => credential.displayName === CLIENT_SECRET_NAME);
            const endDateTime = new Date(world.now.getTime() + CLIENT_SECRET_DAYS * DAY_MS).toISOString();
            const created = await graph.post<PasswordCredential>(
              `/applications/${application.id}/addPassword`,
              { passwordCredential: { displayName: CLIENT_SECRET_NAME, endDateTime } },
              { retryNotFound: true },
            );
            if (!created.secretText)
              throw new ProvisionError('Microsoft Graph answered addPassword without the secret: run the command again.');
            world.secrets.add(created.secretText);
            world.runtime.clientSecret = created.secretText;
            world.runtime.staleSecretKeyIds = stale.map((credential) => credential.keyId);
            world.expiries.clientSecret = created.endDateTime ?? endDateTime;
            application.passwordCredentials = [
              ...(application.passwordCredentials ?? []),
              { keyId: created.keyId, displayName: CLIENT_SECRET_NAME, endDateTime: created.endDateTime ?? endDateTime },
            ];
          },
        };

  const spBase = { provider: 'entra', kind: 'service-principal', name: SIGN_IN_APP } as const;
  const sp: Step = !state.sp
    ? {
        ...spBase,
        action: 'create',
        note: 'the enterprise application that users sign in to and that admin consent is granted for',
        run: async () => {
          const application = need(state.found, 'the sign-in app registration');
          state.sp = await graph.post<ServicePrincipal>(
            '/servicePrincipals',
            { appId: application.appId, notes: MARKER_TEXT },
            { retryNotFound: true },
          );
        },
      }
    : hasMarker(state.sp.notes)
      ? { ...spBase, action: 'keep' }
      : {
          ...spBase,
          action: 'update',
          note: '--adopt: write the marker into its notes',
          run: async () => {
            const principal = need(state.sp, 'the sign-in service principal');
            principal.notes = markerNotes(principal.notes);
            await graph.patch(`/servicePrincipals/${principal.id}`, { notes: principal.notes });
          },
        };

  return [app, secret, sp, consentStep(world)];
}

export const consentManualNote = (world: World): string =>
  `Grant it by hand: Entra admin center → App registrations → ${SIGN_IN_APP} → API permissions → Grant admin consent for your tenant (tenant ${world.entra.tenantId}). It needs the Cloud Application Administrator, Application Administrator or Privileged Role Administrator role; without it, users are asked to consent and Directory.Read.All cannot be granted, so group lookups fail.`;

function consentStep(world: World): Step {
  const { graph, entra } = world;
  const state = entra.signIn;
  const scope = CLOUDFLARE_GRAPH_SCOPES.join(' ');
  const base = {
    provider: 'entra',
    kind: 'admin-consent',
    name: `${SIGN_IN_APP}: Microsoft Graph ${CLOUDFLARE_GRAPH_SCOPES.join(', ')}`,
  } as const;
  const granted = new Set((state.grant?.scope ?? '').split(/\s+/).filter(Boolean));
  if (state.grant && CLOUDFLARE_GRAPH_SCOPES.every((value) => granted.has(value))) return { ...base, action: 'keep' };
  const refused = (error: unknown) => {
    if (error instanceof GraphError && error.status === 403) {
      world.late.push({
        ...base,
        action: 'manual',
        note: `Microsoft Graph refused to grant admin consent (403). ${consentManualNote(world)}`,
      });
      world.log(`! admin consent refused (403): listed as a manual step`);
      return;
    }
    throw error;
  };
  return {
    ...base,
    action: state.grant ? 'update' : 'create',
    note: `admin consent for the whole tenant (consentType AllPrincipals); if your roles do not allow it, apply lists it as a manual step`,
    run: async () => {
      const principal = need(state.sp, 'the sign-in service principal');
      try {
        if (state.grant) {
          const union = [...new Set([...granted, ...CLOUDFLARE_GRAPH_SCOPES])].join(' ');
          await graph.patch(`/oauth2PermissionGrants/${state.grant.id}`, { scope: union });
          state.grant.scope = union;
        } else {
          state.grant = await graph.post<OAuth2PermissionGrant>(
            '/oauth2PermissionGrants',
            { clientId: principal.id, consentType: 'AllPrincipals', resourceId: entra.graph.id, scope },
            { retryNotFound: true },
          );
        }
      } catch (error) {
        refused(error);
      }
    },
  };
}

// ---- enterprise applications from the non-gallery template --------------------------------

/** Instantiates the non-gallery template and marks the new application and service principal as the tool's. */
async function instantiate(
  world: World,
  displayName: string,
  spPatch: Record<string, unknown>,
  appPatch: Record<string, unknown>,
): Promise<ApplicationServicePrincipal> {
  const { graph } = world;
  const created = await graph.post<ApplicationServicePrincipal>(`/applicationTemplates/${NON_GALLERY_TEMPLATE}/instantiate`, {
    displayName,
  });
  try {
    // Microsoft notes that a new application can take a few seconds to be readable: retry 404s.
    await graph.patch(`/applications/${created.application.id}`, { notes: MARKER_TEXT, ...appPatch }, { retryNotFound: true });
    await graph.patch(`/servicePrincipals/${created.servicePrincipal.id}`, { notes: MARKER_TEXT, ...spPatch }, { retryNotFound: true });
  } catch (error) {
    if (error instanceof ProvisionError)
      throw new ProvisionError(
        `${error.message} Note: the enterprise application ${displayName} (appId ${created.application.appId}) was created but could not be marked as the tool's; run again with --adopt to take it over.`,
      );
    throw error;
  }
  Object.assign(created.application, { notes: MARKER_TEXT, ...appPatch });
  Object.assign(created.servicePrincipal, { notes: MARKER_TEXT, ...spPatch });
  return created;
}

/** The app role a group is assigned with: the template's "User" role, else default access. */
function userRoleId(sp: ServicePrincipal): string {
  const role = (sp.appRoles ?? []).find(
    (item) => item.isEnabled !== false && item.displayName === 'User' && (item.allowedMemberTypes ?? []).includes('User'),
  );
  return role?.id ?? '00000000-0000-0000-0000-000000000000';
}

export const LICENCE_NOTE = `Assigning a group to an enterprise application needs Microsoft Entra ID P1 or P2 (Entra admin center → Billing → Licenses). Without it, assign the users one by one instead: Enterprise apps → ${SCIM_APP} → Users and groups → Add user/group.`;

function scimSteps(world: World): Step[] {
  const { graph, entra } = world;
  const state = entra.scim;
  const base = { provider: 'entra', kind: 'scim-application', name: SCIM_APP } as const;
  let app: Step;
  if (!state.found)
    app = {
      ...base,
      action: 'create',
      note: 'the separate enterprise application (non-gallery template) whose provisioning job sends users and groups to Cloudflare by SCIM',
      run: async () => {
        const created = await instantiate(world, SCIM_APP, {}, {});
        state.found = created.application;
        state.sp = created.servicePrincipal;
        state.owned = true;
      },
    };
  else if (!state.owned) return [conflict(base, `An application named ${SCIM_APP} (appId ${state.found.appId})`, 'notes')];
  else if (!state.sp || !hasMarker(state.found.notes) || !hasMarker(state.sp.notes)) {
    const found = state.found;
    app = {
      ...base,
      action: 'update',
      note: state.sp ? '--adopt: write the marker into its notes' : 'create its missing service principal',
      run: async () => {
        if (!hasMarker(found.notes)) await graph.patch(`/applications/${found.id}`, { notes: markerNotes(found.notes) });
        found.notes = markerNotes(found.notes);
        const sp = state.sp ?? (await graph.post<ServicePrincipal>('/servicePrincipals', { appId: found.appId, notes: MARKER_TEXT }));
        if (!hasMarker(sp.notes)) await graph.patch(`/servicePrincipals/${sp.id}`, { notes: markerNotes(sp.notes) });
        sp.notes = markerNotes(sp.notes);
        state.sp = sp;
      },
    };
  } else app = { ...base, action: 'keep' };

  const assignments = world.desired.groupNames.map((name): Step => {
    const group = need(entra.groups.get(name), `the group ${name}`);
    const assignBase = { provider: 'entra', kind: 'scim-application', name: `${SCIM_APP} → ${name}` } as const;
    if (group.found && state.assigned.has(group.found.id)) return { ...assignBase, action: 'keep' };
    return {
      ...assignBase,
      action: 'create',
      note: 'assign the group, so that the provisioning job sends it and its direct members',
      run: async () => {
        const sp = need(state.sp, 'the SCIM service principal');
        const groupId = need(group.found, `the group ${name}`).id;
        try {
          await graph.post<AppRoleAssignment>(
            `/servicePrincipals/${sp.id}/appRoleAssignedTo`,
            { principalId: groupId, resourceId: sp.id, appRoleId: userRoleId(sp) },
            { retryNotFound: true },
          );
        } catch (error) {
          if (error instanceof GraphError && error.status === 400 && /licen[cs]e|premium|P1|P2/i.test(error.message))
            throw new ProvisionError(`Entra refused to assign ${name} to ${SCIM_APP}: ${LICENCE_NOTE} Then run the command again.`);
          throw error;
        }
        state.assigned.add(groupId);
      },
    };
  });

  const jobBase = { provider: 'entra', kind: 'scim-job', name: `${SCIM_APP}: provisioning job` } as const;
  const job: Step = state.job
    ? { ...jobBase, action: 'keep' }
    : {
        ...jobBase,
        action: 'create',
        note: 'from the "scim" template; its Tenant URL and Secret Token come from Cloudflare below',
        run: async () => {
          const sp = need(state.sp, 'the SCIM service principal');
          state.job = await graph.post<SynchronizationJob>(
            `/servicePrincipals/${sp.id}/synchronization/jobs`,
            { templateId: 'scim' },
            { retryNotFound: true },
          );
        },
      };
  return [app, ...assignments, job];
}

/** The PEM form Cloudflare's "Signing certificate" field takes, from Graph's Base64 certificate. */
export const pemOf = (base64: string): string =>
  `-----BEGIN CERTIFICATE-----\n${(base64.replace(/\s+/g, '').match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----`;

/** The SHA-1 thumbprint Entra names a signing certificate by. */
const thumbprintOf = (base64: string): string => createHash('sha1').update(Buffer.from(base64, 'base64')).digest('hex').toUpperCase();

/** The SAML app's signing certificate in use, if it is good for longer than the renewal window. */
export function samlCertificate(world: World): { base64: string; endDateTime: string } | undefined {
  const sp = world.entra.saml.sp;
  const preferred = sp?.preferredTokenSigningKeyThumbprint?.toUpperCase();
  const current = (sp?.keyCredentials ?? [])
    .filter((key) => key.usage === 'Verify' && key.key && validAfter(key.endDateTime, world.now))
    .filter((key) => !preferred || thumbprintOf(key.key ?? '') === preferred)
    .sort((a, b) => Date.parse(b.endDateTime ?? '') - Date.parse(a.endDateTime ?? ''))[0];
  return current?.key && current.endDateTime ? { base64: current.key, endDateTime: current.endDateTime } : undefined;
}

/** Every signing certificate the SAML app has (also expired ones), as Base64. */
export const samlCertificates = (world: World): string[] =>
  (world.entra.saml.sp?.keyCredentials ?? []).flatMap((key) => (key.usage === 'Verify' && key.key ? [key.key] : []));

function samlSteps(world: World): Step[] {
  if (!world.desired.needsSaml) return [];
  const { graph, entra } = world;
  const state = entra.saml;
  const callback = teamCallback(world);
  const spPatch = { preferredSingleSignOnMode: 'saml', appRoleAssignmentRequired: false };
  const appPatch = { identifierUris: [callback], web: { redirectUris: [callback] }, groupMembershipClaims: 'SecurityGroup' };
  const base = { provider: 'entra', kind: 'saml-application', name: SAML_APP } as const;
  let app: Step;
  if (!state.found)
    app = {
      ...base,
      action: 'create',
      note: `non-gallery template, SAML single sign-on; identifier and reply URL ${callback}; security groups in the assertion; any user may sign in (the Access policy decides)`,
      run: async () => {
        const created = await instantiate(world, SAML_APP, spPatch, appPatch);
        state.found = created.application;
        state.sp = { ...created.servicePrincipal, keyCredentials: [] };
        state.owned = true;
      },
    };
  else if (!state.owned) return [conflict(base, `An application named ${SAML_APP} (appId ${state.found.appId})`, 'notes')];
  else {
    const found = state.found;
    const sp = need(state.sp, 'the SAML service principal');
    const problems: string[] = [];
    if (!hasMarker(found.notes) || !hasMarker(sp.notes)) problems.push('--adopt: write the marker into its notes');
    if (!(found.identifierUris ?? []).includes(callback) || !(found.web?.redirectUris ?? []).includes(callback))
      problems.push(`identifier and reply URL ${callback}`);
    if (found.groupMembershipClaims !== 'SecurityGroup') problems.push('security groups in the assertion');
    if (sp.preferredSingleSignOnMode !== 'saml') problems.push('SAML single sign-on');
    if (sp.appRoleAssignmentRequired !== false) problems.push('any user may sign in (the Access policy decides)');
    app =
      problems.length === 0
        ? { ...base, action: 'keep' }
        : {
            ...base,
            action: 'update',
            note: problems.join('; '),
            run: async () => {
              const application = {
                notes: markerNotes(found.notes),
                identifierUris: [...new Set([...(found.identifierUris ?? []), callback])],
                web: { ...found.web, redirectUris: [...new Set([...(found.web?.redirectUris ?? []), callback])] },
                groupMembershipClaims: 'SecurityGroup',
              };
              await graph.patch(`/applications/${found.id}`, application);
              Object.assign(found, application);
              const principal = { ...spPatch, notes: markerNotes(sp.notes) };
              await graph.patch(`/servicePrincipals/${sp.id}`, principal);
              Object.assign(sp, principal);
            },
          };
  }

  const certBase = { provider: 'entra', kind: 'saml-application', name: `${SAML_APP}: token signing certificate` } as const;
  const current = state.owned || !state.found ? samlCertificate(world) : undefined;
  if (current) world.expiries.samlCertificate = current.endDateTime;
  const cert: Step = current
    ? { ...certBase, action: 'keep', note: `expires ${current.endDateTime}` }
    : {
        ...certBase,
        action: 'create',
        note: `a self-signed signing certificate, valid ${SIGNING_CERTIFICATE_DAYS / 365} years (addTokenSigningCertificate); Cloudflare's SAML provider gets its public part`,
        run: async () => {
          const sp = need(state.sp, 'the SAML service principal');
          const endDateTime = new Date(world.now.getTime() + SIGNING_CERTIFICATE_DAYS * DAY_MS).toISOString();
          const created = await graph.post<SelfSignedCertificate>(
            `/servicePrincipals/${sp.id}/addTokenSigningCertificate`,
            { displayName: 'CN=Barbican demo SAML signing', endDateTime },
            { retryNotFound: true },
          );
          await graph.patch(`/servicePrincipals/${sp.id}`, { preferredTokenSigningKeyThumbprint: created.thumbprint });
          sp.preferredTokenSigningKeyThumbprint = created.thumbprint;
          sp.keyCredentials = [
            ...(sp.keyCredentials ?? []),
            {
              keyId: created.keyId ?? created.thumbprint,
              usage: 'Verify',
              type: 'AsymmetricX509Cert',
              endDateTime: created.endDateTime,
              key: created.key ?? null,
            },
          ];
          world.expiries.samlCertificate = created.endDateTime;
        },
      };
  return [app, cert];
}

export interface EntraStepOptions {
  /** Cloudflare's Azure AD provider will be created or written again, so it needs a fresh client secret. */
  idpNeedsSecret: boolean;
}

export function entraSteps(world: World, { idpNeedsSecret }: EntraStepOptions): Step[] {
  return [...groupSteps(world), ...signInSteps(world, idpNeedsSecret), ...scimSteps(world), ...samlSteps(world)];
}
