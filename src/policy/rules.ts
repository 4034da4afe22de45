/**
 * One rule against one identity: `match`, `no-match` or `unknown`, with the reason (reasons.ts).
 * Every rule key the API has is recognised (api-types.ts), each with the fields it needs; what a
 * get-identity answer cannot decide is `unknown`, saying what would. Rule groups (`group`) are
 * followed by policy.ts. Selectors, and what Access checks again on every request:
 * https://developers.cloudflare.com/cloudflare-one/access-controls/policies/
 */
import { isRecord, text } from '../identity/parse-identity.ts';
import { inCidr, parseCidr } from './cidr.ts';
import {
  checkAttribute,
  checkGithub,
  checkIdpGroup,
  checkLoginMethod,
  checked,
  judge,
  type Checked,
  type RuleContext,
} from './identity-rules.ts';
import type { PolicyIdentity } from './policy-identity.ts';
import type { Rule } from './read-policies.ts';
import type { Need } from './reasons.ts';

export type { Checked, RuleContext } from './identity-rules.ts';

/** A rule's field values, in the order its entry names them ('' past the last). */
type Fields = readonly [string, string, string];
type Check = (fields: Fields, who: PolicyIdentity, context: RuleContext, rule: Rule) => Checked;

const EVERY_REQUEST = ['every-request'] as const;
const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
const same = (a: string | undefined, b: string) => (a === undefined ? undefined : a.toLowerCase() === b.toLowerCase());

function email([wanted]: Fields, who: PolicyIdentity): Checked {
  const matches = same(who.email, wanted);
  const caseOnly = matches === true && who.email !== wanted;
  return judge(matches, { kind: 'email', email: wanted }, [{ kind: 'email', email: who.email }], caseOnly ? ['email-case'] : []);
}

function ip([block]: Fields, who: PolicyIdentity): Checked {
  const need: Need = { kind: 'ip', block };
  const has = [{ kind: 'ip', ip: who.ip } as const];
  if (!parseCidr(block)) return checked('unknown', 'bad-value', need, has, EVERY_REQUEST);
  return judge(who.ip === undefined ? undefined : inCidr(who.ip, block), need, has, EVERY_REQUEST);
}

function devicePosture([id]: Fields, who: PolicyIdentity): Checked {
  const posture = who.raw['devicePosture'];
  const result = isRecord(posture) && Object.hasOwn(posture, id) ? posture[id] : undefined;
  const passed = isRecord(result) && typeof result['success'] === 'boolean' ? result['success'] : undefined;
  const need: Need = { kind: 'device-posture', id };
  const has = [{ kind: 'device-posture', passed } as const];
  return passed === undefined ? checked('unknown', 'needs-data', need, has, EVERY_REQUEST) : judge(passed, need, has, EVERY_REQUEST);
}

/** A field that is present but empty means nothing was presented (no certificate, no token). */
function presented(field: unknown, wanted: string): boolean | undefined {
  return typeof field === 'string' ? text(field) === wanted : undefined;
}

const serviceTokenHas = (who: PolicyIdentity) => {
  const valid = who.raw['service_token_status'];
  return [{ kind: 'service-token', id: text(who.raw['service_token_id']), valid: typeof valid === 'boolean' ? valid : undefined } as const];
};

const needsData = (need: Need, notes: readonly 'every-request'[] = []): Checked => checked('unknown', 'needs-data', need, [], notes);

/** Decided at sign-in by something no paste holds; `detail` names which. */
const outside =
  (what: Extract<Need, { kind: 'outside' }>['what'], field: string): Check =>
  (_fields, _who, _context, rule) => {
    const value = rule.fields[field];
    const detail = Array.isArray(value) ? text(value.map(text).join(', ')) : text(value);
    return checked('unknown', 'outside', { kind: 'outside', what, detail });
  };

/** Each rule key: the fields it needs, and how it is decided. */
const RULES: Record<string, [fields: string[], check: Check]> = {
  everyone: [[], () => checked('match', 'matches', { kind: 'everyone' })],
  email: [['email'], email],
  email_domain: [
    ['domain'],
    ([wanted], who) => {
      const domain = wanted.replace(/^@/, '').toLowerCase();
      const mine = who.email === undefined ? undefined : domainOf(who.email) === domain;
      return judge(mine, { kind: 'email-domain', domain }, [{ kind: 'email', email: who.email }]);
    },
  ],
  email_list: [['id'], ([id]) => needsData({ kind: 'list', list: 'email', id })],
  ip_list: [['id'], ([id]) => needsData({ kind: 'list', list: 'ip', id })],
  // Followed through its definition by policy.ts when that was pasted.
  group: [['id'], ([id]) => needsData({ kind: 'rule-group', id })],
  azureAD: [['identity_provider_id', 'id'], (f, who, context, rule) => checkIdpGroup(rule, who, context, f[0], f[1])],
  okta: [['identity_provider_id', 'name'], (f, who, context, rule) => checkIdpGroup(rule, who, context, f[0], f[1])],
  gsuite: [['identity_provider_id', 'email'], (f, who, context, rule) => checkIdpGroup(rule, who, context, f[0], f[1])],
  saml: [
    ['attribute_name', 'attribute_value', 'identity_provider_id'],
    (f, who, context, rule) => checkAttribute(rule, who, context, ...f),
  ],
  oidc: [['claim_name', 'claim_value', 'identity_provider_id'], (f, who, context, rule) => checkAttribute(rule, who, context, ...f)],
  'github-organization': [
    ['name', 'identity_provider_id'],
    (f, who, context, rule) => checkGithub(who, context, f[0], text(rule.fields['team']), f[1]),
  ],
  login_method: [['id'], ([id], who, context) => checkLoginMethod(who, context, id)],
  auth_method: [
    ['auth_method'],
    ([method], who) => judge(who.amr && who.amr.includes(method), { kind: 'auth-method', method }, [{ kind: 'amr', methods: who.amr }]),
  ],
  ip: [['ip'], ip],
  geo: [
    ['country_code'],
    ([code], who) => {
      const country = code.toUpperCase();
      return judge(same(who.country, country), { kind: 'country', country }, [{ kind: 'country', country: who.country }], EVERY_REQUEST);
    },
  ],
  device_posture: [['integration_uid'], devicePosture],
  // Whether the request presents a valid client certificate is not in get-identity.
  certificate: [[], () => needsData({ kind: 'certificate' }, EVERY_REQUEST)],
  common_name: [
    ['common_name'],
    ([name], who) =>
      judge(
        presented(who.raw['common_name'], name),
        { kind: 'common-name', name },
        [{ kind: 'common-name', name: text(who.raw['common_name']) }],
        EVERY_REQUEST,
      ),
  ],
  service_token: [
    ['token_id'],
    ([id], who) => judge(presented(who.raw['service_token_id'], id), { kind: 'service-token', id }, serviceTokenHas(who), EVERY_REQUEST),
  ],
  any_valid_service_token: [
    [],
    (_f, who) => {
      const valid = who.raw['service_token_status'];
      return judge(typeof valid === 'boolean' ? valid : undefined, { kind: 'any-service-token' }, serviceTokenHas(who), EVERY_REQUEST);
    },
  ],
  external_evaluation: [[], outside('external-evaluation', 'evaluate_url')],
  auth_context: [[], outside('auth-context', 'ac_id')],
  user_risk_score: [[], outside('risk-score', 'user_risk_score')],
  linked_app_token: [[], outside('linked-app-token', 'app_uid')],
  cloudflare_account_member: [[], outside('account-member', 'account_id')],
};

/** A rule against an identity (a `group` rule as undecided: policy.ts follows it). */
export function checkRule(rule: Rule, who: PolicyIdentity, context: RuleContext): Checked {
  const malformed = checked('unknown', 'malformed', { kind: 'malformed', key: rule.key });
  if (rule.malformed) return malformed;
  const entry = Object.hasOwn(RULES, rule.key) ? RULES[rule.key] : undefined;
  if (!entry) return checked('unknown', 'unrecognised', { kind: 'unrecognised', key: rule.key });
  const values = entry[0].map((name) => text(rule.fields[name]));
  if (values.some((value) => value === undefined)) return malformed;
  return entry[1]([...values, '', '', ''] as unknown as Fields, who, context, rule);
}
