/**
 * One rule against one identity: `match`, `no-match` or `unknown`, with the reason (reasons.ts).
 * Every rule key the API has is recognised (api-types.ts); what a get-identity answer cannot
 * decide is `unknown`, saying what would. Rule groups (`group`) are evaluated by policy.ts,
 * which follows them recursively. Selectors and what Access checks when:
 * https://developers.cloudflare.com/cloudflare-one/access-controls/policies/
 */
import { isRecord, text } from '../identity/parse-identity.ts';
import { inCidr, parseCidr } from './cidr.ts';
import { checkAttribute, checkGithub, checkIdpGroup, checkLoginMethod, type Checked, type RuleContext } from './identity-rules.ts';
import type { PolicyIdentity } from './policy-identity.ts';
import type { Rule } from './read-policies.ts';
import type { Has, Need, Note, Outcome, ReasonCode } from './reasons.ts';

export type { Checked, RuleContext } from './identity-rules.ts';

const checked = (outcome: Outcome, code: ReasonCode, need: Need, has: Has[] = [], notes: Note[] = []): Checked => ({
  outcome,
  reason: { code, need, has, notes },
});

/** Equal, or absent (unknown), with the facts on both sides. */
const compare = (need: Need, has: Has, mine: string | undefined, wanted: string, notes: Note[] = []): Checked =>
  mine === undefined
    ? checked('unknown', 'not-carried', need, [has], notes)
    : checked(mine === wanted ? 'match' : 'no-match', mine === wanted ? 'matches' : 'differs', need, [has], notes);

/** Rules decided at sign-in by something no paste holds, and the field that says which. */
const OUTSIDE: Partial<Record<string, [Extract<Need, { kind: 'outside' }>['what'], string]>> = {
  external_evaluation: ['external-evaluation', 'evaluate_url'],
  auth_context: ['auth-context', 'ac_id'],
  user_risk_score: ['risk-score', 'user_risk_score'],
  linked_app_token: ['linked-app-token', 'app_uid'],
  cloudflare_account_member: ['account-member', 'account_id'],
};

/** The field of a group rule that names the group. */
const GROUP_FIELD: Partial<Record<string, string>> = { azureAD: 'id', okta: 'name', gsuite: 'email' };

function email(who: PolicyIdentity, wanted: string): Checked {
  const need: Need = { kind: 'email', email: wanted };
  const has: Has = { kind: 'email', ...(who.email ? { email: who.email } : {}) };
  if (!who.email) return checked('unknown', 'not-carried', need, [has]);
  if (who.email === wanted) return checked('match', 'matches', need, [has]);
  const caseless = who.email.toLowerCase() === wanted.toLowerCase();
  return checked(caseless ? 'match' : 'no-match', caseless ? 'matches' : 'differs', need, [has], caseless ? ['email-case'] : []);
}

function emailDomain(who: PolicyIdentity, wanted: string): Checked {
  const domain = wanted.replace(/^@/, '').toLowerCase();
  const need: Need = { kind: 'email-domain', domain };
  const has: Has = { kind: 'email', ...(who.email ? { email: who.email } : {}) };
  const mine = who.email?.includes('@') ? who.email.slice(who.email.lastIndexOf('@') + 1).toLowerCase() : undefined;
  return compare(need, has, who.email === undefined ? undefined : (mine ?? ''), domain);
}

function ip(who: PolicyIdentity, block: string): Checked {
  const need: Need = { kind: 'ip', block };
  const has: Has = { kind: 'ip', ...(who.ip ? { ip: who.ip } : {}) };
  if (!parseCidr(block)) return checked('unknown', 'bad-value', need, [has], ['every-request']);
  if (!who.ip) return checked('unknown', 'not-carried', need, [has], ['every-request']);
  const inside = inCidr(who.ip, block);
  if (inside === undefined) return checked('unknown', 'not-carried', need, [has], ['every-request']);
  return checked(inside ? 'match' : 'no-match', inside ? 'matches' : 'differs', need, [has], ['every-request']);
}

function devicePosture(who: PolicyIdentity, id: string): Checked {
  const need: Need = { kind: 'device-posture', id };
  const posture = who.raw['devicePosture'];
  const result = isRecord(posture) && Object.hasOwn(posture, id) ? posture[id] : undefined;
  const passed = isRecord(result) && typeof result['success'] === 'boolean' ? result['success'] : undefined;
  if (passed === undefined) return checked('unknown', 'needs-data', need, [{ kind: 'device-posture' }], ['every-request']);
  return checked(
    passed ? 'match' : 'no-match',
    passed ? 'matches' : 'differs',
    need,
    [{ kind: 'device-posture', passed }],
    ['every-request'],
  );
}

/** `common_name` and `service_token`: a present but empty field means none was presented. */
function presented(need: Need, has: (value?: string) => Has, field: unknown, wanted: string | undefined): Checked {
  if (typeof field !== 'string') return checked('unknown', 'not-carried', need, [has()], ['every-request']);
  const value = text(field);
  const matches = value !== undefined && (wanted === undefined || value === wanted);
  return checked(matches ? 'match' : 'no-match', matches ? 'matches' : 'differs', need, [has(value)], ['every-request']);
}

function serviceToken(who: PolicyIdentity, id: string | undefined): Checked {
  const valid = who.raw['service_token_status'];
  const tokenId = text(who.raw['service_token_id']);
  const has: Has = { kind: 'service-token', ...(tokenId ? { id: tokenId } : {}), ...(typeof valid === 'boolean' ? { valid } : {}) };
  if (id !== undefined) return presented({ kind: 'service-token', id }, () => has, who.raw['service_token_id'], id);
  const need: Need = { kind: 'any-service-token' };
  if (typeof valid !== 'boolean') return checked('unknown', 'not-carried', need, [has], ['every-request']);
  return checked(valid ? 'match' : 'no-match', valid ? 'matches' : 'differs', need, [has], ['every-request']);
}

/** A rule other than `group`, against an identity. */
export function checkRule(rule: Rule, who: PolicyIdentity, context: RuleContext): Checked {
  const field = (name: string) => text(rule.fields[name]);
  const malformed = checked('unknown', 'malformed', { kind: 'malformed', key: rule.key });
  if (rule.malformed) return malformed;
  /** The named fields' values, in order, or undefined when one is missing (a malformed rule). */
  const need = <N extends string[]>(...names: N): { [K in keyof N]: string } | undefined => {
    const values = names.map(field);
    return values.every((value) => value !== undefined) ? (values as { [K in keyof N]: string }) : undefined;
  };
  const outside = OUTSIDE[rule.key];
  if (outside) {
    const value = rule.fields[outside[1]];
    const detail = Array.isArray(value) ? text(value.map((item) => text(item)).join(', ')) : text(value);
    return checked('unknown', 'outside', { kind: 'outside', what: outside[0], ...(detail ? { detail } : {}) });
  }
  switch (rule.key) {
    case 'everyone':
      return checked('match', 'matches', { kind: 'everyone' });
    case 'email': {
      const f = need('email');
      return f ? email(who, f[0]) : malformed;
    }
    case 'email_domain': {
      const f = need('domain');
      return f ? emailDomain(who, f[0]) : malformed;
    }
    case 'email_list':
    case 'ip_list': {
      const f = need('id');
      return f ? checked('unknown', 'needs-data', { kind: 'list', list: rule.key === 'email_list' ? 'email' : 'ip', id: f[0] }) : malformed;
    }
    case 'group': {
      // Followed through its definition by policy.ts when it was pasted.
      const f = need('id');
      return f ? checked('unknown', 'needs-data', { kind: 'rule-group', id: f[0] }) : malformed;
    }
    case 'azureAD':
    case 'okta':
    case 'gsuite': {
      const f = need('identity_provider_id', GROUP_FIELD[rule.key] ?? '');
      return f ? checkIdpGroup(rule, who, context, f[0], f[1]) : malformed;
    }
    case 'saml': {
      const f = need('attribute_name', 'attribute_value', 'identity_provider_id');
      return f ? checkAttribute(rule, who, context, ...f) : malformed;
    }
    case 'oidc': {
      const f = need('claim_name', 'claim_value', 'identity_provider_id');
      return f ? checkAttribute(rule, who, context, ...f) : malformed;
    }
    case 'github-organization': {
      const f = need('name', 'identity_provider_id');
      return f ? checkGithub(who, context, f[0], field('team'), f[1]) : malformed;
    }
    case 'login_method': {
      const f = need('id');
      return f ? checkLoginMethod(who, context, f[0]) : malformed;
    }
    case 'auth_method': {
      const f = need('auth_method');
      if (!f) return malformed;
      const [method] = f;
      const has: Has = { kind: 'amr', ...(who.amr ? { methods: who.amr } : {}) };
      // The identity's side: the method when its `amr` lists it, '' when not, undefined without `amr`.
      const mine = who.amr === undefined ? undefined : who.amr.includes(method) ? method : '';
      return compare({ kind: 'auth-method', method }, has, mine, method);
    }
    case 'ip': {
      const f = need('ip');
      return f ? ip(who, f[0]) : malformed;
    }
    case 'geo': {
      const f = need('country_code');
      if (!f) return malformed;
      const country = f[0].toUpperCase();
      const has: Has = { kind: 'country', ...(who.country ? { country: who.country } : {}) };
      return compare({ kind: 'country', country }, has, who.country?.toUpperCase(), country, ['every-request']);
    }
    case 'device_posture': {
      const f = need('integration_uid');
      return f ? devicePosture(who, f[0]) : malformed;
    }
    case 'certificate':
      // Whether the request presents a valid client certificate is not in get-identity.
      return checked('unknown', 'needs-data', { kind: 'certificate' }, [], ['every-request']);
    case 'common_name': {
      const f = need('common_name');
      const has = (name?: string): Has => ({ kind: 'common-name', ...(name ? { name } : {}) });
      return f ? presented({ kind: 'common-name', name: f[0] }, has, who.raw['common_name'], f[0]) : malformed;
    }
    case 'service_token': {
      const f = need('token_id');
      return f ? serviceToken(who, f[0]) : malformed;
    }
    case 'any_valid_service_token':
      return serviceToken(who, undefined);
    default:
      return checked('unknown', 'unrecognised', { kind: 'unrecognised', key: rule.key });
  }
}
