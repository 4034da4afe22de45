/**
 * The policy evaluator's result, rendered into `[data-policy-result]` (ARCHITECTURE.md,
 * "Policy evaluator"): `data-decision` on it; each policy, in evaluation order,
 * `[data-policy="<id, else name>"][data-outcome]`, `data-deciding` on the one that decided; each
 * of its rules `[data-rule="<API key>"][data-rule-list][data-outcome]` with its reason; the
 * deciding policy's settings; what was read, what was not and why. Built from phrases
 * (phrases.ts, policy-words.ts), every value as text.
 */
import type { Evaluation } from '../policy/evaluate.ts';
import type { ReadDocuments } from '../policy/read-documents.ts';
import type { RuleResult } from '../policy/reasons.ts';
import { fragment, type Say } from './phrases.ts';
import { decisionWords, idpWords, ignoredWords, problemWords, readWords, ruleWords, settingWords } from './policy-words.ts';

const items = (say: Say, lines: readonly string[]) => fragment(lines.map((text) => say('item', { text })));

/** A rule with its outcome and reason; `contract`: a policy's own rule (a rule group's members carry no contract attributes). */
function rule(say: Say, result: RuleResult, contract: boolean): HTMLElement {
  const item = say('rule', {
    outcome: say(`outcome:${result.outcome}`),
    list: say.text(`list:${result.list}`),
    key: result.key,
    reason: ruleWords(say, result),
    // A rule group's own rules; other rules leave the list empty (and hidden).
    ...(result.reason.members ? { members: fragment(result.reason.members.map((member) => rule(say, member, false))) } : {}),
  });
  if (contract) Object.assign(item.dataset, { rule: result.key, ruleList: result.list, outcome: result.outcome });
  return item;
}

/** Renders the evaluation into `result`; returns the sentence the status line announces. */
export function renderPolicies(say: Say, result: HTMLElement, read: ReadDocuments, evaluation: Evaluation): string {
  const policies = evaluation.policies.map((policy) => {
    const item = say('policy', {
      outcome: say(`outcome:${policy.outcome}`),
      name: policy.name ?? policy.key,
      action: say.text(`action:${policy.decision}`),
      precedence: policy.precedence === undefined ? undefined : String(policy.precedence),
      deciding: policy.deciding,
      empty: policy.notes.length > 0,
      rules: fragment(policy.rules.map((entry) => rule(say, entry, true))),
      after: policy.deciding && evaluation.settings.length > 0,
      settings: items(
        say,
        evaluation.settings.map((setting) => settingWords(say, setting)),
      ),
    });
    Object.assign(item.dataset, { policy: policy.key, outcome: policy.outcome });
    if (policy.deciding) item.dataset['deciding'] = '';
    return item;
  });
  const sentence = decisionWords(say, evaluation);
  const decision = say(`result:${evaluation.decision}`, { sentence });
  const report = say('report', {
    decision,
    read: read.empty ? '' : readWords(say, read),
    problems: items(
      say,
      read.problems.map((problem) => problemWords(say, problem)),
    ),
    ignored: items(
      say,
      read.ignored.map((ignored) => ignoredWords(say, ignored)),
    ),
    idp: evaluation.allowedIdps ? idpWords(say, evaluation.allowedIdps) : '',
    policies: fragment(policies),
    undecided: evaluation.decision === 'unknown' && evaluation.unknowns.length > 0,
    unknowns: items(
      say,
      evaluation.unknowns.map((unknown) => ruleWords(say, unknown)),
    ),
  });
  result.dataset['decision'] = evaluation.decision;
  result.replaceChildren(report);
  return say.text('status:policies', { sentence });
}
