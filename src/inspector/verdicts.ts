/**
 * Would this identity open each demo page? Decided by the policy engine (src/policy/) from the
 * Access policy the demo's gate (its frontmatter, src/schemas/demo.ts) stands for, the way Access
 * evaluates the rule:
 * - any signed-in user: yes;
 * - Azure Groups: only an identity from the Azure AD provider can match ("Requires an Azure
 *   identity provider", https://developers.cloudflare.com/cloudflare-one/integrations/identity-providers/entra-id/),
 *   by the group's name (with SCIM) or object id;
 * - SAML Group: only a SAML provider's identity can match, by the value of one attribute
 *   (https://developers.cloudflare.com/cloudflare-one/api-terraform/access-api-examples/saml-attribute/);
 *   Entra sends object ids in its default groups claim
 *   (https://learn.microsoft.com/entra/identity-platform/reference-saml-tokens).
 * When the groups are object ids and the group's id is not known here, the answer is "unknown".
 */
import { groupsFrom, isRecord, type Identity, type IdentityGroup } from '../identity/parse-identity.ts';
import { demoVerdictOf, demoVerdictsFor } from '../policy/demo-verdicts.ts';
import { identityFromAnswer } from '../policy/policy-identity.ts';
import type { DemoGate } from '../schemas/demo.ts';

export type Verdict = 'allow' | 'deny' | 'unknown';
/**
 * Why: `any-user` and `member` allow; `provider` (the rule cannot match this identity's
 * provider), `no-groups` and `absent` deny; `ids` is unknown.
 */
export type VerdictReason = 'any-user' | 'member' | 'provider' | 'no-groups' | 'absent' | 'ids';

export interface DemoGateInfo {
  slug: string;
  gate: DemoGate;
}

export interface DemoVerdict {
  slug: string;
  verdict: Verdict;
  reason: VerdictReason;
  /** True when the identity holds the group the rule names, whatever the verdict. */
  holdsGroup: boolean;
}

/** A verdict row's data attributes (its `dataset`), which Inspector.astro renders from the demo's gate. */
export type GateData = Partial<Record<'demo' | 'gateSelector' | 'gateGroup' | 'gateAttribute', string>>;

/** The demos' gates, read back from their verdict rows' data attributes. */
export function gatesFromData(rows: Iterable<GateData>): DemoGateInfo[] {
  return [...rows].map(({ demo = '', gateSelector: selector, gateGroup: group = '', gateAttribute: attribute }) => ({
    slug: demo,
    gate:
      selector === 'azure-groups' || selector === 'saml-group'
        ? { group, selector, ...(attribute ? { attribute } : {}) }
        : 'any-signed-in-user',
  }));
}

/** The values of one SAML attribute, read as groups by the card's parser. */
export function samlAttributeGroups(raw: unknown, attribute: string): IdentityGroup[] {
  const attributes = isRecord(raw) ? raw['saml_attributes'] : undefined;
  if (!isRecord(attributes) || !Object.hasOwn(attributes, attribute)) return [];
  return groupsFrom(attributes[attribute]);
}

/** The demo's verdict, from the policy engine evaluating the demo's policy (src/policy/demo-verdicts.ts). */
export const demoVerdict = (identity: Identity, raw: unknown, demo: DemoGateInfo): DemoVerdict =>
  demoVerdictOf(identityFromAnswer(identity, raw), demo);

export const demoVerdicts = (identity: Identity, raw: unknown, demos: readonly DemoGateInfo[]): DemoVerdict[] =>
  demoVerdictsFor(identity, raw, demos);
