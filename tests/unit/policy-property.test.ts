/**
 * Property tests of the policy engine: random policies never make it throw, and its decision is
 * the one a brute force over the undecided rules gives, the brute force written here on its own
 * (its own order of policies, its own include/require/exclude). Random pastes and random rule
 * objects never throw either, and every result can be put into words.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULE_KEYS } from '../../src/policy/api-types.ts';
import {
  describeDecision,
  describeIgnored,
  describeProblem,
  describeRead,
  describeRule,
  describeSetting,
  loadPolicyWords,
} from '../support/policy-words.ts';
import { evaluate, evaluatePasted, type Evaluation } from '../../src/policy/evaluate.ts';
import { readDocuments } from '../../src/policy/read-documents.ts';
import type { RuleResult } from '../../src/policy/reasons.ts';
import { HOSTILE_STRINGS, hostileIdentity } from '../support/hostile-identities.ts';
import { entraMember, read, who } from '../fixtures/policy/identities.ts';

beforeAll(loadPolicyWords);

const member = who(entraMember);

/** A rule of the model: true, false, or the n-th undecided rule (an email list). */
type Atom = 'T' | 'F' | number;
const ruleJson = (atom: Atom) =>
  atom === 'T' ? { everyone: {} } : atom === 'F' ? { email: { email: 'nobody@example.com' } } : { email_list: { id: `list-${atom}` } };

interface ModelPolicy {
  decision: 'allow' | 'deny' | 'non_identity' | 'bypass';
  precedence: number | undefined;
  include: Atom[];
  require: Atom[];
  exclude: Atom[];
}

const atomOf = (unknowns: number) => fc.oneof(fc.constant<Atom>('T'), fc.constant<Atom>('F'), fc.integer({ min: 0, max: unknowns - 1 }));
const modelPolicy = (unknowns: number) =>
  fc.record({
    decision: fc.constantFrom('allow', 'deny', 'non_identity', 'bypass'),
    precedence: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
    include: fc.array(atomOf(unknowns), { maxLength: 3 }),
    require: fc.array(atomOf(unknowns), { maxLength: 2 }),
    exclude: fc.array(atomOf(unknowns), { maxLength: 2 }),
  });

/** The brute force: every assignment of the undecided rules, Access's order, first match, deny by default. */
function bruteForce(policies: ModelPolicy[], unknowns: number): string {
  const ordered = policies
    .map((policy, index) => ({ policy, index }))
    .sort((a, b) => {
      const early = (p: ModelPolicy) => (p.decision === 'bypass' || p.decision === 'non_identity' ? 0 : 1);
      const precedence = (p: ModelPolicy) => p.precedence ?? Number.MAX_SAFE_INTEGER;
      return early(a.policy) - early(b.policy) || precedence(a.policy) - precedence(b.policy) || a.index - b.index;
    })
    .map(({ policy }) => policy);
  const outcomes = new Set<string>();
  for (let assignment = 0; assignment < 2 ** unknowns; assignment += 1) {
    const truth = (atom: Atom) => (atom === 'T' ? true : atom === 'F' ? false : Boolean(assignment & (1 << atom)));
    const matches = (p: ModelPolicy) => p.include.some(truth) && p.require.every(truth) && !p.exclude.some(truth);
    const first = ordered.find(matches);
    outcomes.add(!first ? 'deny' : first.decision === 'non_identity' ? 'allow' : first.decision);
  }
  return outcomes.size === 1 ? [...outcomes][0]! : 'unknown';
}

const toApi = (policies: ModelPolicy[]) =>
  policies.map((p, i) => ({
    id: `p${i}`,
    name: `policy ${i}`,
    decision: p.decision,
    ...(p.precedence === undefined ? {} : { precedence: p.precedence }),
    include: p.include.map(ruleJson),
    require: p.require.map(ruleJson),
    exclude: p.exclude.map(ruleJson),
  }));

/** Every sentence the page could show for an evaluation; none may throw or be empty. */
function sentences(evaluation: Evaluation): string[] {
  const rules = (results: readonly RuleResult[]): string[] => results.flatMap((r) => [describeRule(r), ...rules(r.reason.members ?? [])]);
  return [
    describeDecision(evaluation),
    ...evaluation.policies.flatMap((p) => [...rules(p.rules), ...p.settings.map(describeSetting)]),
    ...rules(evaluation.unknowns),
  ];
}

describe('the decision is the brute force over the unknowns', () => {
  it('few unknowns: every assignment is tried, and the decision is exact', () => {
    fc.assert(
      fc.property(fc.array(modelPolicy(5), { maxLength: 8 }), (policies) => {
        const evaluation = evaluate(readDocuments(JSON.stringify(toApi(policies))), member);
        expect(evaluation.method).toBe('exhaustive');
        expect(evaluation.decision).toBe(bruteForce(policies, 5));
        for (const sentence of sentences(evaluation)) expect(sentence).toMatch(/\S/);
      }),
      { numRuns: 400 },
    );
  });

  it('many unknowns: the three-valued pass is sound (known only when the brute force agrees)', () => {
    fc.assert(
      fc.property(fc.array(modelPolicy(14), { minLength: 10, maxLength: 16 }), (policies) => {
        const evaluation = evaluate(readDocuments(JSON.stringify(toApi(policies))), member);
        if (evaluation.decision !== 'unknown') expect(evaluation.decision).toBe(bruteForce(policies, 14));
      }),
      { numRuns: 25 },
    );
  });

  it('a known decision names what decided it; an unknown one lists what it could be', () => {
    fc.assert(
      fc.property(fc.array(modelPolicy(4), { maxLength: 6 }), (policies) => {
        const evaluation = evaluate(readDocuments(JSON.stringify(toApi(policies))), member);
        if (evaluation.decision === 'unknown') expect(evaluation.possible.length).toBeGreaterThan(1);
        else {
          expect(evaluation.possible).toEqual([evaluation.decision]);
          expect(evaluation.decidedBy).toBeDefined();
        }
        expect(evaluation.policies.filter((p) => p.deciding).length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('never throws', () => {
  const hostileText = fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 10 }),
  );
  const anyRule = fc.oneof(
    fc
      .record({
        key: fc.constantFrom(...RULE_KEYS, 'azure_ad', '__proto__'),
        fields: fc.dictionary(hostileText, fc.anything({ maxDepth: 2 }), { maxKeys: 4 }),
      })
      .map(({ key, fields }) => ({ [key]: fields })),
    fc.anything({ maxDepth: 3 }),
  );
  const anyPolicy = fc.record(
    {
      id: fc.oneof(hostileText, fc.integer()),
      name: fc.oneof(hostileText, fc.anything({ maxDepth: 1 })),
      decision: fc.oneof(fc.constantFrom('allow', 'deny', 'non_identity', 'bypass'), hostileText),
      precedence: fc.oneof(fc.integer(), fc.double(), hostileText),
      include: fc.oneof(fc.array(anyRule, { maxLength: 6 }), fc.anything({ maxDepth: 2 })),
      require: fc.array(anyRule, { maxLength: 3 }),
      exclude: fc.array(anyRule, { maxLength: 3 }),
      session_duration: fc.oneof(hostileText, fc.constant(null)),
      mfa_config: fc.anything({ maxDepth: 2 }),
    },
    { requiredKeys: [] },
  );
  const groups = read('groups.json').groups;

  it('random policies against random hostile identities', () => {
    fc.assert(
      fc.property(fc.array(anyPolicy, { maxLength: 6 }), hostileIdentity(10), (policies, body) => {
        const pastedText = JSON.stringify(policies);
        const readBack = readDocuments(pastedText);
        const evaluation = evaluatePasted({ ...readBack, groups }, who(body));
        for (const sentence of sentences(evaluation)) expect(typeof sentence).toBe('string');
        describeRead(readBack);
        readBack.ignored.forEach(describeIgnored);
      }),
      { numRuns: 300 },
    );
  });

  it('random text and random JSON, one document or several', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.array(fc.json(), { maxLength: 4 }).map((docs) => docs.join('\n')),
          fc.constantFrom(...HOSTILE_STRINGS),
        ),
        (text) => {
          const readBack = readDocuments(text);
          readBack.problems.forEach(describeProblem);
          readBack.ignored.forEach(describeIgnored);
          sentences(evaluatePasted(readBack, member));
          sentences(evaluatePasted(readBack, undefined));
        },
      ),
      { numRuns: 500 },
    );
  });
});
