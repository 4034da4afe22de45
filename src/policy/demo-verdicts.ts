/**
 * The demos' verdicts from the policy engine: each demo's gate as the Access policy it stands
 * for (demo-policy.ts), its placeholders resolved the way the site can (the Entra group by its
 * display name, the identity provider by its type), evaluated like any pasted policy. The
 * inspector's verdict rows (src/inspector/verdicts.ts) read these.
 */
import type { Identity } from '../identity/parse-identity.ts';
import type { DemoGateInfo, DemoVerdict, VerdictReason } from '../inspector/verdicts.ts';
import { demoGroupName, demoPolicy, demoProviderType, GROUP_ID_PLACEHOLDER, PROVIDER_ID_PLACEHOLDER } from './demo-policy.ts';
import { evaluate } from './evaluate.ts';
import { identityFromAnswer, type PolicyIdentity } from './policy-identity.ts';
import { readPolicy } from './read-policies.ts';
import type { ReasonCode } from './reasons.ts';

/** The rule's reason as the verdict rows word it. */
const VERDICT_REASONS: Partial<Record<ReasonCode, VerdictReason>> = {
  'other-provider': 'provider',
  'no-groups': 'no-groups',
  'ids-only': 'ids',
  differs: 'absent',
};

export function demoVerdictOf(who: PolicyIdentity, demo: DemoGateInfo): DemoVerdict {
  const group = demoGroupName(demo.gate);
  // The template is the API's JSON for the policy, so it reads like a pasted one.
  const policy = readPolicy(demoPolicy(demo), 1);
  const evaluation =
    'invalidDecision' in policy
      ? undefined
      : evaluate({ policies: [policy], groups: [], providers: [] }, who, {
          groupNames: group === undefined ? {} : { [GROUP_ID_PLACEHOLDER]: group },
          providerTypes: { [PROVIDER_ID_PLACEHOLDER]: demoProviderType(demo.gate) },
        });
  const reason = evaluation?.policies[0]?.rules[0]?.reason;
  const decision = evaluation?.decision;
  return {
    slug: demo.slug,
    verdict: decision === 'allow' || decision === 'deny' ? decision : 'unknown',
    reason:
      reason?.need.key === 'everyone'
        ? 'any-user'
        : reason?.code === 'matches'
          ? 'member'
          : (VERDICT_REASONS[reason?.code ?? 'differs'] ?? 'ids'),
    holdsGroup: reason?.holdsGroup ?? false,
  };
}

/** A verdict per demo for a get-identity answer (the card's parse of it, and the raw JSON). */
export function demoVerdictsFor(identity: Identity, raw: unknown, demos: readonly DemoGateInfo[]): DemoVerdict[] {
  const who = identityFromAnswer(identity, raw);
  return demos.map((demo) => demoVerdictOf(who, demo));
}
