/**
 * The identity a policy is evaluated against, from what the inspector holds: a get-identity
 * answer (read by the identity card's parser, plus the raw fields the rules read), or an Access
 * application token, which carries the email and country but no groups and no provider
 * (https://developers.cloudflare.com/cloudflare-one/access-controls/applications/http-apps/authorization-cookie/application-token/).
 * A field that is absent is unknown, never "empty": rules that need it are undecided.
 */
import { exact, isRecord, text, type Identity, type IdentityGroup, type Json } from '../identity/parse-identity.ts';
import { list } from './read-policies.ts';

export interface PolicyIdentity {
  from: 'get-identity' | 'token';
  email?: string | undefined;
  idpId?: string | undefined;
  idpType?: string | undefined;
  /** Absent when the source carries no groups (a token); get-identity without groups has none. */
  groups?: IdentityGroup[] | undefined;
  /** The sign-in IP and country; Access checks both again on every request. */
  ip?: string | undefined;
  country?: string | undefined;
  /** RFC 8176 authentication methods, when the answer carries `amr`. */
  amr?: string[] | undefined;
  /** The answer itself, for the fields rules read by name (SAML attributes, OIDC claims, ...). */
  raw: Json;
}

const amrOf = (raw: Json) => (Array.isArray(raw['amr']) ? list(raw['amr']).flatMap((method) => text(method) ?? []) : undefined);

export function identityFromAnswer(identity: Identity, raw: unknown): PolicyIdentity {
  const json = isRecord(raw) ? raw : {};
  return {
    from: 'get-identity',
    // The values rules compare, as Access has them (the card's parser cleans them for showing).
    email: exact(json['email']) ?? identity.email,
    idpId: identity.idpId,
    idpType: identity.idpType,
    groups: identity.groups,
    ip: exact(json['ip']),
    country: identity.country,
    amr: amrOf(json),
    raw: json,
  };
}

/** An Access application token's claims: `email`, `country`; no groups, no provider. */
export function identityFromToken(claims: unknown): PolicyIdentity {
  const json = isRecord(claims) ? claims : {};
  return { from: 'token', email: exact(json['email']), country: text(json['country']), amr: amrOf(json), raw: json };
}
