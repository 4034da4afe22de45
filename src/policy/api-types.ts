/**
 * The Cloudflare API's Access shapes the policy engine reads, written by hand (the `cloudflare`
 * SDK's types are generated from the same API schema, but the SDK is far too big for the
 * inspector's script). Every field is optional here because pasted JSON is checked field by
 * field (read-policies.ts); these types say what a well-formed answer holds.
 *
 * API reference (Zero Trust → Access):
 * - policies: https://developers.cloudflare.com/api/resources/zero_trust/subresources/access/subresources/policies/
 * - applications: https://developers.cloudflare.com/api/resources/zero_trust/subresources/access/subresources/applications/
 * - rule groups: https://developers.cloudflare.com/api/resources/zero_trust/subresources/access/subresources/groups/
 * - identity providers: https://developers.cloudflare.com/api/resources/zero_trust/subresources/identity_providers/
 * Selectors and their meaning: https://developers.cloudflare.com/cloudflare-one/access-controls/policies/
 */

/** Allow, Block, Service Auth and Bypass, as the dashboard calls them. */
export type PolicyDecision = 'allow' | 'deny' | 'non_identity' | 'bypass';
export const POLICY_DECISIONS: readonly PolicyDecision[] = ['allow', 'deny', 'non_identity', 'bypass'];

/**
 * Every rule object the API has: exactly one key, the rule type, whose value holds its fields.
 * The API refuses any other key ("unknown rule type"); Terraform spells some differently
 * (`azure_ad`, `github_organization`), the API does not.
 */
export interface AccessRuleFields {
  everyone: Record<string, never>;
  email: { email: string };
  email_domain: { domain: string };
  email_list: { id: string };
  /** An Access rule group (GET /access/groups), not an identity provider's group. */
  group: { id: string };
  /** `id`: the Entra group's object id. */
  azureAD: { id: string; identity_provider_id: string };
  saml: { attribute_name: string; attribute_value: string; identity_provider_id: string };
  oidc: { claim_name: string; claim_value: string; identity_provider_id: string };
  okta: { name: string; identity_provider_id: string };
  gsuite: { email: string; identity_provider_id: string };
  'github-organization': { name: string; team?: string; identity_provider_id: string };
  /** `id`: an identity provider's id. */
  login_method: { id: string };
  /** An RFC 8176 authentication method reference, e.g. `mfa`, `hwk`. */
  auth_method: { auth_method: string };
  /** An IPv4 or IPv6 CIDR block. */
  ip: { ip: string };
  ip_list: { id: string };
  geo: { country_code: string };
  device_posture: { integration_uid: string; account_id?: string };
  certificate: Record<string, never>;
  common_name: { common_name: string };
  service_token: { token_id: string };
  any_valid_service_token: Record<string, never>;
  external_evaluation: { evaluate_url: string; keys_url: string };
  auth_context: { id: string; ac_id: string; identity_provider_id: string };
  user_risk_score: { user_risk_score: ('low' | 'medium' | 'high' | 'unscored')[] };
  linked_app_token: { app_uid: string };
  cloudflare_account_member: { account_id?: string };
}

export type RuleKey = keyof AccessRuleFields;

/** One rule as the API answers it, e.g. `{ "email": { "email": "a@b.c" } }`. */
export type AccessRule = { [K in RuleKey]: { [P in K]: AccessRuleFields[K] } }[RuleKey];

export const RULE_KEYS: readonly RuleKey[] = [
  'everyone',
  'email',
  'email_domain',
  'email_list',
  'group',
  'azureAD',
  'saml',
  'oidc',
  'okta',
  'gsuite',
  'github-organization',
  'login_method',
  'auth_method',
  'ip',
  'ip_list',
  'geo',
  'device_posture',
  'certificate',
  'common_name',
  'service_token',
  'any_valid_service_token',
  'external_evaluation',
  'auth_context',
  'user_risk_score',
  'linked_app_token',
  'cloudflare_account_member',
];

export type RuleList = 'include' | 'require' | 'exclude';
export const RULE_LISTS: readonly RuleList[] = ['include', 'require', 'exclude'];

/** A policy (GET /access/policies, or one of an application's `policies`). */
export interface AccessPolicy {
  id?: string;
  name?: string;
  decision?: PolicyDecision;
  /** Any one must match; "All Access policies must contain an Include rule". */
  include?: AccessRule[];
  /** All must match. */
  require?: AccessRule[];
  /** None may match. */
  exclude?: AccessRule[];
  /** An application's policies only: the order they run in, unique within the app. */
  precedence?: number;
  // Settings applied after a match; they do not decide.
  session_duration?: string | null;
  purpose_justification_required?: boolean;
  purpose_justification_prompt?: string;
  approval_required?: boolean;
  approval_groups?: unknown[];
  isolation_required?: boolean;
  mfa_config?: { allowed_authenticators?: string[]; mfa_disabled?: boolean; session_duration?: string };
}

/** An Access application (GET /access/apps/{app_id}) with the policies attached to it. */
export interface AccessApplication {
  id?: string;
  name?: string;
  type?: string;
  domain?: string;
  aud?: string;
  /** Identity provider ids the application accepts; empty or absent: every provider. */
  allowed_idps?: string[];
  policies?: AccessPolicy[];
}

/** An Access rule group (GET /access/groups): rules of its own, no decision. */
export interface AccessRuleGroup {
  id?: string;
  name?: string;
  include?: AccessRule[];
  require?: AccessRule[];
  exclude?: AccessRule[];
}

/** An identity provider (GET /access/identity_providers). */
export interface AccessIdentityProvider {
  id?: string;
  name?: string;
  /** `azureAD`, `saml`, `oidc`, `onetimepin`, `github`, `okta`, `google-apps`, ... */
  type?: string;
  config?: Record<string, unknown>;
}

/** The v4 envelope every Cloudflare API answer comes in. */
export interface ApiEnvelope<T> {
  success?: boolean;
  errors?: { code?: number; message?: string }[];
  messages?: unknown[];
  result?: T;
}
