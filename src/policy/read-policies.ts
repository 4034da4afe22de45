/**
 * One pasted API object turned into what the engine evaluates: a policy, a rule group, an
 * identity provider or an application (api-types.ts has the API's shapes and their sources).
 * Every value is type-checked; every string that can be shown goes through the identity card's
 * `text()` (invisible and bidirectional controls dropped, length capped). Never throws.
 */
import { isRecord, text, type Json } from '../identity/parse-identity.ts';
import { POLICY_DECISIONS, RULE_LISTS, type PolicyDecision, type RuleList } from './api-types.ts';

export interface Rule {
  list: RuleList;
  /** The rule type: the rule object's one key, as pasted (cleaned). */
  key: string;
  /** The rule type's fields, as pasted; read through `text()` before use. */
  fields: Json;
  /** The rule as canonical JSON: identical rules share it, wherever they appear. */
  canonical: string;
  /** Not one object with exactly one key whose value is an object. */
  malformed: boolean;
}

/** What a policy asks for after it matched; none of these changes the decision. */
export type Setting =
  | { kind: 'purpose-justification'; prompt?: string }
  | { kind: 'approval'; approvers: number }
  | { kind: 'isolation' }
  | { kind: 'session-duration'; duration: string }
  | { kind: 'mfa'; disabled: boolean; authenticators: string[]; duration?: string };

export interface Policy {
  /** The policy's id, else its name, else its place ("policy 3"): the page's `data-policy`. */
  key: string;
  id?: string;
  name?: string;
  decision: PolicyDecision;
  precedence?: number;
  rules: Rule[];
  settings: Setting[];
}

export interface RuleGroup {
  id?: string;
  name?: string;
  rules: Rule[];
}

export interface Provider {
  id?: string;
  name?: string;
  type?: string;
}

/** An application's policy: read in full, or only its id (resolved from pasted policies). */
export type AppPolicy = { policy: Policy } | { ref: string; precedence?: number };

export interface Application {
  id?: string;
  name?: string;
  domain?: string;
  /** Provider ids it accepts; empty: every provider. */
  allowedIdps: string[];
  policies: AppPolicy[];
}

/** Rule fields deeper than this are left out of the canonical key (they never decide anything). */
const CANONICAL_DEPTH = 6;
const MAX_ITEMS = 1_000;

/** JSON with sorted keys, so the same rule written in another key order is the same rule. */
export function canonicalJson(value: unknown, depth = 0): string {
  if (depth > CANONICAL_DEPTH) return '"…"';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item, depth + 1)).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key], depth + 1)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value.slice(0, MAX_ITEMS) : []);
const strings = (value: unknown): string[] => list(value).flatMap((item) => text(item) ?? []);
/** The entries that have a value (optional properties stay absent rather than `undefined`). */
export const optional = <T extends Record<string, unknown>>(entries: T): { [K in keyof T]?: Exclude<T[K], undefined> } =>
  Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };

export function readRule(value: unknown, ruleList: RuleList): Rule {
  const keys = isRecord(value) ? Object.keys(value) : [];
  const first = keys[0];
  const fields = first !== undefined && isRecord(value) ? value[first] : undefined;
  return {
    list: ruleList,
    key: text(first) ?? '(none)',
    fields: isRecord(fields) ? fields : {},
    canonical: canonicalJson(value),
    malformed: keys.length !== 1 || !isRecord(fields),
  };
}

export const readRules = (record: Json): Rule[] =>
  RULE_LISTS.flatMap((ruleList) => list(record[ruleList]).map((rule) => readRule(rule, ruleList)));

function readSettings(record: Json): Setting[] {
  const settings: Setting[] = [];
  if (record['purpose_justification_required'] === true)
    settings.push({ kind: 'purpose-justification', ...optional({ prompt: text(record['purpose_justification_prompt']) }) });
  if (record['approval_required'] === true) settings.push({ kind: 'approval', approvers: list(record['approval_groups']).length });
  if (record['isolation_required'] === true) settings.push({ kind: 'isolation' });
  const duration = text(record['session_duration']);
  if (duration) settings.push({ kind: 'session-duration', duration });
  const mfa = record['mfa_config'];
  if (isRecord(mfa))
    settings.push({
      kind: 'mfa',
      disabled: mfa['mfa_disabled'] === true,
      authenticators: strings(mfa['allowed_authenticators']),
      ...optional({ duration: text(mfa['session_duration']) }),
    });
  return settings;
}

const precedenceOf = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** A policy, or the reason it is not one: its decision is missing or not one the API has. */
export function readPolicy(record: Json, place: number): Policy | { invalidDecision: string } {
  const decision = POLICY_DECISIONS.find((known) => known === record['decision']);
  if (!decision) return { invalidDecision: text(record['decision']) ?? '(none)' };
  const id = text(record['id']);
  const name = text(record['name']);
  return {
    key: id ?? name ?? `policy ${place}`,
    ...optional({ id, name, precedence: precedenceOf(record['precedence']) }),
    decision,
    rules: readRules(record),
    settings: readSettings(record),
  };
}

export const readRuleGroup = (record: Json): RuleGroup => ({
  ...optional({ id: text(record['id']), name: text(record['name']) }),
  rules: readRules(record),
});

export const readProvider = (record: Json): Provider =>
  optional({ id: text(record['id']), name: text(record['name']), type: text(record['type']) });

/** An application; its policies without a decision but with an id are references to pasted ones. */
export function readApplication(record: Json): { application: Application; invalid: string[] } {
  const invalid: string[] = [];
  const policies = list(record['policies']).flatMap((entry, i): AppPolicy[] => {
    if (!isRecord(entry)) return [];
    const ref = text(entry['id']);
    if (!('decision' in entry) && ref) return [{ ref, ...optional({ precedence: precedenceOf(entry['precedence']) }) }];
    const policy = readPolicy(entry, i + 1);
    if ('invalidDecision' in policy) {
      invalid.push(policy.invalidDecision);
      return [];
    }
    return [{ policy }];
  });
  const application: Application = {
    ...optional({ id: text(record['id']), name: text(record['name']), domain: text(record['domain']) }),
    allowedIdps: strings(record['allowed_idps']),
    policies,
  };
  return { application, invalid };
}
