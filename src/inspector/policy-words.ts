/**
 * The policy engine's results in words: which of the phrases in the page's markup
 * (components/inspector/PolicyWords.astro) says each result, filled with its values, as text. A
 * rule's reason names both sides, what the rule needs and what the identity has; a decision names
 * what decided it. The words themselves are all in the markup; this picks them.
 */
import { idpDisplayName, isGuid, text } from '../identity/parse-identity.ts';
import type { Evaluation, IdpCheck } from '../policy/evaluate.ts';
import type { JsonProblem } from '../policy/json-documents.ts';
import type { Ignored, ReadDocuments } from '../policy/read-documents.ts';
import type { Setting } from '../policy/read-policies.ts';
import type { Has, Need, ProviderRef, Reason, ReasonCode, RuleResult } from '../policy/reasons.ts';
import { number, quoted, series, shortId, type HookValue, type Say } from './phrases.ts';

/** A group's label: an object id shortened, a name as it is. */
const label = (value: string) => (isGuid(value) ? shortId(value) : value);

function provider(say: Say, ref: ProviderRef, byType: boolean | undefined): string {
  return say.text('provider', { byType, name: ref.name, id: ref.id, type: idpDisplayName(ref.type) });
}

function need(say: Say, { key, fields, provider: ref, byType, group, name }: Need, code: ReasonCode): string {
  // A key the words have no phrase for is one the engine does not know either: unrecognised.
  const phrase = code === 'unrecognised' || code === 'malformed' ? code : say.has(`need:${key}`) ? key : 'unrecognised';
  return say.text(`need:${phrase}`, {
    key,
    name,
    ...fields,
    provider: ref && provider(say, ref, byType),
    group: group?.value,
    byName: group?.byName,
  });
}

/** A record's values as a phrase takes them: text cleaned for showing, numbers and flags as they are, lists quoted (`count` in all). */
function slots(record: object): Record<string, HookValue> {
  const values: Record<string, HookValue> = {};
  const entries: [string, unknown][] = Object.entries(record);
  const count = entries.find(([key]) => key === 'count')?.[1];
  for (const [key, value] of entries) {
    if (Array.isArray(value))
      values[key] = quoted(
        value.map((item) => label(text(String(item)) ?? '')),
        typeof count === 'number' ? count : value.length,
      );
    else if (typeof value === 'string') {
      const shown = text(value);
      if (shown !== undefined) values[key] = shown;
    } else if (typeof value === 'number' || typeof value === 'boolean') values[key] = value;
  }
  return values;
}

function has(say: Say, fact: Has): string {
  const shown = fact.kind === 'provider' ? (fact.name ?? idpDisplayName(fact.type)) : undefined;
  return say.text(`has:${fact.kind}`, {
    ...slots(fact),
    shown,
    any: shown ?? (fact.kind === 'provider' ? fact.id : undefined),
    saml: fact.kind === 'values' && fact.via === 'saml',
    // amr, a service token's validity, a posture result: carried at all.
    known:
      'methods' in fact
        ? fact.methods !== undefined
        : 'valid' in fact
          ? fact.valid !== undefined
          : 'passed' in fact && fact.passed !== undefined,
  });
}

/** What would decide an undecided rule: by its reason and rule key, else by its reason alone. */
function decider(say: Say, { code, need: { key }, path = [] }: Reason): string | undefined {
  const name = [`decider:${code}:${key}`, `decider:${code}`].find((candidate) => say.has(candidate));
  return name && say.text(name, { path: path.map((step) => `“${step}”`).join(' → ') });
}

/** One rule's result in a sentence: what it needs, what the identity has, what would decide it. */
export function ruleWords(say: Say, { outcome, reason }: RuleResult): string {
  const needs = need(say, reason.need, reason.code);
  if (reason.code === 'no-identity') return say.text('rule:no-identity', { need: needs });
  const judged = outcome === 'unknown' ? decider(say, reason) : undefined;
  return say.text(`rule:${outcome}`, {
    need: needs,
    members: reason.members !== undefined,
    facts: reason.has.length > 0,
    has: reason.has.map((fact) => has(say, fact)).join(' and '),
    decider: judged,
    decided: judged !== undefined,
    notes: reason.notes.map((note) => say.text(`note:${note}`)).join(''),
  });
}

export function idpWords(say: Say, check: IdpCheck): string {
  const allowed = check.allowed.map((ref) => ref.name ?? label(ref.id));
  return say.text(`idp:${check.outcome}`, { allowed: quoted(allowed), has: has(say, check.has) });
}

/** The decision in a sentence or two, with what decided it. */
export function decisionWords(say: Say, evaluation: Evaluation): string {
  const name = (key: string) => evaluation.policies.find((policy) => policy.key === key)?.name ?? key;
  const { decision, decidedBy: by } = evaluation;
  if (decision === 'none') return say.text(evaluation.policies.length ? 'decision:none-listed' : 'decision:none');
  if (decision === 'invalid') return say.text('decision:invalid');
  if (decision === 'unknown')
    return say.text('decision:unknown', {
      possible: quoted(
        evaluation.possible.map((word) => say.text(`word:${word}`).toLowerCase()),
        evaluation.possible.length,
        ' or ',
      ),
    });
  const word = say.text(`word:${decision}`);
  if (by?.kind === 'allowed-idps' && evaluation.allowedIdps)
    return say.text('decision:allowed-idps', { idp: idpWords(say, evaluation.allowedIdps) });
  if (!by || by.kind === 'allowed-idps') return say.text('decision:plain', { word });
  return say.text(`decision:${by.kind}`, {
    word,
    name: by.kind === 'policy' ? name(by.key) : undefined,
    token: by.kind === 'policy' && by.asServiceToken,
    also: by.kind === 'one-of' ? '' : quoted(by.alsoPossible.map(name)),
    keys: by.kind === 'one-of' ? quoted(by.keys.map(name)) : undefined,
  });
}

export const settingWords = (say: Say, setting: Setting): string =>
  say.text(`setting:${setting.kind}`, { ...slots(setting), many: 'approvers' in setting && setting.approvers !== 1 });

/** "Read 1 application, 3 policies and 2 identity providers." */
export function readWords(say: Say, { counts }: ReadDocuments): string {
  const parts = (['applications', 'policies', 'groups', 'providers'] as const)
    .filter((kind) => counts[kind] > 0)
    .map((kind) => say.text(`count:${kind}`, { n: number(counts[kind]), many: counts[kind] !== 1 }));
  return parts.length ? say.text('read', { parts: series(parts) }) : say.text('read:none');
}

export function problemWords(say: Say, problem: JsonProblem): string {
  return say.text(`problem:${problem.kind}`, {
    ...slots(problem),
    limit: 'limit' in problem ? number(problem.limit) : undefined,
    size: 'size' in problem ? number(problem.size) : undefined,
  });
}

export function ignoredWords(say: Say, ignored: Ignored): string {
  return say.text('ignored', { ...slots(ignored), why: say.text(`ignored:${ignored.reason}`) });
}
