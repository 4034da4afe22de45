/**
 * Would this identity open each demo page? Decided from the demo's gate (its frontmatter,
 * src/schemas/demo.ts) the way Access evaluates the rule:
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
import { groupsFrom, isMemberOf, isRecord, type Identity, type IdentityGroup } from '../identity/parse-identity.ts';
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

function providerMatches(identity: Identity, selector: 'azure-groups' | 'saml-group'): boolean | undefined {
  if (!identity.idpType) return undefined;
  return selector === 'azure-groups' ? identity.idpType === 'azureAD' : identity.idpType === 'saml';
}

export function demoVerdict(identity: Identity, raw: unknown, { slug, gate }: DemoGateInfo): DemoVerdict {
  if (typeof gate === 'string') return { slug, verdict: 'allow', reason: 'any-user', holdsGroup: false };
  const holdsGroup = isMemberOf(identity, gate.group);
  const result = (verdict: Verdict, reason: VerdictReason): DemoVerdict => ({ slug, verdict, reason, holdsGroup });
  if (providerMatches(identity, gate.selector) === false) return result('deny', 'provider');
  const groups = gate.selector === 'saml-group' ? samlAttributeGroups(raw, gate.attribute ?? '') : identity.groups;
  if (groups.length === 0) return result('deny', 'no-groups');
  if (isMemberOf({ groups }, gate.group)) return result('allow', 'member');
  if (groups.some((group) => group.idOnly)) return result('unknown', 'ids');
  return result('deny', 'absent');
}

export const demoVerdicts = (identity: Identity, raw: unknown, demos: readonly DemoGateInfo[]): DemoVerdict[] =>
  demos.map((demo) => demoVerdict(identity, raw, demo));
