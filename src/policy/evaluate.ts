/**
 * Which policy decides, across an application's policies, the way Access runs them
 * (https://developers.cloudflare.com/cloudflare-one/access-controls/policies/): when an
 * application was pasted, its accepted identity providers (`allowed_idps`) first; then "Bypass
 * and Service Auth policies are evaluated first, from top to bottom", then Allow and Block in
 * their order (`precedence`, else the order given); the first match decides; no match denies
 * ("Access is deny by default"). A matching Service Auth policy admits as a service token.
 *
 * Rules that cannot be decided are unknowns; the decision is still known when every way they
 * could turn out gives the same answer (an undecided Allow followed by an Allow for everyone is
 * `allow`). With few distinct unknowns every assignment is tried; with more, a sound
 * three-valued pass gives `unknown` whenever it cannot tell. Never throws; bounded work.
 */
import type { PolicyDecision } from './api-types.ts';
import { atomsOf, evaluateFormula, kleene, sizeOf, type Formula } from './formula.ts';
import { providerHas, providerRef, type RuleContext } from './identity-rules.ts';
import { RuleWalk, undecided, type RuleEvaluation } from './policy.ts';
import type { PolicyIdentity } from './policy-identity.ts';
import type { PolicyInput, ReadDocuments } from './read-documents.ts';
import type { Application, Policy, Setting } from './read-policies.ts';
import type { Has, Outcome, ProviderRef, RuleResult } from './reasons.ts';

export type Decision = 'allow' | 'deny' | 'bypass' | 'unknown' | 'invalid' | 'none';
export type KnownDecision = 'allow' | 'deny' | 'bypass';
const KNOWN_DECISIONS: readonly KnownDecision[] = ['allow', 'bypass', 'deny'];
export type PolicyOutcome = Outcome | 'not-reached';

export interface PolicyResult {
  /** The policy's id, else its name (the page's `data-policy`). */
  key: string;
  id?: string | undefined;
  name?: string | undefined;
  decision: PolicyDecision;
  precedence?: number | undefined;
  /** 1-based place in evaluation order. */
  order: number;
  outcome: PolicyOutcome;
  /** The policy that decides (see Evaluation.decidedBy). */
  deciding: boolean;
  rules: RuleResult[];
  /** Applied after a match; they do not change the decision. */
  settings: Setting[];
  /** `no-include`: without an Include rule the policy matches nobody. */
  notes: 'no-include'[];
}

/** The application's accepted identity providers against the identity's. */
export interface IdpCheck {
  outcome: 'accepted' | 'refused' | 'unknown';
  /** Empty: the application accepts every provider. */
  allowed: ProviderRef[];
  has: Has;
}

export type DecidedBy =
  /** `alsoPossible`: earlier policies that may match first, with the same decision. */
  | { kind: 'policy'; key: string; asServiceToken: boolean; alsoPossible: string[] }
  | { kind: 'default-deny'; alsoPossible: string[] }
  /** Known, but which of these policies decides depends on the unknowns: all decide alike. */
  | { kind: 'one-of'; keys: string[] }
  | { kind: 'allowed-idps' };

export interface Evaluation {
  decision: Decision;
  /** What decided, when the decision is known. */
  decidedBy?: DecidedBy;
  /** Every decision the unknowns leave possible: one when known, none for `invalid`/`none`. */
  possible: KnownDecision[];
  /** `exhaustive`: every assignment of the unknowns was tried; `three-valued`: too many for that. */
  method: 'exhaustive' | 'three-valued';
  /** In evaluation order. */
  policies: PolicyResult[];
  allowedIdps?: IdpCheck;
  /** The distinct undecided rules (identical rules once), in the order met. */
  unknowns: RuleResult[];
  /** The deciding policy's settings. */
  settings: Setting[];
}

/** Distinct unknowns tried exhaustively at most (2^12 assignments)... */
export const MAX_EXHAUSTIVE_UNKNOWNS = 12;
/** ...and formula nodes evaluated at most doing so. */
export const MAX_EXHAUSTIVE_WORK = 2_000_000;
const IDP_ATOM = '#allowed_idps';
const RANK: Record<PolicyDecision, number> = { bypass: 0, non_identity: 0, allow: 1, deny: 1 };

/** Evaluation order: by precedence (stable; without one, after those with one), Bypass and Service Auth first. */
export function evaluationOrder(policies: readonly Policy[]): Policy[] {
  return policies
    .map((policy, index) => ({ policy, index }))
    .sort(
      (a, b) =>
        RANK[a.policy.decision] - RANK[b.policy.decision] ||
        (a.policy.precedence ?? Infinity) - (b.policy.precedence ?? Infinity) ||
        a.index - b.index,
    )
    .map(({ policy }) => policy);
}

const admits = (decision: PolicyDecision): KnownDecision => (decision === 'non_identity' ? 'allow' : decision);

function checkIdps(application: Application, who: PolicyIdentity, context: RuleContext): IdpCheck {
  const allowed = application.allowedIdps.map((id) => providerRef(id, context));
  const has = providerHas(who, context);
  const check = (outcome: IdpCheck['outcome']): IdpCheck => ({ outcome, allowed, has });
  if (allowed.length === 0) return check('accepted');
  if (who.idpId) return check(allowed.some((p) => p.id.toLowerCase() === who.idpId?.toLowerCase()) ? 'accepted' : 'refused');
  if (who.idpType && allowed.every((p) => p.type !== undefined && p.type !== who.idpType)) return check('refused');
  return check('unknown');
}

interface Evaluated {
  policy: Policy;
  evaluation: RuleEvaluation[];
  formula: Formula;
  known: boolean | undefined;
}

/** Every decision possible under the unknowns, trying each assignment (or undefined: too many). */
function exhaustive(reached: Evaluated[], idp: IdpCheck | undefined): Set<KnownDecision> | undefined {
  const atoms = new Set<string>(idp?.outcome === 'unknown' ? [IDP_ATOM] : []);
  const open = reached.filter((entry) => entry.known === undefined);
  for (const entry of open) atomsOf(entry.formula, atoms);
  const index = new Map([...atoms].map((key, i) => [key, i]));
  const work = 2 ** atoms.size * (open.reduce((sum, entry) => sum + sizeOf(entry.formula), 0) + 1);
  if (atoms.size > MAX_EXHAUSTIVE_UNKNOWNS || work > MAX_EXHAUSTIVE_WORK) return undefined;
  const possible = new Set<KnownDecision>();
  for (let mask = 0; mask < 2 ** atoms.size; mask += 1) {
    const lookup = (key: string) => ((mask >> (index.get(key) ?? 0)) & 1) === 1;
    if (idp?.outcome === 'unknown' && !lookup(IDP_ATOM)) {
      possible.add('deny');
      continue;
    }
    const first = reached.find((entry) => entry.known ?? evaluateFormula(entry.formula, lookup));
    possible.add(first ? admits(first.policy.decision) : 'deny');
  }
  return possible;
}

/** Sound without trying assignments: each undecided policy may or may not match. */
function threeValued(reached: Evaluated[], idp: IdpCheck | undefined): Set<KnownDecision> {
  const possible = new Set<KnownDecision>(idp?.outcome === 'unknown' ? ['deny'] : []);
  for (const entry of reached) if (entry.known !== false) possible.add(admits(entry.policy.decision));
  if (reached.at(-1)?.known !== true) possible.add('deny');
  return possible;
}

const noIdentityWho: PolicyIdentity = { from: 'get-identity', raw: {} };

/** What is wrong with the rule itself, identity or not. */
const ABOUT_THE_RULE = new Set<string>(['unrecognised', 'malformed', 'bad-value']);

/** A rule as it stands without an identity: what it needs, nothing about anyone (or what is wrong with it). */
const withoutIdentity = ({ reason, ...result }: RuleResult): RuleResult => ({
  ...result,
  outcome: 'unknown',
  reason: {
    ...reason,
    code: ABOUT_THE_RULE.has(reason.code) ? reason.code : 'no-identity',
    has: [],
    ...(reason.members ? { members: reason.members.map(withoutIdentity) } : {}),
  },
});

/**
 * The decision for an identity over the policies. Without an identity: the policies in evaluation
 * order with what each rule needs, decision `none`. `resolve` is for the demos' placeholders.
 */
export function evaluate(input: PolicyInput, who: PolicyIdentity | undefined, resolve: Omit<RuleContext, 'providers'> = {}): Evaluation {
  const context = { ...resolve, providers: input.providers, groups: input.groups };
  const walk = new RuleWalk(who ?? noIdentityWho, context);
  const evaluated: Evaluated[] = evaluationOrder(input.policies).map((policy) => {
    const { evaluation, formula } = walk.rules(policy.rules);
    return { policy, evaluation, formula, known: kleene(formula) };
  });
  const idp = who && input.application ? checkIdps(input.application, who, context) : undefined;
  const refused = idp?.outcome === 'refused';
  const firstMatch = evaluated.findIndex((entry) => entry.known === true);
  const reached = !who || refused ? [] : firstMatch === -1 ? evaluated : evaluated.slice(0, firstMatch + 1);

  const exact = who && !refused ? exhaustive(reached, idp) : undefined;
  const possible = !who ? new Set<KnownDecision>() : refused ? new Set<KnownDecision>(['deny']) : (exact ?? threeValued(reached, idp));
  const decision: Decision = !who ? 'none' : possible.size === 1 ? ([...possible][0] ?? 'unknown') : 'unknown';

  // The first certain match decides, unless the unknowns before it always decide otherwise.
  const last = reached.at(-1);
  const deciding = last?.known === true && admits(last.policy.decision) === decision ? last : undefined;
  const alsoPossible = reached.filter((entry) => entry.known === undefined).map((entry) => entry.policy.key);
  let decidedBy: DecidedBy | undefined;
  if (refused) decidedBy = { kind: 'allowed-idps' };
  else if (deciding)
    decidedBy = { kind: 'policy', key: deciding.policy.key, asServiceToken: deciding.policy.decision === 'non_identity', alsoPossible };
  else if (decision === 'deny' && last?.known !== true) decidedBy = { kind: 'default-deny', alsoPossible };
  else if (decision === 'allow' || decision === 'deny' || decision === 'bypass') decidedBy = { kind: 'one-of', keys: alsoPossible };

  const unknowns = new Map<string, RuleResult>();
  for (const entry of reached) undecided(entry.evaluation, unknowns);

  const policies = evaluated.map(({ policy, evaluation, known }, i): PolicyResult => ({
    key: policy.key,
    id: policy.id,
    name: policy.name,
    decision: policy.decision,
    precedence: policy.precedence,
    order: i + 1,
    outcome: i < reached.length ? (known === undefined ? 'unknown' : known ? 'match' : 'no-match') : 'not-reached',
    deciding: deciding?.policy === policy,
    rules: evaluation.map(({ result }) => (who ? result : withoutIdentity(result))),
    settings: policy.settings,
    notes: policy.rules.some((rule) => rule.list === 'include') ? [] : ['no-include'],
  }));
  return {
    decision,
    ...(decidedBy ? { decidedBy } : {}),
    possible: KNOWN_DECISIONS.filter((known) => possible.has(known)),
    method: exact || !who || refused ? 'exhaustive' : 'three-valued',
    policies,
    ...(idp ? { allowedIdps: idp } : {}),
    unknowns: [...unknowns.values()],
    settings: deciding?.policy.settings ?? [],
  };
}

const nothing = (decision: 'invalid' | 'none'): Evaluation => ({
  decision,
  possible: [],
  method: 'exhaustive',
  policies: [],
  unknowns: [],
  settings: [],
});

/**
 * What the page shows for a paste: `none` while nothing (or no policy: only rule groups or
 * providers) is pasted, `invalid` when nothing in it reads as a policy, else the evaluation.
 */
export function evaluatePasted(read: ReadDocuments, who: PolicyIdentity | undefined): Evaluation {
  if (read.empty) return nothing('none');
  if (read.policies.length === 0 && !read.application) return nothing(read.counts.groups + read.counts.providers > 0 ? 'none' : 'invalid');
  return evaluate(read, who);
}
