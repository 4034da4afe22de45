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
import { isRecord } from '../identity/parse-identity.ts';
import { demoVerdictsFor } from '../policy/demo-verdicts.ts';
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

/** A gate as the schema gives it (src/schemas/demo.ts, not imported: it brings zod). */
function isGate(gate: unknown): gate is DemoGate {
  if (gate === 'any-signed-in-user') return true;
  return isRecord(gate) && typeof gate['group'] === 'string' && (gate['selector'] === 'azure-groups' || gate['selector'] === 'saml-group');
}

const isDemo = (value: unknown): value is DemoGateInfo => isRecord(value) && typeof value['slug'] === 'string' && isGate(value['gate']);

/** The demos and their gates, from the JSON the page carries (written from the demo list at build time). */
export function demosFrom(json: string | null): DemoGateInfo[] {
  try {
    const value: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(value) ? value.filter(isDemo) : [];
  } catch {
    return [];
  }
}

/** A verdict per demo for a get-identity answer (the card's parse of it, and the raw JSON). */
export const demoVerdicts = demoVerdictsFor;
