/**
 * Cloudflare's Azure AD (OIDC) identity provider, with Support groups and SCIM on: the client id
 * and a client secret of the tool's sign-in app registration, and the tenant. The provider has no
 * field for a marker, so it is the tool's when it carries the tool's name and its client id is the
 * tool's app registration.
 *
 * Sources: "Microsoft Entra ID" (https://developers.cloudflare.com/cloudflare-one/integrations/identity-providers/entra-id/),
 * the identity providers API (https://developers.cloudflare.com/api/resources/zero_trust/subresources/identity_providers/).
 */
import type { IdentityProviderCreateParams } from 'cloudflare/resources/zero-trust/identity-providers/identity-providers';
import { upsert } from './cloudflare-client.ts';
import { idpView, replaced, type IdpView } from './cloudflare-state.ts';
import { ownedClientSecrets, validClientSecret } from './entra-sign-in.ts';
import { ProvisionError } from './errors.ts';
import { AZURE_IDP } from './names.ts';
import { CLOUDFLARE_CONFLICT_HINT, pick, type Found } from './ownership.ts';
import type { Step } from './plan.ts';
import type { World } from './world.ts';

export type Verdict = 'create' | 'update' | 'keep' | 'conflict';

export function azureIdp(world: World): Found<IdpView> {
  const appId = world.entra.signIn.owned ? world.entra.signIn.found?.appId : undefined;
  return pick(
    world.cf.idps.filter((idp) => idp.name === AZURE_IDP),
    (idp) => idp.type === 'azureAD' && appId !== undefined && idp.config['client_id'] === appId,
    world.options.adopt,
  );
}

/** What the Azure AD provider needs: judged before Entra's steps, which must know whether a new client secret is due. */
export function azureIdpVerdict(world: World): Verdict {
  const { found: idp, owned } = azureIdp(world);
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
    validClientSecret(world) !== undefined &&
    !secretInDoubt(world);
  return right ? 'keep' : 'update';
}

/**
 * More than one client secret of the tool's in Entra: a run issued a new one and stopped before
 * Cloudflare took it (a refused provider update, say), and Cloudflare cannot tell which it holds.
 * Then the provider is written again with a fresh secret, and every other one is removed after.
 */
const secretInDoubt = (world: World): boolean => ownedClientSecrets(world).length > 1;

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
function rememberIdp(world: World, answer: unknown, secretExpected: boolean): void {
  const secret = (answer as { scim_config?: { secret?: string } }).scim_config?.secret;
  if (secretExpected && secret) {
    world.secrets.add(secret);
    world.cf.scimSecret = secret;
  }
  world.cf.idps = replaced(world.cf.idps, idpView(answer));
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
  const { found: idp } = azureIdp(world);
  if (verdict === 'conflict')
    return {
      ...base,
      action: 'manual',
      conflict: true,
      note: `An identity provider named ${AZURE_IDP} (${idp?.id}) exists, but its client id is not the tool's app registration ${world.entra.signIn.found?.appId ?? '(not created yet)'}: someone made it by hand.\n${CLOUDFLARE_CONFLICT_HINT}`,
    };
  if (verdict === 'keep') return { ...base, action: 'keep' };
  return {
    ...base,
    action: verdict,
    note:
      verdict === 'create'
        ? "Azure AD (OIDC) with the app registration's client id and the new client secret, Support groups on, SCIM on"
        : secretInDoubt(world)
          ? `Entra holds ${ownedClientSecrets(world).length} client secrets of the tool's and Cloudflare's copy cannot be read (a run stopped between issuing one and handing it over): write a new one, with the client id, directory id, Support groups and SCIM; the others are removed after`
          : 'write the client id, a new client secret, the directory id, Support groups and SCIM again',
    run: async () => {
      const params = azureIdpParams(world);
      const current = azureIdp(world).found;
      const answer = await upsert(world.cf.accountId, {
        what: `identity provider ${AZURE_IDP}`,
        area: 'identity-providers',
        current,
        create: () => world.cloudflare.zeroTrust.identityProviders.create(params),
        update: (id) => world.cloudflare.zeroTrust.identityProviders.update(id, params),
      });
      rememberIdp(world, answer, current?.scimEnabled !== true);
      await removeStaleClientSecrets(world);
    },
  };
}
