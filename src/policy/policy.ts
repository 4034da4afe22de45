/**
 * One policy's (or rule group's) rules against an identity: each rule's outcome and reason, and
 * the policy's condition as a formula (formula.ts). A `group` rule is followed into the pasted
 * rule group's own rules, recursively; a group that leads back to itself is reported as a cycle
 * and not followed again, and the walk is bounded in depth and in the number of rules visited.
 */
import { text } from '../identity/parse-identity.ts';
import { atom, condition, kleene, value, type Formula } from './formula.ts';
import type { PolicyIdentity } from './policy-identity.ts';
import type { Rule, RuleGroup } from './read-policies.ts';
import type { Need, Outcome, Reason, RuleResult } from './reasons.ts';
import { checkRule, type RuleContext } from './rules.ts';

export interface EvaluationContext extends RuleContext {
  groups: readonly RuleGroup[];
}

export interface RuleEvaluation {
  result: RuleResult;
  /** An atom when the rule itself is undecided; a rule group's condition when followed. */
  formula: Formula;
  /** The rule as canonical JSON (read-policies.ts): an identity key, never shown. */
  canonical: string;
  /** A followed rule group's own rules. */
  members?: RuleEvaluation[];
}

/** The undecided rules themselves (rule groups followed into), each once, added to `into`. */
export function undecided(evaluation: readonly RuleEvaluation[], into: Map<string, RuleResult>): Map<string, RuleResult> {
  for (const entry of evaluation) {
    if (entry.members) undecided(entry.members, into);
    else if (entry.formula.op === 'atom' && !into.has(entry.canonical)) into.set(entry.canonical, entry.result);
  }
  return into;
}

/** Rule groups nested deeper than this are not followed. */
export const MAX_GROUP_DEPTH = 16;
/**
 * Rules visited in one evaluation at most, rule groups' included. A group met again is not walked
 * again, but its rules count again: the results hold it once per place it is met, and the view,
 * the unknowns and the decision go through each of those places, so groups that include the same
 * group twice, over and over, would otherwise double the work at every level.
 */
export const MAX_RULE_VISITS = 100_000;

const outcomeOf = (known: boolean | undefined): Outcome => (known === undefined ? 'unknown' : known ? 'match' : 'no-match');

/** The state of one evaluation: a budget of rule visits and the rule groups already evaluated. */
export class RuleWalk {
  #left = MAX_RULE_VISITS;
  /** Rule groups evaluated already, with the visits they took (charged again each time one is met). */
  readonly #done = new Map<string, { evaluation: RuleEvaluation[]; formula: Formula; visits: number }>();

  readonly who: PolicyIdentity;
  readonly context: EvaluationContext;

  constructor(who: PolicyIdentity, context: EvaluationContext) {
    this.who = who;
    this.context = context;
  }

  /** Each rule's result and formula, and the condition they make together. */
  rules(rules: readonly Rule[], stack: string[] = []): { evaluation: RuleEvaluation[]; formula: Formula; cyclic: boolean } {
    let cyclic = false;
    const evaluation = rules.map((rule) => {
      const walked = this.#rule(rule, stack);
      cyclic ||= walked.cyclic;
      return walked.evaluation;
    });
    return { evaluation, formula: condition(evaluation.map(({ result, formula }) => ({ list: result.list, formula }))), cyclic };
  }

  #rule(rule: Rule, stack: string[]): { evaluation: RuleEvaluation; cyclic: boolean } {
    const { canonical } = rule;
    const unknown = (reason: Reason, cyclic = false) => ({
      evaluation: { result: { list: rule.list, key: rule.key, outcome: 'unknown' as const, reason }, formula: atom(canonical), canonical },
      cyclic,
    });
    this.#left -= 1;
    const id = rule.key === 'group' && !rule.malformed ? ruleGroupId(rule) : undefined;
    const group = id === undefined ? undefined : this.context.groups.find((candidate) => candidate.id === id);
    if (!group || id === undefined) {
      const checked = checkRule(rule, this.who, this.context);
      const formula = checked.outcome === 'unknown' ? atom(rule.canonical) : value(checked.outcome === 'match');
      return { evaluation: { result: { list: rule.list, key: rule.key, ...checked }, formula, canonical }, cyclic: false };
    }
    const need: Need = { key: 'group', fields: { id }, name: group.name };
    if (this.#left < 0 || stack.length >= MAX_GROUP_DEPTH) return unknown({ code: 'too-deep', need, has: [], notes: [] });
    if (stack.includes(id)) {
      const path = [...stack.slice(stack.indexOf(id)), id].map((step) => this.context.groups.find((g) => g.id === step)?.name ?? step);
      return unknown({ code: 'cycle', need, has: [], notes: [], path }, true);
    }
    const done = this.#done.get(id);
    if (done) {
      this.#left -= done.visits;
      if (this.#left < 0) return unknown({ code: 'too-deep', need, has: [], notes: [] });
    }
    const before = this.#left;
    const inner = done ? { ...done, cyclic: false } : this.rules(group.rules, [...stack, id]);
    if (!done && !inner.cyclic) this.#done.set(id, { evaluation: inner.evaluation, formula: inner.formula, visits: before - this.#left });
    const outcome = outcomeOf(kleene(inner.formula));
    const reason: Reason = { code: 'group-evaluated', need, has: [], notes: [], members: inner.evaluation.map(({ result }) => result) };
    const evaluation = {
      result: { list: rule.list, key: rule.key, outcome, reason },
      formula: inner.formula,
      canonical,
      members: inner.evaluation,
    };
    return { evaluation, cyclic: inner.cyclic };
  }
}

const ruleGroupId = (rule: Rule): string | undefined => text(rule.fields['id']);
