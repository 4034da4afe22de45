/**
 * One rule against one identity: `match`, `no-match` or `unknown`, with the reason (reasons.ts).
 * Every rule key the API has is recognised (api-types.ts), each with the fields it needs; what a
 * get-identity answer cannot decide is `unknown`, saying what would. Rule groups (`group`) are
 * followed by policy.ts. Selectors, and what Access checks again on every request:
 * https://developers.cloudflare.com/cloudflare-one/access-controls/policies/
 */
import { exact, isRecord, text } from '../identity/parse-identity.ts';
import { inCidr, parseCidr } from './cidr.ts';
import { checkAttribute, checkIdpGroup, checkProvider, checked, judge, same, type Checked, type RuleContext } from './identity-rules.ts';
import type { PolicyIdentity } from './policy-identity.ts';
import type { Rule } from './read-policies.ts';
import type { Has, Need } from './reasons.ts';

export type { Checked, RuleContext } from './identity-rules.ts';

/** The rule's required fields' values, in the order its entry names them. */
type Values = readonly string[];
type Check = (values: Values, who: PolicyIdentity, context: RuleContext, need: Need) => Checked;

const EVERY_REQUEST = ['every-request'] as const;
const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);
const is = (a: string | undefined, b: string) => (a === undefined ? undefined : same(a, b));

/** A field that is present but empty means nothing was presented (no certificate, no token). */
const presented = (field: unknown, wanted: string) => (typeof field === 'string' ? exact(field) === wanted : undefined);
const flag = (value: unknown) => (typeof value === 'boolean' ? value : undefined);

const serviceTokenHas = (who: PolicyIdentity): Has[] => [
  { kind: 'service-token', id: text(who.raw['service_token_id']), valid: flag(who.raw['service_token_status']) },
];

/** Decided by something not pasted (a list's contents, a device's result); `outside`: by Access at sign-in. */
const needsData: Check = (_values, _who, _context, need) => checked('unknown', 'needs-data', need);
const outside: Check = (_values, _who, _context, need) => checked('unknown', 'outside', need);

/**
 * Each rule key: the fields it needs (a rule without one of them is malformed), the fields the
 * words show besides, and how it is decided.
 */
const RULES: Record<string, [required: string[], shown: string[], check: Check]> = {
  everyone: [[], [], (_values, _who, _context, need) => checked('match', 'matches', need)],
  email: [
    ['email'],
    [],
    ([wanted = ''], who, _context, need) => {
      const matches = is(who.email, wanted);
      return judge(matches, need, [{ kind: 'email', email: who.email }], matches && who.email !== wanted ? ['email-case'] : []);
    },
  ],
  email_domain: [
    ['domain'],
    [],
    ([wanted = ''], who, _context, need) =>
      judge(who.email === undefined ? undefined : same(domainOf(who.email), wanted.replace(/^@/, '')), need, [
        { kind: 'email', email: who.email },
      ]),
  ],
  email_list: [['id'], [], needsData],
  ip_list: [['id'], [], needsData],
  // Followed through its definition by policy.ts when that was pasted.
  group: [['id'], [], needsData],
  azureAD: [['identity_provider_id', 'id'], [], ([idp = '', id = ''], who, context, need) => checkIdpGroup(who, context, need, idp, id)],
  okta: [['identity_provider_id', 'name'], [], ([idp = '', name = ''], who, context, need) => checkIdpGroup(who, context, need, idp, name)],
  gsuite: [
    ['identity_provider_id', 'email'],
    [],
    ([idp = '', email = ''], who, context, need) => checkIdpGroup(who, context, need, idp, email),
  ],
  saml: [
    ['attribute_name', 'attribute_value', 'identity_provider_id'],
    [],
    ([name = '', value = '', idp = ''], who, context, need) => checkAttribute(who, context, need, name, value, idp),
  ],
  oidc: [
    ['claim_name', 'claim_value', 'identity_provider_id'],
    [],
    ([name = '', value = '', idp = ''], who, context, need) => checkAttribute(who, context, need, name, value, idp),
  ],
  'github-organization': [
    ['name', 'identity_provider_id'],
    ['team'],
    ([, idp = ''], who, context, need) => checkProvider(who, context, need, idp),
  ],
  login_method: [['id'], [], ([id = ''], who, context, need) => checkProvider(who, context, need, id)],
  auth_method: [
    ['auth_method'],
    [],
    ([method = ''], who, _context, need) => judge(who.amr && who.amr.includes(method), need, [{ kind: 'amr', methods: who.amr }]),
  ],
  ip: [
    ['ip'],
    [],
    ([block = ''], who, _context, need) => {
      const has = [{ kind: 'ip', ip: who.ip } as const];
      if (!parseCidr(block)) return checked('unknown', 'bad-value', need, has, EVERY_REQUEST);
      return judge(who.ip === undefined ? undefined : inCidr(who.ip, block), need, has, EVERY_REQUEST);
    },
  ],
  geo: [
    ['country_code'],
    [],
    ([country = ''], who, _context, need) =>
      judge(is(who.country, country), need, [{ kind: 'country', country: who.country }], EVERY_REQUEST),
  ],
  device_posture: [
    ['integration_uid'],
    [],
    ([id = ''], who, _context, need) => {
      const posture = who.raw['devicePosture'];
      const result = isRecord(posture) && Object.hasOwn(posture, id) ? posture[id] : undefined;
      const passed = isRecord(result) ? flag(result['success']) : undefined;
      const has = [{ kind: 'device-posture', passed } as const];
      return passed === undefined ? checked('unknown', 'needs-data', need, has, EVERY_REQUEST) : judge(passed, need, has, EVERY_REQUEST);
    },
  ],
  // Whether the request presents a valid client certificate is not in get-identity.
  certificate: [[], [], (_values, _who, _context, need) => checked('unknown', 'needs-data', need, [], EVERY_REQUEST)],
  common_name: [
    ['common_name'],
    [],
    ([name = ''], who, _context, need) =>
      judge(presented(who.raw['common_name'], name), need, [{ kind: 'common-name', name: text(who.raw['common_name']) }], EVERY_REQUEST),
  ],
  service_token: [
    ['token_id'],
    [],
    ([id = ''], who, _context, need) => judge(presented(who.raw['service_token_id'], id), need, serviceTokenHas(who), EVERY_REQUEST),
  ],
  any_valid_service_token: [
    [],
    [],
    (_values, who, _context, need) => judge(flag(who.raw['service_token_status']), need, serviceTokenHas(who), EVERY_REQUEST),
  ],
  external_evaluation: [[], ['evaluate_url'], outside],
  auth_context: [[], ['ac_id'], outside],
  user_risk_score: [[], ['user_risk_score'], outside],
  linked_app_token: [[], ['app_uid'], outside],
  cloudflare_account_member: [[], ['account_id'], outside],
};

/** A field as text: a list's values joined. */
const fieldText = (value: unknown) => (Array.isArray(value) ? text(value.slice(0, 20).map(text).join(', ')) : text(value));

/** A rule against an identity (a `group` rule as undecided: policy.ts follows it). */
export function checkRule(rule: Rule, who: PolicyIdentity, context: RuleContext): Checked {
  const entry = Object.hasOwn(RULES, rule.key) ? RULES[rule.key] : undefined;
  const fields: Record<string, string> = {};
  for (const name of entry ? [...entry[0], ...entry[1]] : []) {
    const value = fieldText(rule.fields[name]);
    if (value !== undefined) fields[name] = value;
  }
  const need: Need = { key: rule.key, fields };
  if (rule.malformed) return checked('unknown', 'malformed', need);
  if (!entry) return checked('unknown', 'unrecognised', need);
  // Compared as they are; the words show them cleaned (fieldText).
  const values = entry[0].flatMap((name) => exact(rule.fields[name]) ?? []);
  if (values.length < entry[0].length) return checked('unknown', 'malformed', need);
  return entry[2](values, who, context, need);
}
