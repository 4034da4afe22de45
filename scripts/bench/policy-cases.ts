/**
 * The policy sets both engine benchmarks time (policy-eval.ts in Node, policy-eval-chromium.ts in
 * Chromium): 50 policies of 20 rules each, as the API answers them, in three cases: typical (a few
 * undecided email lists), exhaustive (12 distinct undecided rules in 16 policies none of which
 * matches for certain: near the most work tried assignment by assignment) and all undecided
 * (past that work, so the three-valued pass answers); and the identity they are evaluated for.
 */
const AZURE = 'f3a1c9e0-0000-4000-8000-00000000a2ad';

/** A get-identity answer: 40 groups, an IP, a country, MFA. */
export const IDENTITY = {
  email: 'jane@barbicancloud.co.uk',
  idp: { id: AZURE, type: 'azureAD' },
  groups: Array.from({ length: 40 }, (_, i) => ({ id: `61503835-b6fe-4630-af88-${String(i).padStart(12, '0')}`, name: `Team ${i}` })),
  ip: '203.0.113.10',
  geo: { country: 'GB' },
  amr: ['pwd', 'mfa'],
};

/** 20 rules, of the types a real account uses; `unknown(n)` makes rule n an undecided email list. */
function rules(p: number, unknown: (n: number) => string | undefined) {
  return Array.from({ length: 20 }, (_, n) => {
    const list = unknown(n);
    if (list) return { email_list: { id: list } };
    switch (n % 6) {
      case 0:
        return { azureAD: { id: `61503835-b6fe-4630-af88-${String(100 + p).padStart(12, '0')}`, identity_provider_id: AZURE } };
      case 1:
        return { email: { email: `user${p}-${n}@example.com` } };
      case 2:
        return { email_domain: { domain: `example${p}.com` } };
      case 3:
        return { ip: { ip: `198.51.${p}.0/24` } };
      case 4:
        return { geo: { country_code: 'FR' } };
      default:
        return { saml: { attribute_name: 'groups', attribute_value: `g${p}`, identity_provider_id: 'saml-1' } };
    }
  });
}

/** Require rules this identity meets, so a policy is decided by its include and exclude rules. */
const REQUIRE = [
  { geo: { country_code: 'GB' } },
  { email_domain: { domain: 'barbicancloud.co.uk' } },
  { auth_method: { auth_method: 'mfa' } },
  { ip: { ip: '203.0.113.0/24' } },
];

/** 50 policies: 12 include rules, 4 require, 4 exclude each; Allow and Block alternate. */
function policySet(unknown: (p: number, n: number) => string | undefined): string {
  const policies = Array.from({ length: 50 }, (_, p) => {
    const all = rules(p, (n) => unknown(p, n));
    return {
      id: `p${p}`,
      name: `Policy ${p}`,
      decision: p % 2 ? 'deny' : 'allow',
      precedence: p + 1,
      include: all.slice(0, 12),
      require: REQUIRE,
      exclude: all.slice(16),
    };
  });
  return JSON.stringify({ success: true, errors: [], messages: [], result: policies });
}

/** Each case's paste: one API answer holding the 50 policies. */
export const CASES: Record<string, string> = {
  typical: policySet((p, n) => (n === 0 && p % 10 === 0 ? `list-${p % 3}` : undefined)),
  // 12 distinct unknowns in 16 undecided policies: near the most work tried assignment by assignment.
  exhaustive: policySet((p, n) => (n === 0 && p < 16 ? `list-${p % 12}` : undefined)),
  // Every policy undecided: too much work for that, so the three-valued pass answers.
  'all undecided': policySet((p, n) => (n === 0 ? `list-${p % 12}` : undefined)),
};
