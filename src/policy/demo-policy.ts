/**
 * Each demo's gate (its frontmatter, src/schemas/demo.ts) as the one Access policy it stands for,
 * written as the Cloudflare API answers a policy (`GET /accounts/{account_id}/access/policies`,
 * https://developers.cloudflare.com/api/resources/zero_trust/subresources/access/subresources/policies/)
 * with two placeholders where the reader's own ids go: the Entra group's object id and the Access
 * identity provider's id.
 *
 * Three readers share it: the inspector's policy engine evaluates it for the demos' verdicts
 * (resolving the placeholders the way the site can: the group by its display name, the provider
 * by its type), the demo page shows it ("this demo's policy, as the API sees it"), and
 * `npm run provision` fills in the real ids and creates it.
 */
import { ENTRA_SAML_GROUPS_CLAIM } from '../identity/parse-identity.ts';
import type { DemoGate } from '../schemas/demo.ts';

/** Where the Entra group's object id goes (an `azureAD` rule's `id`, a `saml` rule's value). */
export const GROUP_ID_PLACEHOLDER = '<entra-group-object-id>';
/** Where the Access identity provider's id goes (`identity_provider_id`). */
export const PROVIDER_ID_PLACEHOLDER = '<identity-provider-id>';

/** The identity provider types a demo's sign-in goes through (the API's `type` of an identity provider). */
export type DemoProviderType = 'azureAD' | 'saml';

/** One rule of a demo's policy: the subset of the API's rule objects a demo gate can stand for. */
export type DemoPolicyRule =
  | { everyone: Record<string, never> }
  | { azureAD: { id: string; identity_provider_id: string } }
  | { saml: { attribute_name: string; attribute_value: string; identity_provider_id: string } };

/**
 * A reusable Access policy as the API takes and answers it (only the fields a demo sets). A type,
 * not an interface, so that it is a JSON object as the engine reads one (read-policies.ts).
 */
export type DemoPolicy = {
  name: string;
  decision: 'allow';
  include: DemoPolicyRule[];
  require: DemoPolicyRule[];
  exclude: DemoPolicyRule[];
};

export interface DemoPolicySource {
  slug: string;
  gate: DemoGate;
}

/** The policy name every demo's policy carries, the same in the evaluator and in provisioning. */
export const demoPolicyName = (slug: string): string => `Barbican demo: ${slug}`;

/**
 * The identity provider a demo's visitors sign in through: the SAML provider for a SAML Group
 * rule, else Cloudflare's Azure AD (OIDC) connector (an Azure Groups rule "requires an Azure
 * identity provider"; the OIDC demo signs in through it too).
 */
export function demoProviderType(gate: DemoGate): DemoProviderType {
  return typeof gate !== 'string' && gate.selector === 'saml-group' ? 'saml' : 'azureAD';
}

/** The Entra group a demo's policy names, when it names one. */
export const demoGroupName = (gate: DemoGate): string | undefined => (typeof gate === 'string' ? undefined : gate.group);

function includeRule(gate: DemoGate, groupId: string, providerId: string): DemoPolicyRule {
  if (typeof gate === 'string') return { everyone: {} };
  if (gate.selector === 'saml-group')
    return {
      saml: { attribute_name: gate.attribute ?? ENTRA_SAML_GROUPS_CLAIM, attribute_value: groupId, identity_provider_id: providerId },
    };
  return { azureAD: { id: groupId, identity_provider_id: providerId } };
}

/**
 * The demo's policy with the given ids: the template itself (placeholders) by default, or the
 * reader's real ids when provisioning fills them in.
 */
export function demoPolicy(
  { slug, gate }: DemoPolicySource,
  { groupId = GROUP_ID_PLACEHOLDER, providerId = PROVIDER_ID_PLACEHOLDER }: { groupId?: string; providerId?: string } = {},
): DemoPolicy {
  return { name: demoPolicyName(slug), decision: 'allow', include: [includeRule(gate, groupId, providerId)], require: [], exclude: [] };
}
