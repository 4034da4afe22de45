/**
 * Every rule type the Access API has, against fixture identities: when it matches, when it does
 * not, and when it cannot be decided, with the reason's code; and the sentences that name both
 * sides. Rule groups (`group`) followed through their definitions are in policy-evaluate.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENTRA_SAML_GROUPS_CLAIM } from '../../src/identity/parse-identity.ts';
import { RULE_KEYS } from '../../src/policy/api-types.ts';
import { describeRule, loadPolicyWords } from '../support/policy-words.ts';
import { identityFromToken, type PolicyIdentity } from '../../src/policy/policy-identity.ts';
import { readRule } from '../../src/policy/read-policies.ts';
import { checkRule } from '../../src/policy/rules.ts';
import { inCidr } from '../../src/policy/cidr.ts';
import {
  ALL_STAFF_ID,
  AZURE_ID,
  entraMember,
  GROUP_A_ID,
  GROUP_B_ID,
  read,
  SAML_ID,
  samlUser,
  serviceToken,
  who,
} from '../fixtures/policy/identities.ts';

beforeAll(loadPolicyWords);

const context = { providers: read('providers.json').providers };
const member = who(entraMember);
const saml = who(samlUser);
const service = who(serviceToken);
const token = identityFromToken({ email: 'jane@barbicancloud.co.uk', country: 'GB', iss: 'https://team.cloudflareaccess.com' });
const emptyToken = identityFromToken({});
const okta = who({ email: 'o@example.com', idp: { id: 'okta-1', type: 'okta' }, groups: ['All Staff'] });
const github = who({ email: 'g@example.com', idp: { id: 'gh-1', type: 'github' } });
const noProviderId = who({ email: 'n@example.com', idp: { type: 'azureAD' }, groups: [{ id: GROUP_A_ID, name: 'CF-Demo-Group-A' }] });
const samlTypeOnly = who({ email: 'n@example.com', idp: { type: 'saml' } });
const noProvider = who({ email: 'n@example.com' });
const namesOnly = who({ email: 'n@example.com', idp: { id: AZURE_ID, type: 'azureAD' }, groups: ['CF-Demo-Group-A'] });
const noGroups = who({ email: 'n@example.com', idp: { id: AZURE_ID, type: 'azureAD' } });

/** Names for the identities, for the tests' titles. */
const NAMES = new Map<PolicyIdentity, string>([
  [member, 'Entra member'],
  [saml, 'SAML user'],
  [service, 'service token'],
  [token, 'Access token'],
  [emptyToken, 'token without claims'],
  [okta, 'Okta user'],
  [github, 'GitHub user'],
  [noProviderId, 'no provider id'],
  [samlTypeOnly, 'SAML, no provider id'],
  [noProvider, 'no provider'],
  [namesOnly, 'groups by name only'],
  [noGroups, 'no groups'],
]);

const check = (rule: unknown, identity: PolicyIdentity) => checkRule(readRule(rule, 'include'), identity, context);
const verdict = (rule: unknown, identity: PolicyIdentity) => {
  const { outcome, reason } = check(rule, identity);
  return [outcome, reason.code];
};

const azure = (id: string) => ({ azureAD: { id, identity_provider_id: AZURE_ID } });
const samlRule = (attribute_name: string, attribute_value: string) => ({
  saml: { attribute_name, attribute_value, identity_provider_id: SAML_ID },
});

/** [rule, identity, expected outcome, expected reason code], for every rule key. */
const CASES: [string, unknown, PolicyIdentity, string, string][] = [
  ['everyone', { everyone: {} }, member, 'match', 'matches'],
  ['email', { email: { email: 'jane@barbicancloud.co.uk' } }, member, 'match', 'matches'],
  ['email', { email: { email: 'joe@barbicancloud.co.uk' } }, member, 'no-match', 'differs'],
  ['email', { email: { email: 'joe@barbicancloud.co.uk' } }, emptyToken, 'unknown', 'not-carried'],
  ['email_domain', { email_domain: { domain: 'barbicancloud.co.uk' } }, member, 'match', 'matches'],
  ['email_domain', { email_domain: { domain: '@BarbicanCloud.co.uk' } }, token, 'match', 'matches'],
  ['email_domain', { email_domain: { domain: 'example.com' } }, member, 'no-match', 'differs'],
  ['email_domain', { email_domain: { domain: 'example.com' } }, emptyToken, 'unknown', 'not-carried'],
  ['email_list', { email_list: { id: 'list-1' } }, member, 'unknown', 'needs-data'],
  ['group', { group: { id: 'not-pasted' } }, member, 'unknown', 'needs-data'],
  ['azureAD', azure(GROUP_A_ID), member, 'match', 'matches'],
  ['azureAD', azure(GROUP_B_ID), member, 'no-match', 'differs'],
  ['azureAD', azure(GROUP_B_ID), saml, 'no-match', 'other-provider'],
  ['azureAD', azure(GROUP_A_ID), token, 'unknown', 'not-carried'],
  ['azureAD', azure(GROUP_A_ID), noProviderId, 'unknown', 'no-provider-id'],
  ['azureAD', azure(GROUP_A_ID), namesOnly, 'unknown', 'names-only'],
  ['azureAD', azure(GROUP_A_ID), noGroups, 'no-match', 'no-groups'],
  ['saml', samlRule(ENTRA_SAML_GROUPS_CLAIM, GROUP_B_ID), saml, 'match', 'matches'],
  ['saml', samlRule(ENTRA_SAML_GROUPS_CLAIM, GROUP_A_ID), saml, 'no-match', 'differs'],
  ['saml', samlRule('department', 'Sales'), saml, 'no-match', 'differs'],
  ['saml', samlRule(ENTRA_SAML_GROUPS_CLAIM, ALL_STAFF_ID), member, 'no-match', 'other-provider'],
  ['saml', samlRule(ENTRA_SAML_GROUPS_CLAIM, ALL_STAFF_ID), samlTypeOnly, 'no-match', 'differs'],
  ['saml', samlRule(ENTRA_SAML_GROUPS_CLAIM, ALL_STAFF_ID), token, 'unknown', 'not-carried'],
  ['oidc', { oidc: { claim_name: 'roles', claim_value: 'editor', identity_provider_id: AZURE_ID } }, member, 'match', 'matches'],
  ['oidc', { oidc: { claim_name: 'tenant', claim_value: 'barbican', identity_provider_id: AZURE_ID } }, member, 'match', 'matches'],
  ['oidc', { oidc: { claim_name: 'roles', claim_value: 'admin', identity_provider_id: AZURE_ID } }, member, 'no-match', 'differs'],
  ['oidc', { oidc: { claim_name: 'roles', claim_value: 'editor', identity_provider_id: AZURE_ID } }, saml, 'no-match', 'other-provider'],
  ['okta', { okta: { name: 'all staff', identity_provider_id: 'okta-1' } }, okta, 'match', 'matches'],
  ['okta', { okta: { name: 'Admins', identity_provider_id: 'okta-1' } }, okta, 'no-match', 'differs'],
  ['okta', { okta: { name: 'All Staff', identity_provider_id: 'okta-1' } }, member, 'no-match', 'other-provider'],
  ['gsuite', { gsuite: { email: 'AllStaff@barbicancloud.co.uk', identity_provider_id: AZURE_ID } }, member, 'match', 'matches'],
  ['gsuite', { gsuite: { email: 'admins@barbicancloud.co.uk', identity_provider_id: AZURE_ID } }, member, 'no-match', 'differs'],
  ['github-organization', { 'github-organization': { name: 'barbican', identity_provider_id: 'gh-1' } }, github, 'unknown', 'not-carried'],
  [
    'github-organization',
    { 'github-organization': { name: 'barbican', team: 'ops', identity_provider_id: 'gh-1' } },
    member,
    'no-match',
    'other-provider',
  ],
  ['login_method', { login_method: { id: AZURE_ID } }, member, 'match', 'matches'],
  ['login_method', { login_method: { id: AZURE_ID } }, saml, 'no-match', 'other-provider'],
  // No provider id, but a SAML sign-in cannot be the pasted Azure AD provider.
  ['login_method', { login_method: { id: AZURE_ID } }, samlTypeOnly, 'no-match', 'other-provider'],
  ['login_method', { login_method: { id: AZURE_ID } }, noProvider, 'unknown', 'no-provider-id'],
  ['auth_method', { auth_method: { auth_method: 'mfa' } }, member, 'match', 'matches'],
  ['auth_method', { auth_method: { auth_method: 'hwk' } }, member, 'no-match', 'differs'],
  ['auth_method', { auth_method: { auth_method: 'mfa' } }, saml, 'unknown', 'not-carried'],
  ['ip', { ip: { ip: '203.0.113.0/24' } }, member, 'match', 'matches'],
  ['ip', { ip: { ip: '203.0.113.10' } }, member, 'match', 'matches'],
  ['ip', { ip: { ip: '198.51.100.0/24' } }, member, 'no-match', 'differs'],
  ['ip', { ip: { ip: '2001:db8::/32' } }, saml, 'match', 'matches'],
  ['ip', { ip: { ip: '2001:db9::/32' } }, saml, 'no-match', 'differs'],
  ['ip', { ip: { ip: '203.0.113.0/24' } }, saml, 'no-match', 'differs'],
  ['ip', { ip: { ip: '203.0.113.0/33' } }, member, 'unknown', 'bad-value'],
  ['ip', { ip: { ip: '203.0.113.0/24' } }, token, 'unknown', 'not-carried'],
  ['ip_list', { ip_list: { id: 'list-2' } }, member, 'unknown', 'needs-data'],
  ['geo', { geo: { country_code: 'gb' } }, member, 'match', 'matches'],
  ['geo', { geo: { country_code: 'GB' } }, saml, 'no-match', 'differs'],
  ['geo', { geo: { country_code: 'GB' } }, token, 'match', 'matches'],
  ['geo', { geo: { country_code: 'GB' } }, emptyToken, 'unknown', 'not-carried'],
  ['device_posture', { device_posture: { integration_uid: 'posture-ok' } }, member, 'match', 'matches'],
  ['device_posture', { device_posture: { integration_uid: 'posture-bad' } }, member, 'no-match', 'differs'],
  ['device_posture', { device_posture: { integration_uid: 'posture-other' } }, member, 'unknown', 'needs-data'],
  ['certificate', { certificate: {} }, member, 'unknown', 'needs-data'],
  ['common_name', { common_name: { common_name: '88bf3b6d86161464f6509f7219099e57.access' } }, service, 'match', 'matches'],
  ['common_name', { common_name: { common_name: '88bf3b6d86161464f6509f7219099e57.access' } }, member, 'no-match', 'differs'],
  ['common_name', { common_name: { common_name: 'x' } }, saml, 'unknown', 'not-carried'],
  ['service_token', { service_token: { token_id: 'token-1' } }, service, 'match', 'matches'],
  ['service_token', { service_token: { token_id: 'token-2' } }, service, 'no-match', 'differs'],
  ['service_token', { service_token: { token_id: 'token-1' } }, member, 'no-match', 'differs'],
  ['service_token', { service_token: { token_id: 'token-1' } }, saml, 'unknown', 'not-carried'],
  ['any_valid_service_token', { any_valid_service_token: {} }, service, 'match', 'matches'],
  ['any_valid_service_token', { any_valid_service_token: {} }, member, 'no-match', 'differs'],
  ['any_valid_service_token', { any_valid_service_token: {} }, saml, 'unknown', 'not-carried'],
  [
    'external_evaluation',
    { external_evaluation: { evaluate_url: 'https://eval.example', keys_url: 'https://eval.example/keys' } },
    member,
    'unknown',
    'outside',
  ],
  ['auth_context', { auth_context: { id: 'c1', ac_id: 'c1', identity_provider_id: AZURE_ID } }, member, 'unknown', 'outside'],
  ['user_risk_score', { user_risk_score: { user_risk_score: ['low', 'medium'] } }, member, 'unknown', 'outside'],
  ['linked_app_token', { linked_app_token: { app_uid: 'app-1' } }, member, 'unknown', 'outside'],
  ['cloudflare_account_member', { cloudflare_account_member: {} }, member, 'unknown', 'outside'],
];

describe('every rule type', () => {
  it.each(CASES.map(([key, rule, identity, outcome, code]) => [key, rule, NAMES.get(identity), outcome, code, identity] as const))(
    '%s %j, %s: %s (%s)',
    (_key, rule, _name, outcome, code, identity) => {
      expect(verdict(rule, identity)).toEqual([outcome, code]);
    },
  );

  it('the cases cover every rule key the API has, each matching and failing to match or undecidable', () => {
    const keys = new Set(CASES.map(([key]) => key));
    expect([...keys].sort()).toEqual([...RULE_KEYS].sort());
    // `everyone` cannot fail to match anyone.
    for (const key of RULE_KEYS.filter((k) => k !== 'everyone')) {
      const outcomes = new Set(CASES.filter(([k]) => k === key).map(([, , , outcome]) => outcome));
      expect(outcomes.has('unknown') || (outcomes.has('match') && outcomes.has('no-match')), key).toBe(true);
    }
  });

  it('a key the API does not have, and rules not shaped as the API answers them, are undecided', () => {
    expect(verdict({ azure_ad: { id: GROUP_A_ID, identity_provider_id: AZURE_ID } }, member)).toEqual(['unknown', 'unrecognised']);
    expect(verdict({ email: 'jane@barbicancloud.co.uk' }, member)).toEqual(['unknown', 'malformed']);
    expect(verdict({ email: { email: 'a@b.c' }, ip: { ip: '192.0.2.0/24' } }, member)).toEqual(['unknown', 'malformed']);
    expect(verdict({ email: {} }, member)).toEqual(['unknown', 'malformed']);
    expect(verdict({ email: { email: 42 } }, member)).toEqual(['no-match', 'differs']);
    expect(verdict('everyone', member)).toEqual(['unknown', 'malformed']);
    expect(verdict({}, member)).toEqual(['unknown', 'malformed']);
  });

  it('IP, country, certificate, posture and service token rules say Access checks them on every request', () => {
    for (const rule of [
      { ip: { ip: '203.0.113.0/24' } },
      { geo: { country_code: 'GB' } },
      { certificate: {} },
      { any_valid_service_token: {} },
    ])
      expect(check(rule, member).reason.notes).toEqual(['every-request']);
    expect(check({ email: { email: 'a@b.c' } }, member).reason.notes).toEqual([]);
  });

  it('an email that matches only ignoring case says so', () => {
    expect(check({ email: { email: 'jane@barbicancloud.co.uk' } }, member).reason.notes).toEqual(['email-case']);
    expect(check({ email: { email: 'Jane@barbicancloud.co.uk' } }, member).reason.notes).toEqual([]);
  });

  it('values are compared as they are, not as they are shown: cut or cleaned, different values would match', () => {
    const long = 'a'.repeat(600);
    const longEmail = who({ email: `${long}@evil.example`, idp: { id: AZURE_ID, type: 'azureAD' } });
    expect(check({ email: { email: `${long}@corp.example` } }, longEmail).outcome).toBe('no-match');
    expect(check({ email: { email: `${long}@evil.example` } }, longEmail).outcome).toBe('match');
    const plain = who({ email: 'a@b.c', idp: { id: AZURE_ID, type: 'azureAD' } });
    expect(check({ email: { email: 'a@b.c\u200b' } }, plain).outcome).toBe('no-match');
    // Whitespace around a value is no part of it, and a value of nothing visible is no value.
    expect(check({ email: { email: ' a@b.c' } }, who({ email: 'a@b.c ', idp: { id: AZURE_ID, type: 'azureAD' } })).outcome).toBe('match');
    expect(check({ email: { email: 'a@b.c' } }, who({ email: '  ', idp: { id: AZURE_ID, type: 'azureAD' } })).outcome).toBe('unknown');
    expect(check({ email: { email: '\u200b' } }, plain).reason.code).toBe('malformed');
    const attribute = (value: string) => ({ saml: { attribute_name: 'dept', attribute_value: value, identity_provider_id: SAML_ID } });
    const samlLong = who({ email: 's@example.com', idp: { id: SAML_ID, type: 'saml' }, saml_attributes: { dept: `${'v'.repeat(600)}X` } });
    expect(check(attribute(`${'v'.repeat(600)}Y`), samlLong).outcome).toBe('no-match');
    expect(check(attribute(`${'v'.repeat(600)}X`), samlLong).outcome).toBe('match');
    const tokenId = `${'t'.repeat(600)}`;
    const longToken = who({ service_token_id: `${tokenId}1`, service_token_status: true });
    expect(check({ service_token: { token_id: `${tokenId}2` } }, longToken).outcome).toBe('no-match');
  });

  it('the words show the values cleaned: no invisible controls, however the identity carries them', () => {
    const disguised = who({ email: '\u202Eevil@example.com\u202C', idp: { id: AZURE_ID, type: 'azureAD' } });
    expect(describeRule({ list: 'include', key: 'email', ...check({ email: { email: 'jane@example.com' } }, disguised) })).toBe(
      'Does not match: needs the email “jane@example.com”; this identity has the email “evil@example.com”.',
    );
  });

  it('a group rule says whether the identity holds the group even when its provider cannot match', () => {
    expect(check(azure(GROUP_B_ID), saml).reason).toMatchObject({ code: 'other-provider', holdsGroup: true });
    expect(check(azure(GROUP_B_ID), member).reason).toMatchObject({ code: 'differs', holdsGroup: false });
  });
});

describe('the reason in words, naming both sides', () => {
  const sentence = (rule: unknown, identity: PolicyIdentity) => describeRule({ list: 'include', key: 'x', ...check(rule, identity) });

  it('an Entra group rule against a SAML sign-in', () => {
    expect(sentence(azure(GROUP_A_ID), saml)).toBe(
      'Does not match: needs the Entra group “61503835…” through provider “Azure AD” (“f3a1c9e0…”); this identity signed in through “Entra SAML” (“5a3d0000…”) and holds “0b7f5e2c…”, “7c1e0000…”, “All Staff” and “CF-Demo-Group-B”.',
    );
  });

  it('matches, with the case note', () => {
    expect(sentence({ email: { email: 'jane@barbicancloud.co.uk' } }, member)).toBe(
      'Matches: needs the email “jane@barbicancloud.co.uk”; this identity has the email “Jane@barbicancloud.co.uk”; the two differ only in letter case, and whether Access ignores case is not documented.',
    );
  });

  it('undecided, with what would decide it', () => {
    expect(sentence({ email_list: { id: 'list-1' } }, member)).toBe(
      'Undecided: needs an email in the email list “list-1”; the list’s contents would decide.',
    );
    expect(sentence({ ip: { ip: '203.0.113.0/24' } }, token)).toBe(
      'Undecided: needs an IP address in “203.0.113.0/24”; this identity carries no IP address; a get-identity answer holding that value would decide; Access checks this again on every request, not only at sign-in.',
    );
    expect(sentence(azure(GROUP_A_ID), token)).toBe(
      'Undecided: needs the Entra group “61503835…” through provider “Azure AD” (“f3a1c9e0…”); this identity names no identity provider and carries no groups (an Access token has none; a get-identity answer would); a get-identity answer holding that value would decide.',
    );
  });

  it('long lists of groups are cut, with how many more', () => {
    const many = who({ email: 'm@example.com', idp: { id: AZURE_ID }, groups: Array.from({ length: 25 }, (_, i) => `Team ${i + 1}`) });
    expect(sentence(azure(GROUP_A_ID), many)).toMatch(
      /holds “Team 1”, “Team 2”, .*“Team 20” and 5 more; the group may be one of those known only by name/,
    );
  });
});

describe('IP addresses and CIDR blocks', () => {
  const cases: [string, string, boolean | undefined][] = [
    ['192.0.2.1', '192.0.2.0/24', true],
    ['192.0.3.1', '192.0.2.0/24', false],
    ['192.0.2.1', '0.0.0.0/0', true],
    ['192.0.2.1', '192.0.2.1', true],
    ['192.0.2.1', '192.0.2.1/32', true],
    ['10.255.0.1', '10.0.0.0/9', false],
    ['10.127.0.1', '10.0.0.0/9', true],
    ['2001:db8::1', '2001:db8::/32', true],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1/128', true],
    ['2001:db9::1', '2001:db8::/32', false],
    ['fe80::1%eth0', 'fe80::/10', true],
    ['::ffff:192.0.2.1', '192.0.2.0/24', true],
    ['192.0.2.1', '::ffff:192.0.2.0/120', true],
    ['::1', '::1/128', true],
    ['192.0.2.1', '2001:db8::/32', false],
    ['2001:db8::1', '192.0.2.0/24', false],
    ['192.0.2.256', '192.0.2.0/24', undefined],
    ['192.0.2.1', '192.0.2.0/33', undefined],
    ['192.0.2.1', '192.0.2.0/24/1', undefined],
    ['1:2:3:4:5:6:7:8:9', '::/0', undefined],
    ['1::2::3', '::/0', undefined],
    ['not an ip', '::/0', undefined],
  ];
  it.each(cases)('%s in %s: %s', (address, block, expected) => expect(inCidr(address, block)).toBe(expected));
});
