/**
 * Cloudflare's SAML identity provider, from the Entra SAML application: Entra's issuer and
 * single sign-on URL for the tenant, the application's signing certificate, and the groups claim
 * as an attribute. The provider has no field for a marker, so it is the tool's when it carries
 * the tool's name and holds one of the tool's SAML signing certificates.
 *
 * Sources: "Generic SAML 2.0" (https://developers.cloudflare.com/cloudflare-one/integrations/identity-providers/generic-saml/),
 * the identity providers API (https://developers.cloudflare.com/api/resources/zero_trust/subresources/identity_providers/).
 */
import type { IdentityProviderCreateParams } from 'cloudflare/resources/zero-trust/identity-providers/identity-providers';
import { ENTRA_SAML_GROUPS_CLAIM } from '../../src/identity/parse-identity.ts';
import { upsert } from './cloudflare-client.ts';
import { idpView, replaced, type IdpView } from './cloudflare-state.ts';
import { pemOf, samlCertificate, samlCertificates } from './entra-saml.ts';
import { ProvisionError } from './errors.ts';
import { SAML_IDP } from './names.ts';
import { CLOUDFLARE_CONFLICT_HINT, pick, type Found } from './ownership.ts';
import type { Step } from './plan.ts';
import type { World } from './world.ts';

const normalisePem = (pem: string): string => pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');

const certsOf = (idp: IdpView): string[] => ((idp.config['idp_public_certs'] as string[] | undefined) ?? []).map(normalisePem);

export function samlIdp(world: World): Found<IdpView> {
  const mineCerts = new Set(world.entra.saml.owned ? samlCertificates(world) : []);
  return pick(
    world.cf.idps.filter((idp) => idp.name === SAML_IDP),
    (idp) => idp.type === 'saml' && certsOf(idp).some((cert) => mineCerts.has(cert)),
    world.options.adopt,
  );
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
  const { found: idp, owned } = samlIdp(world);
  if (idp && !owned)
    return [
      {
        ...base,
        action: 'manual',
        conflict: true,
        note: `An identity provider named ${SAML_IDP} (${idp.id}) exists, but it holds none of the tool's SAML signing certificates: someone made it by hand.\n${CLOUDFLARE_CONFLICT_HINT}`,
      },
    ];
  const certificate = samlCertificate(world)?.base64;
  if (idp && certificate) {
    const want = samlConfig(world, certificate);
    const config = idp.config;
    const certs = certsOf(idp);
    const right =
      idp.type === 'saml' &&
      config['issuer_url'] === want.issuer_url &&
      config['sso_target_url'] === want.sso_target_url &&
      certs.length === 1 &&
      certs[0] === normalisePem(certificate) &&
      ((config['attributes'] as string[] | undefined) ?? []).includes(ENTRA_SAML_GROUPS_CLAIM);
    if (right) return [{ ...base, action: 'keep' }];
  }
  return [
    {
      ...base,
      action: idp ? 'update' : 'create',
      note: `SAML: issuer https://sts.windows.net/${world.entra.tenantId}/, SSO URL https://login.microsoftonline.com/${world.entra.tenantId}/saml2, the Entra SAML app's signing certificate, the groups claim as an attribute`,
      run: async () => {
        const cert = samlCertificate(world)?.base64;
        if (!cert) throw new ProvisionError('Internal error: the SAML signing certificate is not known.');
        const params: IdentityProviderCreateParams.AccessSAML = {
          account_id: world.cf.accountId,
          name: SAML_IDP,
          type: 'saml',
          config: samlConfig(world, cert),
        };
        const answer = await upsert(world.cf.accountId, {
          what: `identity provider ${SAML_IDP}`,
          area: 'identity-providers',
          current: samlIdp(world).found,
          create: () => world.cloudflare.zeroTrust.identityProviders.create(params),
          update: (id) => world.cloudflare.zeroTrust.identityProviders.update(id, params),
        });
        world.cf.idps = replaced(world.cf.idps, idpView(answer));
      },
    },
  ];
}
