/**
 * The sign-in app registration Cloudflare's Azure AD connector uses: redirect URI, security
 * groups in the token, the delegated Graph permissions Cloudflare lists, its client secret
 * (https://learn.microsoft.com/graph/api/application-addpassword), its service principal, and
 * admin consent (https://learn.microsoft.com/graph/api/oauth2permissiongrant-post).
 */
import { ProvisionError } from './errors.ts';
import { GraphError } from './graph-client.ts';
import type { Application, PasswordCredential, RequiredResourceAccess, ServicePrincipal } from './graph-types.ts';
import { MICROSOFT_GRAPH_APP_ID } from './entra-state.ts';
import { conflict, markerNotes, need } from './entra-common.ts';
import { CLIENT_SECRET_NAME, CONSENT_REFUSED, hasMarker, MARKER_TEXT, SIGN_IN_APP } from './names.ts';
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

/** How long a client secret the tool creates stays valid (Microsoft recommends under 12 months). */
export const CLIENT_SECRET_DAYS = 365;

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

/** The client secrets the tool made (by their display name), whatever their dates. */
export const ownedClientSecrets = (world: World): PasswordCredential[] =>
  (world.entra.signIn.found?.passwordCredentials ?? []).filter((credential) => credential.displayName === CLIENT_SECRET_NAME);

/** The client secret the tool made that is still good for more than the renewal window. */
export function validClientSecret(world: World): PasswordCredential | undefined {
  return ownedClientSecrets(world)
    .filter((credential) => validAfter(credential.endDateTime, world.now))
    .sort((a, b) => Date.parse(b.endDateTime ?? '') - Date.parse(a.endDateTime ?? ''))[0];
}

export function signInSteps(world: World, idpNeedsSecret: boolean): Step[] {
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
        state.found = await graph.post('/applications', {
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
  const earlier = ownedClientSecrets(world).length > 0;
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
            const stale = ownedClientSecrets(world);
            const endDateTime = new Date(world.now.getTime() + CLIENT_SECRET_DAYS * DAY_MS).toISOString();
            const created = await graph.post(
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
          state.sp = await graph.post('/servicePrincipals', { appId: application.appId, notes: MARKER_TEXT }, { retryNotFound: true });
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
  // Known beforehand to be refused: the portal step, and apply sends nothing.
  if (state.consentRefused)
    return { ...base, action: 'manual', note: `An earlier apply was refused admin consent (403). ${consentManualNote(world)}` };
  if (state.consent.ability === 'cannot')
    return { ...base, action: 'manual', note: `You cannot grant admin consent: ${state.consent.reason}. ${consentManualNote(world)}` };

  /** Remembers the refusal in the service principal's notes, so later plans list the manual step. */
  const refused = async (principal: ServicePrincipal) => {
    world.late.push({
      ...base,
      action: 'manual',
      note: `Microsoft Graph refused to grant admin consent (403). ${consentManualNote(world)}`,
    });
    world.log(`! admin consent refused (403): listed as a manual step`);
    const notes = `${principal.notes ?? MARKER_TEXT} ${CONSENT_REFUSED}`;
    await graph.patch(`/servicePrincipals/${principal.id}`, { notes });
    principal.notes = notes;
    state.consentRefused = true;
  };
  return {
    ...base,
    action: state.grant ? 'update' : 'create',
    note: `admin consent for the whole tenant (consentType AllPrincipals); if Graph refuses it, apply lists it as a manual step, and so do later plans`,
    run: async () => {
      const principal = need(state.sp, 'the sign-in service principal');
      try {
        if (state.grant) {
          const union = [...new Set([...granted, ...CLOUDFLARE_GRAPH_SCOPES])].join(' ');
          await graph.patch(`/oauth2PermissionGrants/${state.grant.id}`, { scope: union });
          state.grant.scope = union;
        } else {
          state.grant = await graph.post(
            '/oauth2PermissionGrants',
            { clientId: principal.id, consentType: 'AllPrincipals', resourceId: entra.graph.id, scope },
            { retryNotFound: true },
          );
        }
      } catch (error) {
        if (!(error instanceof GraphError && error.status === 403)) throw error;
        await refused(principal);
      }
    },
  };
}
