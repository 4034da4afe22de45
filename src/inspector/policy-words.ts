/**
 * The policy engine's results in words: which of the phrases in the page's markup
 * (components/inspector/PolicyWords.astro) says each result, filled with its values. A rule's
 * reason names both sides, what the rule needs and what the identity has; a decision names what
 * decided it. The words themselves are all in the markup; this picks them.
 */
import { idpDisplayName } from '../identity/parse-identity.ts';
import type { Evaluation, IdpCheck } from '../policy/evaluate.ts';
import type { JsonProblem } from '../policy/json-documents.ts';
import type { Ignored, ReadDocuments } from '../policy/read-documents.ts';
import type { Setting } from '../policy/read-policies.ts';
import type { Has, Need, ProviderRef, Reason, ReasonCode, RuleResult } from '../policy/reasons.ts';
import { join, number, quoted, shortId, type HookValue, type Say } from './phrases.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A group's label: an object id shortened, a name as it is. */
const label = (value: string) => (GUID.test(value) ? shortId(value) : value);

function provider(say: Say, ref: ProviderRef, byType: boolean | undefined): Node {
  return say('provider', { byType, name: ref.name, id: ref.id, type: idpDisplayName(ref.type) });
}

function need(say: Say, { key, fields, provider: ref, byType, group, name }: Need, code: ReasonCode): Node {
  return say(`need:${code === 'unrecognised' || code === 'malformed' ? code : key}`, {
    key,
    name,
    ...fields,
    provider: ref && provider(say, ref, byType),
    group: group?.value,
    byName: group?.byName,
  });
}

/** A record's values as a phrase takes them: text, numbers and flags as they are, lists quoted (`count` in all). */
function slots(record: object): Record<string, HookValue> {
  const values: Record<string, HookValue> = {};
  const entries: [string, unknown][] = Object.entries(record);
  const count = entries.find(([key]) => key === 'count')?.[1];
  for (const [key, value] of entries) {
    if (Array.isArray(value))
      values[key] = quoted(
        value.map((item) => label(String(item))),
        typeof count === 'number' ? count : value.length,
      );
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values[key] = value;
  }
  return values;
}

function has(say: Say, fact: Has): Node {
  const shown = fact.kind === 'provider' ? (fact.name ?? idpDisplayName(fact.type)) : undefined;
  return say(`has:${fact.kind}`, {
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
const decider = (say: Say, { code, need: { key }, path = [] }: Reason) =>
  say.maybe(`decider:${code}:${key}`) ?? say.maybe(`decider:${code}`, { path: path.map((step) => `“${step}”`).join(' → ') });

/** One rule's result in a sentence: what it needs, what the identity has, what would decide it. */
export function ruleWords(say: Say, { outcome, reason }: RuleResult): Node {
  const needs = need(say, reason.need, reason.code);
  if (reason.code === 'no-identity') return say('rule:no-identity', { need: needs });
  const judged = outcome === 'unknown' ? decider(say, reason) : undefined;
  return say(`rule:${outcome}`, {
    need: needs,
    members: reason.members !== undefined,
    facts: reason.has.length > 0,
    has: join(
      reason.has.map((fact) => has(say, fact)),
      ' and ',
    ),
    decider: judged,
    decided: judged !== undefined,
    notes: join(reason.notes.map((note) => say(`note:${note}`))),
  });
}

export function idpWords(say: Say, check: IdpCheck): Node {
  const allowed = check.allowed.map((ref) => ref.name ?? label(ref.id));
  return say(`idp:${check.outcome}`, { allowed: quoted(allowed), has: has(say, check.has) });
}

/** The decision in a sentence or two, with what decided it. */
export function decisionWords(say: Say, evaluation: Evaluation): Node {
  const name = (key: string) => evaluation.policies.find((policy) => policy.key === key)?.name ?? key;
  const { decision, decidedBy: by } = evaluation;
  if (decision === 'none') return say(evaluation.policies.length ? 'decision:none-listed' : 'decision:none');
  if (decision === 'invalid') return say('decision:invalid');
  if (decision === 'unknown')
    return say('decision:unknown', {
      possible: quoted(
        evaluation.possible.map((word) => (say(`word:${word}`).textContent ?? '').trim().toLowerCase()),
        evaluation.possible.length,
        ' or ',
      ),
    });
  const word = say(`word:${decision}`);
  if (by?.kind === 'allowed-idps' && evaluation.allowedIdps)
    return say('decision:allowed-idps', { idp: idpWords(say, evaluation.allowedIdps) });
  if (!by || by.kind === 'allowed-idps') return say('decision:plain', { word });
  return say(`decision:${by.kind}`, {
    word,
    name: by.kind === 'policy' ? name(by.key) : undefined,
    token: by.kind === 'policy' && by.asServiceToken,
    also: by.kind === 'one-of' ? '' : quoted(by.alsoPossible.map(name)),
    keys: by.kind === 'one-of' ? quoted(by.keys.map(name)) : undefined,
  });
}

export const settingWords = (say: Say, setting: Setting): Node =>
  say(`setting:${setting.kind}`, { ...slots(setting), many: 'approvers' in setting && setting.approvers !== 1 });

/** "Read 1 application, 3 policies and 2 identity providers." */
export function readWords(say: Say, { counts }: ReadDocuments): Node {
  const parts = (['applications', 'policies', 'groups', 'providers'] as const)
    .filter((kind) => counts[kind] > 0)
    .map((kind) => say(`count:${kind}`, { n: number(counts[kind]), many: counts[kind] !== 1 }));
  return parts.length ? say('read', { parts: join(parts, ', ', ' and ') }) : say('read:none');
}

export function problemWords(say: Say, problem: JsonProblem): Node {
  return say(`problem:${problem.kind}`, {
    ...slots(problem),
    limit: 'limit' in problem ? number(problem.limit) : undefined,
    size: 'size' in problem ? number(problem.size) : undefined,
  });
}

export function ignoredWords(say: Say, ignored: Ignored): Node {
  return say('ignored', { ...slots(ignored), why: say(`ignored:${ignored.reason}`) });
}
