/**
 * Cloudflare's two identity providers: Azure AD (OIDC) with Support groups and SCIM, whose SCIM
 * endpoint and one-time secret go straight into Entra's provisioning job, and the SAML provider
 * from the Entra SAML application. Neither has a field for a marker, so a provider is the tool's
 * when it carries the tool's name and is linked to what the tool owns: the Azure AD provider's
 * client id is the tool's app registration, the SAML provider holds the tool's signing certificate.
 *
 * Sources: "Microsoft Entra ID" (https://developers.cloudflare.com/cloudflare-one/integrations/identity-providers/entra-id/),
 * "Generic SAML 2.0" (https://developers.cloudflare.com/cloudflare-one/integrations/identity-providers/generic-saml/),
 * the identity providers API (https://developers.cloudflare.com/api/resources/zero_trust/subresources/identity_providers/).
 */
import type { IdentityProviderCreateParams } from 'cloudflare/resources/zero-trust/identity-providers/identity-providers';
import { ENTRA_SAML_GROUPS_CLAIM } from '../../src/identity/parse-identity.ts';
import { CloudflareCallError, guard } from './cloudflare-client.ts';
import { idpView, type IdpView } from './cloudflare-state.ts';
import { pemOf, samlCertificate, samlCertificates } from './entra-saml.ts';
import { validClientSecret } from './entra-sign-in.ts';
import { ProvisionError } from './errors.ts';
import { AZURE_IDP, SAML_IDP, SCIM_APP, scimSecretNote } from './names.ts';
import type { Step } from './plan.ts';
import type { World } from './world.ts';

export type Verdict = 'create' | 'update' | 'keep' | 'conflict';

export const CONFLICT_HINT =
  'Rename it in the Cloudflare dashboard so the tool creates its own, or run again with --adopt to let the tool take it over (it then writes its settings into it).';

// ---- the Azure AD (OIDC) identity provider -----------------------------------------------------

export function azureIdp(world: World): { idp: IdpView | undefined; owned: boolean } {
  const named = world.cf.idps.filter((idp) => idp.name === AZURE_IDP);
  const appId = world.entra.signIn.owned ? world.entra.signIn.found?.appId : undefined;
  const mine = named.find((idp) => idp.type === 'azureAD' && appId !== undefined && idp.config['client_id'] === appId);
  if (mine) return { idp: mine, owned: true };
  return { idp: named[0], owned: world.options.adopt && named[0] !== undefined };
}

/** What the Azure AD provider needs: judged before Entra's steps, which must know whether a new client secret is due. */
export function azureIdpVerdict(world: World): Verdict {
  const { idp, owned } = azureIdp(world);
  if (!idp) return 'create';
  if (!owned) return 'conflict';
  const appId = world.entra.signIn.found?.appId;
  const config = idp.config;
  const right =
    idp.type === 'azureAD' &&
    config['client_id'] === appId &&
    config['directory_id'] === world.entra.tenantId &&
    config['support_groups'] === true &&
    idp.scimEnabled &&
    validClientSecret(world) !== undefined;
  return right ? 'keep' : 'update';
}

function azureIdpParams(world: World): IdentityProviderCreateParams.AzureAD {
  const clientSecret = world.runtime.clientSecret;
  if (!clientSecret) throw new ProvisionError('Internal error: no client secret was issued before the identity provider step.');
  return {
    account_id: world.cf.accountId,
    name: AZURE_IDP,
    type: 'azureAD',
    config: {
      client_id: world.entra.signIn.found?.appId ?? '',
      client_secret: clientSecret,
      directory_id: world.entra.tenantId,
      // "Support groups" must be on for any Azure Groups rule, with or without SCIM.
      support_groups: true,
    },
    scim_config: { enabled: true },
  };
}

/**
 * Keeps the provider Cloudflare answered, and (in memory only) its SCIM secret when the answer is
 * the one that first enabled SCIM: later answers carry a redacted value instead.
 */
function rememberIdp(world: World, answer: unknown, secretExpected: boolean): IdpView {
  const view = idpView(answer);
  const secret = (answer as { scim_config?: { secret?: string } }).scim_config?.secret;
  if (secretExpected && secret) {
    world.secrets.add(secret);
    world.cf.scimSecret = secret;
  }
  world.cf.idps = [...world.cf.idps.filter((idp) => idp.id !== view.id), view];
  return view;
}

async function removeStaleClientSecrets(world: World): Promise<void> {
  const app = world.entra.signIn.found;
  if (!app) return;
  for (const keyId of world.runtime.staleSecretKeyIds) {
    await world.graph.post(`/applications/${app.id}/removePassword`, { keyId });
    app.passwordCredentials = (app.passwordCredentials ?? []).filter((credential) => credential.keyId !== keyId);
  }
  world.runtime.staleSecretKeyIds = [];
}

export function azureIdpStep(world: World, verdict: Verdict): Step {
  const base = { provider: 'cloudflare', kind: 'identity-provider', name: AZURE_IDP } as const;
  const { idp } = azureIdp(world);
  const account_id = world.cf.accountId;
  if (verdict === 'conflict')
    return {
      ...base,
      action: 'manual',
      conflict: true,
      note: `An identity provider named ${AZURE_IDP} (${idp?.id}) exists, but its client id is not the tool's app registration ${world.entra.signIn.found?.appId ?? '(not created yet)'}: someone made it by hand.\n${CONFLICT_HINT}`,
    };
  if (verdict === 'keep') return { ...base, action: 'keep' };
  const write = async (update: boolean) => {
    const params = azureIdpParams(world);
    const answer = update
      ? await guard(account_id, { doing: `update the identity provider ${AZURE_IDP}`, area: 'identity-providers', write: true }, () =>
          world.cloudflare.zeroTrust.identityProviders.update(idp?.id ?? '', params),
        )
      : await guard(account_id, { doing: `create the identity provider ${AZURE_IDP}`, area: 'identity-providers', write: true }, () =>
          world.cloudflare.zeroTrust.identityProviders.create(params),
        );
    rememberIdp(world, answer, !update || idp?.scimEnabled !== true);
    await removeStaleClientSecrets(world);
  };
  return {
    ...base,
    action: verdict,
    note:
      verdict === 'create'
        ? "Azure AD (OIDC) with the app registration's client id and the new client secret, Support groups on, SCIM on"
        : 'write the client id, a new client secret, the directory id, Support groups and SCIM again',
    run: () => write(verdict === 'update'),
  };
}

// ---- the SCIM endpoint and secret, into Entra's provisioning job ---------------------------------

export const regenerateManualNote = `Cloudflare shows the SCIM secret once and the API would not issue a new one. Do it by hand:\n1. Cloudflare dashboard → Zero Trust → Integrations → Identity providers → ${AZURE_IDP} → Edit → Regenerate Secret; copy the SCIM Endpoint and the SCIM Secret, then Save.\n2. Entra admin center → Enterprise apps → ${SCIM_APP} → Provisioning → Admin Credentials: Tenant URL = the SCIM Endpoint, Secret Token = the SCIM Secret; Test Connection, Save, then Start provisioning.\n3. Run apply again with --adopt: the tool cannot read the secret back, and --adopt records the credentials you set as current.`;

export function scimCredentialSteps(world: World, verdict: Verdict): Step[] {
  if (verdict === 'conflict') return [];
  const { entra, graph } = world;
  const { idp } = azureIdp(world);
  const credentialsBase = { provider: 'entra', kind: 'scim-job', name: `${SCIM_APP}: Tenant URL and Secret Token` } as const;
  const stored = idp !== undefined && idp.scimEnabled && entra.scim.secretStoredFor === idp.id && entra.scim.job !== undefined;
  const firstSecret = verdict === 'create' || (idp !== undefined && !idp.scimEnabled);
  const lost = !stored && !firstSecret;
  const adoptHandSet = lost && world.options.adopt && entra.scim.job !== undefined;

  const record = async (idpId: string) => {
    const sp = entra.scim.sp;
    if (!sp) throw new ProvisionError('Internal error: the SCIM service principal is not known.');
    await graph.patch(`/servicePrincipals/${sp.id}`, { notes: scimSecretNote(idpId) });
    sp.notes = scimSecretNote(idpId);
    entra.scim.secretStoredFor = idpId;
  };

  const credentials: Step = stored
    ? { ...credentialsBase, action: 'keep' }
    : {
        ...credentialsBase,
        action: firstSecret ? 'create' : 'update',
        note: adoptHandSet
          ? '--adopt: take the credentials set by hand in Entra as current (the tool cannot read them back) and record that'
          : firstSecret
            ? "Cloudflare's SCIM endpoint and its one-time SCIM secret, straight from Cloudflare's answer into the job (never printed)"
            : 'the SCIM secret Cloudflare showed once was never stored in Entra (a run stopped in between, or the job is new): ask Cloudflare for a new secret and store it',
        run: async () => {
          const current = azureIdp(world).idp;
          if (!current) throw new ProvisionError('Internal error: the Azure AD identity provider is not known.');
          if (adoptHandSet) return record(current.id);
          let secret = world.cf.scimSecret;
          if (!secret) {
            try {
              // The SDK's types name this endpoint for a lost SCIM secret ("refresh it at
              // /access/identity_providers/:idpID/refresh_scim_secret"); the SDK has no method for it.
              const answer = await guard(
                world.cf.accountId,
                { doing: `issue a new SCIM secret for ${AZURE_IDP}`, area: 'identity-providers', write: true },
                () =>
                  world.cloudflare.post<{ result?: { scim_config?: { secret?: string }; secret?: string } }>(
                    `/accounts/${world.cf.accountId}/access/identity_providers/${current.id}/refresh_scim_secret`,
                  ),
              );
              secret = answer.result?.scim_config?.secret ?? answer.result?.secret;
              if (secret) world.secrets.add(secret);
            } catch (error) {
              if (!(error instanceof CloudflareCallError && [404, 405, 501].includes(error.status ?? 0))) throw error;
            }
            if (!secret) {
              world.late.push({ ...credentialsBase, action: 'manual', note: regenerateManualNote });
              world.log('! Cloudflare issued no new SCIM secret: listed as a manual step');
              return;
            }
          }
          if (!current.scimBaseUrl)
            throw new ProvisionError(
              `Cloudflare's identity provider ${AZURE_IDP} has no SCIM endpoint (scim_base_url): run the command again.`,
            );
          const sp = entra.scim.sp;
          if (!sp) throw new ProvisionError('Internal error: the SCIM service principal is not known.');
          await graph.put(`/servicePrincipals/${sp.id}/synchronization/secrets`, {
            value: [
              { key: 'BaseAddress', value: current.scimBaseUrl },
              { key: 'SecretToken', value: secret },
            ],
          });
          delete world.cf.scimSecret;
          await record(current.id);
        },
      };

  const startBase = { provider: 'entra', kind: 'scim-job', name: `${SCIM_APP}: start provisioning` } as const;
  const active = entra.scim.job?.status?.code === 'Active';
  const start: Step =
    active && stored
      ? { ...startBase, action: 'keep' }
      : {
          ...startBase,
          action: 'update',
          note: 'start the provisioning job (it then runs about every 40 minutes)',
          run: async () => {
            const job = entra.scim.job;
            const sp = entra.scim.sp;
            if (!job || !sp) throw new ProvisionError('Internal error: the provisioning job is not known.');
            if (entra.scim.secretStoredFor !== azureIdp(world).idp?.id) {
              world.log('! the provisioning job is not started: its credentials are a manual step');
              return;
            }
            if (job.status?.code === 'Active') return;
            await graph.post(`/servicePrincipals/${sp.id}/synchronization/jobs/${job.id}/start`, undefined);
            job.status = { ...job.status, code: 'Active' };
          },
        };
  return [credentials, start];
}

// ---- the SAML identity provider ----------------------------------------------------------------

const normalisePem = (pem: string): string => pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');

export function samlIdp(world: World): { idp: IdpView | undefined; owned: boolean } {
  const named = world.cf.idps.filter((idp) => idp.name === SAML_IDP);
  const mineCerts = new Set(world.entra.saml.owned ? samlCertificates(world) : []);
  const mine = named.find(
    (idp) =>
      idp.type === 'saml' &&
      ((idp.config['idp_public_certs'] as string[] | undefined) ?? []).some((pem) => mineCerts.has(normalisePem(pem))),
  );
  if (mine) return { idp: mine, owned: true };
  return { idp: named[0], owned: world.options.adopt && named[0] !== undefined };
}

function samlConfig(world: World, certificate: string | undefined) {
  const tenant = world.entra.tenantId;
  return {
    issuer_url: `https://sts.windows.net/${tenant}/`,
    sso_target_url: `https://login.microsoftonline.com/${tenant}/saml2`,
    idp_public_certs: certificate ? [pemOf(certificate)] : [],
    // Entra sends group object ids under this claim by default; Access puts the attribute into the token.
    attributes: [ENTRA_SAML_GROUPS_CLAIM],
    sign_request: false,
  };
}

export function samlIdpStep(world: World): Step[] {
  if (!world.desired.needsSaml) return [];
  const base = { provider: 'cloudflare', kind: 'identity-provider', name: SAML_IDP } as const;
  const { idp, owned } = samlIdp(world);
  if (idp && !owned)
    return [
      {
        ...base,
        action: 'manual',
        conflict: true,
        note: `An identity provider named ${SAML_IDP} (${idp.id}) exists, but it holds none of the tool's SAML signing certificates: someone made it by hand.\n${CONFLICT_HINT}`,
      },
    ];
  const certificate = samlCertificate(world)?.base64;
  if (idp && certificate) {
    const want = samlConfig(world, certificate);
    const config = idp.config;
    const certs = ((config['idp_public_certs'] as string[] | undefined) ?? []).map(normalisePem);
    const right =
      idp.type === 'saml' &&
      config['issuer_url'] === want.issuer_url &&
      config['sso_target_url'] === want.sso_target_url &&
      certs.length === 1 &&
      certs[0] === normalisePem(certificate) &&
      ((config['attributes'] as string[] | undefined) ?? []).includes(ENTRA_SAML_GROUPS_CLAIM);
    if (right) return [{ ...base, action: 'keep' }];
  }
  const account_id = world.cf.accountId;
  return [
    {
      ...base,
      action: idp ? 'update' : 'create',
      note: `SAML: issuer https://sts.windows.net/${world.entra.tenantId}/, SSO URL https://login.microsoftonline.com/${world.entra.tenantId}/saml2, the Entra SAML app's signing certificate, the groups claim as an attribute`,
      run: async () => {
        const cert = samlCertificate(world)?.base64;
        if (!cert) throw new ProvisionError('Internal error: the SAML signing certificate is not known.');
        const params: IdentityProviderCreateParams.AccessSAML = {
          account_id,
          name: SAML_IDP,
          type: 'saml',
          config: samlConfig(world, cert),
        };
        const current = samlIdp(world).idp;
        const answer = current
          ? await guard(account_id, { doing: `update the identity provider ${SAML_IDP}`, area: 'identity-providers', write: true }, () =>
              world.cloudflare.zeroTrust.identityProviders.update(current.id, params),
            )
          : await guard(account_id, { doing: `create the identity provider ${SAML_IDP}`, area: 'identity-providers', write: true }, () =>
              world.cloudflare.zeroTrust.identityProviders.create(params),
            );
        rememberIdp(world, answer, false);
      },
    },
  ];
}
