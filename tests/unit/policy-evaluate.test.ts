/**
 * Policies against identities: include any / require all / exclude none over three outcomes,
 * the order Access runs policies in, decisions known despite unknowns, the application's
 * accepted providers, settings after a match, rule groups followed (a cycle reported), and the
 * decision in words. Expected values are written out here, never computed by the engine.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeDecision, describeRule, loadPolicyWords } from '../support/policy-words.ts';
import { evaluate, evaluatePasted, type Evaluation } from '../../src/policy/evaluate.ts';
import { identityFromToken, type PolicyIdentity } from '../../src/policy/policy-identity.ts';
import { readDocuments } from '../../src/policy/read-documents.ts';
import type { RuleResult } from '../../src/policy/reasons.ts';
import { AZURE_ID, entraMember, GROUP_A_ID, read, samlUser, serviceToken, who } from '../fixtures/policy/identities.ts';

beforeAll(loadPolicyWords);

const member = who(entraMember);
const saml = who(samlUser);
const service = who(serviceToken);

// Three rules whose outcome for the Entra member is fixed: true, false, undecided.
const T = { everyone: {} };
const F = { email: { email: 'someone-else@example.com' } };
const U = (n = 1) => ({ email_list: { id: `list-${n}` } });

type Rules = { include?: unknown[]; require?: unknown[]; exclude?: unknown[] };
const policy = (name: string, decision: string, rules: Rules, extra: object = {}) => ({
  id: `id-${name}`,
  name,
  decision,
  ...rules,
  ...extra,
});
const run = (policies: object[], identity: PolicyIdentity | 'none' = member): Evaluation =>
  evaluate(readDocuments(JSON.stringify(policies)), identity === 'none' ? undefined : identity);
const outcomes = (evaluation: Evaluation) => evaluation.policies.map((p) => `${p.name}:${p.outcome}${p.deciding ? '*' : ''}`);
const single = (rules: Rules) => run([policy('p', 'allow', rules)]);

describe('one policy: include any, require all, exclude none, over three outcomes', () => {
  const cases: [string, Rules, string, string][] = [
    ['include undecided', { include: [U()] }, 'unknown', 'unknown'],
    ['include undecided or true', { include: [U(), T] }, 'match', 'allow'],
    ['include false or false', { include: [F, F] }, 'no-match', 'deny'],
    ['include false or undecided', { include: [F, U()] }, 'unknown', 'unknown'],
    ['no include at all', { require: [T] }, 'no-match', 'deny'],
    ['require true and undecided', { include: [T], require: [T, U()] }, 'unknown', 'unknown'],
    ['require false and undecided', { include: [T], require: [F, U()] }, 'no-match', 'deny'],
    ['require true and true', { include: [U()], require: [T, T] }, 'unknown', 'unknown'],
    ['exclude undecided', { include: [T], exclude: [U()] }, 'unknown', 'unknown'],
    ['exclude true or undecided', { include: [T], exclude: [U(), T] }, 'no-match', 'deny'],
    ['exclude false', { include: [T], exclude: [F] }, 'match', 'allow'],
    ['exclude false, include undecided', { include: [U()], exclude: [F] }, 'unknown', 'unknown'],
    [
      'require two countries: nobody passes',
      { include: [T], require: [{ geo: { country_code: 'GB' } }, { geo: { country_code: 'FR' } }] },
      'no-match',
      'deny',
    ],
  ];
  it.each(cases)('%s', (_name, rules, outcome, decision) => {
    const evaluation = single(rules);
    expect(evaluation.policies[0]?.outcome).toBe(outcome);
    expect(evaluation.decision).toBe(decision);
  });

  it('every rule is reported in its list with its API key and outcome', () => {
    const evaluation = single({ include: [F, T], require: [U()], exclude: [F] });
    expect(evaluation.policies[0]?.rules.map((r) => [r.list, r.key, r.outcome])).toEqual([
      ['include', 'email', 'no-match'],
      ['include', 'everyone', 'match'],
      ['require', 'email_list', 'unknown'],
      ['exclude', 'email', 'no-match'],
    ]);
  });

  it('a policy without an include rule says it matches nobody', () => {
    expect(single({ require: [T] }).policies[0]?.notes).toEqual(['no-include']);
    expect(single({ include: [T] }).policies[0]?.notes).toEqual([]);
  });

  it('an undecided policy leaves both decisions possible', () => {
    expect(single({ include: [U()] })).toMatchObject({ decision: 'unknown', possible: ['allow', 'deny'], method: 'exhaustive' });
  });
});

describe('across policies: the order Access runs them in', () => {
  it('Bypass runs before Allow and Block, wherever it is listed', () => {
    const evaluation = run([policy('Block all', 'deny', { include: [T] }), policy('Bypass', 'bypass', { include: [T] })]);
    expect(evaluation.decision).toBe('bypass');
    expect(outcomes(evaluation)).toEqual(['Bypass:match*', 'Block all:not-reached']);
    expect(evaluation.decidedBy).toEqual({ kind: 'policy', key: 'id-Bypass', asServiceToken: false, alsoPossible: [] });
  });

  it('Service Auth runs first too, and a match admits as a service token', () => {
    const policies = [
      policy('Block all', 'deny', { include: [T] }),
      policy('Health check', 'non_identity', { include: [{ any_valid_service_token: {} }] }),
    ];
    const asToken = run(policies, service);
    expect(asToken).toMatchObject({ decision: 'allow', decidedBy: { kind: 'policy', key: 'id-Health check', asServiceToken: true } });
    expect(describeDecision(asToken)).toBe('Allowed by the policy “Health check”, as a service token.');
    const user = run(policies, member);
    expect(user.decision).toBe('deny');
    expect(outcomes(user)).toEqual(['Health check:no-match', 'Block all:match*']);
  });

  it('Allow and Block run by precedence, not by the order given', () => {
    const evaluation = run([
      policy('Block all', 'deny', { include: [T] }, { precedence: 2 }),
      policy('Allow all', 'allow', { include: [T] }, { precedence: 1 }),
    ]);
    expect(evaluation.decision).toBe('allow');
    expect(outcomes(evaluation)).toEqual(['Allow all:match*', 'Block all:not-reached']);
    expect(evaluation.policies.map((p) => p.order)).toEqual([1, 2]);
  });

  it('without precedence, in the order given; the first match decides', () => {
    expect(
      run([
        policy('Jane', 'allow', { include: [{ email: { email: 'Jane@barbicancloud.co.uk' } }] }),
        policy('Block', 'deny', { include: [T] }),
      ]).decision,
    ).toBe('allow');
    expect(run([policy('Block', 'deny', { include: [T] }), policy('Jane', 'allow', { include: [T] })]).decision).toBe('deny');
  });

  it('no match denies by default', () => {
    const evaluation = run([policy('Others', 'allow', { include: [F] }), policy('Block others', 'deny', { include: [F] })]);
    expect(evaluation).toMatchObject({ decision: 'deny', decidedBy: { kind: 'default-deny', alsoPossible: [] } });
    expect(outcomes(evaluation)).toEqual(['Others:no-match', 'Block others:no-match']);
    expect(describeDecision(evaluation)).toBe('Blocked: no policy matches, and Access denies by default.');
  });
});

describe('known despite unknowns', () => {
  it('an undecided Allow followed by an Allow for everyone is allow', () => {
    const evaluation = run([policy('List', 'allow', { include: [U()] }), policy('Everyone', 'allow', { include: [T] })]);
    expect(evaluation).toMatchObject({ decision: 'allow', possible: ['allow'], method: 'exhaustive' });
    expect(evaluation.decidedBy).toEqual({ kind: 'policy', key: 'id-Everyone', asServiceToken: false, alsoPossible: ['id-List'] });
    expect(outcomes(evaluation)).toEqual(['List:unknown', 'Everyone:match*']);
    expect(describeDecision(evaluation)).toBe('Allowed by the policy “Everyone”. “List” may match first, with the same result.');
  });

  it('an undecided Allow followed by a Block for everyone is unknown', () => {
    const evaluation = run([policy('List', 'allow', { include: [U()] }), policy('Block', 'deny', { include: [T] })]);
    expect(evaluation).toMatchObject({ decision: 'unknown', possible: ['allow', 'deny'] });
    expect(evaluation.decidedBy).toBeUndefined();
    expect(describeDecision(evaluation)).toBe(
      'Undecided: it could be “allowed” or “blocked”, depending on the rules that cannot be decided from what was pasted.',
    );
  });

  it('the same undecided rule is one unknown wherever it appears', () => {
    // If the list holds the email, the first policy allows; if not, the second does.
    const evaluation = run([
      policy('In the list', 'allow', { include: [U(7)] }),
      policy('Not in the list', 'allow', { include: [T], exclude: [{ email_list: { id: 'list-7' } }] }),
    ]);
    expect(evaluation.decision).toBe('allow');
    expect(evaluation.decidedBy).toEqual({ kind: 'one-of', keys: ['id-In the list', 'id-Not in the list'] });
    expect(evaluation.unknowns).toHaveLength(1);
    // Two different lists are two unknowns, and then the answer depends on them.
    const two = run([
      policy('In the list', 'allow', { include: [U(7)] }),
      policy('Not in the other', 'allow', { include: [T], exclude: [U(8)] }),
    ]);
    expect(two).toMatchObject({ decision: 'unknown' });
    expect(two.unknowns).toHaveLength(2);
  });

  it('rules written with their fields in another order are the same rule', () => {
    const a = { saml: { attribute_name: 'dept', attribute_value: 'x', identity_provider_id: 'p' } };
    const b = { saml: { identity_provider_id: 'p', attribute_value: 'x', attribute_name: 'dept' } };
    const evaluation = run(
      [policy('A', 'deny', { include: [a] }), policy('B', 'deny', { include: [b] })],
      who({ email: 'a@b.c', idp: { type: 'saml' } }),
    );
    expect(evaluation.unknowns).toHaveLength(0);
    const undecided = run([policy('A', 'allow', { include: [U(3), { email_list: { id: 'list-3' } }] })]);
    expect(undecided.unknowns).toHaveLength(1);
  });

  it('a Block that cannot match (X and not X) never decides, whatever X is', () => {
    const evaluation = run([
      policy('Contradiction', 'deny', { include: [U()], exclude: [U()] }),
      policy('Everyone', 'allow', { include: [T] }),
    ]);
    expect(evaluation.policies[0]?.outcome).toBe('unknown');
    expect(evaluation.decision).toBe('allow');
  });

  it('with more distinct unknowns than are tried one by one, a sound three-valued pass', () => {
    const many = Array.from({ length: 13 }, (_, i) => policy(`List ${i}`, 'allow', { include: [U(i)] }));
    const thenEveryone = run([...many, policy('Everyone', 'allow', { include: [T] })]);
    expect(thenEveryone).toMatchObject({ decision: 'allow', method: 'three-valued' });
    expect(thenEveryone.unknowns).toHaveLength(13);
    const alone = run(many);
    expect(alone).toMatchObject({ decision: 'unknown', method: 'three-valued', possible: ['allow', 'deny'] });
  });
});

describe('an application: its accepted identity providers first', () => {
  const app = read('providers.json', 'application.json');

  it('an identity through an accepted provider: the policies decide, settings listed with the deciding one', () => {
    const evaluation = evaluatePasted(app, member);
    expect(evaluation.allowedIdps?.outcome).toBe('accepted');
    expect(evaluation.decision).toBe('allow');
    expect(outcomes(evaluation)).toEqual(['Health check:no-match', 'Group A:match*', 'Block contractors:not-reached']);
    expect(evaluation.settings).toEqual([
      { kind: 'purpose-justification', prompt: 'Why do you need the demo?' },
      { kind: 'session-duration', duration: '8h' },
    ]);
  });

  it('a provider the application does not accept is refused before any policy', () => {
    const evaluation = evaluatePasted(app, saml);
    expect(evaluation).toMatchObject({ decision: 'deny', decidedBy: { kind: 'allowed-idps' }, allowedIdps: { outcome: 'refused' } });
    expect(evaluation.policies.map((p) => p.outcome)).toEqual(['not-reached', 'not-reached', 'not-reached']);
    expect(describeDecision(evaluation)).toBe(
      'Blocked. The application accepts “Azure AD”; this identity signed in through “Entra SAML” (“5a3d0000…”), so Access refuses it before any policy.',
    );
    // No provider id, but a type no accepted provider has.
    expect(evaluatePasted(app, who({ email: 'a@b.c', idp: { type: 'saml' } })).decision).toBe('deny');
  });

  it('an identity without a provider id: whether it is accepted is unknown', () => {
    const groupA = who({
      email: 'jane@barbicancloud.co.uk',
      idp: { type: 'azureAD' },
      groups: [{ id: GROUP_A_ID, name: 'CF-Demo-Group-A' }],
    });
    const evaluation = evaluatePasted(app, groupA);
    expect(evaluation.allowedIdps?.outcome).toBe('unknown');
    expect(evaluation).toMatchObject({ decision: 'unknown', possible: ['allow', 'deny'] });
    // A token carries no provider: unknown too, and no group rule can be decided.
    expect(evaluatePasted(app, identityFromToken({ email: 'jane@barbicancloud.co.uk' })).allowedIdps?.outcome).toBe('unknown');
  });

  it('unknown acceptance cannot change a decision that is deny anyway', () => {
    const blocked = readDocuments(JSON.stringify({ allowed_idps: [AZURE_ID], policies: [policy('Others', 'allow', { include: [F] })] }));
    expect(evaluate(blocked, who({ email: 'a@b.c' }))).toMatchObject({ decision: 'deny', allowedIdps: { outcome: 'unknown' } });
  });

  it('an application without allowed_idps accepts every provider', () => {
    const open = readDocuments(
      JSON.stringify({ id: 'app', domain: 'x.example', aud: 'a', policies: [policy('All', 'allow', { include: [T] })] }),
    );
    expect(evaluate(open, saml)).toMatchObject({ decision: 'allow', allowedIdps: { outcome: 'accepted', allowed: [] } });
  });
});

describe('rule groups, followed', () => {
  const groups = read('groups.json');
  const withGroups = (rules: Rules, identity: PolicyIdentity = member) =>
    evaluate({ ...groups, policies: readDocuments(JSON.stringify(policy('p', 'allow', rules))).policies }, identity);
  const rule = (evaluation: Evaluation): RuleResult | undefined => evaluation.policies[0]?.rules[0];

  it('a rule group is evaluated from its own rules, recursively', () => {
    const gb = withGroups({ include: [{ group: { id: 'aaaa0000-0000-4000-8000-000000000002' } }] });
    expect(gb.decision).toBe('allow');
    const reason = rule(gb)?.reason;
    expect(reason?.code).toBe('group-evaluated');
    expect(reason?.members?.map((m) => [m.key, m.outcome])).toEqual([
      ['group', 'match'],
      ['geo', 'match'],
    ]);
    expect(reason?.members?.[0]?.reason.members?.map((m) => [m.key, m.outcome])).toEqual([['email_domain', 'match']]);
    expect(describeRule(rule(gb) as RuleResult)).toBe(
      'Matches: needs the Access rule group “Staff in GB” (“aaaa0000…”); its rules match this identity.',
    );
    // The SAML user is at the same domain, but in France.
    expect(withGroups({ include: [{ group: { id: 'aaaa0000-0000-4000-8000-000000000002' } }] }, saml).decision).toBe('deny');
  });

  it('a group leading back to itself is reported as a cycle, not followed forever', () => {
    const loop = withGroups({ include: [{ group: { id: 'aaaa0000-0000-4000-8000-00000000000a' } }] });
    expect(loop.decision).toBe('unknown');
    const inner = rule(loop)?.reason.members?.[0];
    expect(inner?.reason.code).toBe('group-evaluated');
    const back = inner?.reason.members?.[0];
    expect(back?.reason).toMatchObject({ code: 'cycle', path: ['Loop A', 'Loop B', 'Loop A'] });
    expect(describeRule(back as RuleResult)).toBe(
      'Undecided: needs the Access rule group “Loop A” (“aaaa0000…”); the rule groups lead back to this one (“Loop A” → “Loop B” → “Loop A”), so it is not followed again.',
    );
    expect(loop.unknowns.map((u) => u.reason.code)).toEqual(['cycle']);
  });

  it('a group that was not pasted is undecided, saying its definition would decide', () => {
    const missing = withGroups({ include: [{ group: { id: 'not-pasted' } }] });
    expect(rule(missing)).toMatchObject({ outcome: 'unknown', reason: { code: 'needs-data' } });
    expect(describeRule(rule(missing) as RuleResult)).toBe(
      'Undecided: needs the Access rule group “not-pasted”; the rule group’s definition (GET /access/groups) would decide.',
    );
  });

  it('deeply nested groups stop at a depth, with a reason', () => {
    const chain = Array.from({ length: 40 }, (_, i) => ({
      id: `g${i}`,
      name: `G${i}`,
      include: [i === 39 ? T : { group: { id: `g${i + 1}` } }],
    }));
    const input = readDocuments(JSON.stringify([...chain, policy('deep', 'allow', { include: [{ group: { id: 'g0' } }] })]));
    const evaluation = evaluate(input, member);
    expect(evaluation.decision).toBe('unknown');
    expect(evaluation.unknowns.map((u) => u.reason.code)).toEqual(['too-deep']);
  });
});

describe('rule groups met many times', () => {
  // g0 includes g1 twice, g1 includes g2 twice, …: 2^14 places for the last group's rule, ten times.
  const doubling = Array.from({ length: 15 }, (_, i) => ({
    id: `g${i}`,
    name: `G${i}`,
    include: i === 14 ? [U()] : [{ group: { id: `g${i + 1}` } }, { group: { id: `g${i + 1}` } }],
  }));
  const places = (results: readonly RuleResult[]): number =>
    results.reduce((sum, result) => sum + 1 + places(result.reason.members ?? []), 0);

  it.each([
    ['with an identity', member],
    ['without one', undefined],
  ])('%s: each place a group is met counts, so the work stops at the bound, undecided', (_label, identity) => {
    const input = readDocuments(
      JSON.stringify([...doubling, policy('shared', 'allow', { include: Array.from({ length: 10 }, () => ({ group: { id: 'g0' } })) })]),
    );
    const evaluation = evaluate(input, identity);
    expect(places(evaluation.policies.flatMap((p) => p.rules))).toBeLessThanOrEqual(100_000 + 10);
    expect(evaluation.decision).toBe(identity ? 'unknown' : 'none');
    if (identity) expect(new Set(evaluation.unknowns.map((u) => u.reason.code))).toEqual(new Set(['needs-data', 'too-deep']));
  });
});

describe('one rule group shared by many policies', () => {
  it('a group of 200 emails in each of 100 policies is followed in every one: deny, nothing undecided', () => {
    const emails = Array.from({ length: 200 }, (_, i) => ({ email: { email: `user${i}@corp.example` } }));
    const policies = Array.from({ length: 100 }, (_, i) => policy(`p${i}`, 'allow', { include: [{ group: { id: 'staff' } }] }));
    const evaluation = evaluate(readDocuments(JSON.stringify([{ id: 'staff', name: 'Staff', include: emails }, ...policies])), member);
    expect(evaluation.decision).toBe('deny');
    expect(evaluation.unknowns).toEqual([]);
  });
});

describe('without an identity, and with nothing to evaluate', () => {
  it('no identity: the policies in evaluation order with what each needs, decision none', () => {
    const evaluation = run(
      [
        policy('Allow list', 'allow', { include: [U()] }),
        policy('Bypass office', 'bypass', { include: [{ ip: { ip: '198.51.100.0/24' } }] }),
      ],
      'none',
    );
    expect(evaluation.decision).toBe('none');
    expect(outcomes(evaluation)).toEqual(['Bypass office:not-reached', 'Allow list:not-reached']);
    expect(evaluation.policies.flatMap((p) => p.rules.map(describeRule))).toEqual([
      'Needs an IP address in “198.51.100.0/24”.',
      'Needs an email in the email list “list-1”.',
    ]);
    expect(describeDecision(evaluation)).toBe(
      'Paste an identity to see the decision; these are the policies in the order Access runs them.',
    );
  });

  it('no identity: a rule type the API does not have, and a rule with two keys, say what is wrong with the rule', () => {
    const evaluation = run(
      [
        policy('Odd', 'allow', {
          include: [{ azure_ad: { id: 'x' } }, { email: { email: 'a@example.com' }, geo: {} }, { ip: { ip: 'nope' } }],
        }),
      ],
      'none',
    );
    expect(evaluation.decision).toBe('none');
    expect(evaluation.policies.flatMap((p) => p.rules.map((r) => r.reason.code))).toEqual(['unrecognised', 'malformed', 'bad-value']);
    expect(evaluation.policies.flatMap((p) => p.rules.map(describeRule))).toEqual([
      'Undecided: needs a rule type the Access API has, and “azure_ad” is not one; the API would refuse it.',
      'Undecided: needs the “email” rule to be shaped as the API answers it; the API would refuse it.',
      'Undecided: needs an IP address in “nope”; the rule’s value is not an IP address or CIDR block; Access checks this again on every request, not only at sign-in.',
    ]);
  });

  it('an empty paste is none; one with no policy in it is invalid, or none when it held only groups or providers', () => {
    expect(evaluatePasted(readDocuments('  '), member).decision).toBe('none');
    expect(evaluatePasted(readDocuments('{"hello": "world"}'), member).decision).toBe('invalid');
    expect(evaluatePasted(readDocuments('{"a": '), member).decision).toBe('invalid');
    expect(evaluatePasted(read('providers.json'), member).decision).toBe('none');
  });
});
