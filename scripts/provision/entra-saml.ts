/**
 * The SAML enterprise application, configured as Microsoft documents it in "Automate SAML-based
 * SSO app configuration with Microsoft Graph API" (https://learn.microsoft.com/graph/application-saml-sso-configure-api):
 * the non-gallery template, preferredSingleSignOnMode saml, identifier and reply URL, the groups
 * claim, and a signing certificate from addTokenSigningCertificate.
 */
import { createHash } from 'node:crypto';
import { conflict, instantiate, markerNotes, need } from './entra-common.ts';
import { hasMarker, SAML_APP } from './names.ts';
import type { Step } from './plan.ts';
import { DAY_MS, teamCallback, validAfter, type World } from './world.ts';

/** How long the SAML signing certificate stays valid (the portal's default is three years). */
export const SIGNING_CERTIFICATE_DAYS = 3 * 365;

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

export function samlSteps(world: World): Step[] {
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
          const created = await graph.post(
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
