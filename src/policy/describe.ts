/**
 * The engine's results as plain English sentences, for the page to set as text (never markup):
 * a rule's reason naming both sides, the decision, what was read and what was not. Values were
 * cleaned when read (`text()`); long ids are shortened, names are quoted.
 */
import { idpDisplayName } from '../identity/parse-identity.ts';
import type { Evaluation, IdpCheck } from './evaluate.ts';
import type { JsonProblem, SyntaxExpectation } from './json-documents.ts';
import type { Ignored, ReadDocuments } from './read-documents.ts';
import type { Setting } from './read-policies.ts';
import type { Has, Need, ProviderRef, Reason, RuleResult } from './reasons.ts';

const q = (value: string) => `“${value}”`;
/** An id shortened to its first 8 characters, as ids are told apart at a glance. */
export const shortId = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);
/** 1,000,000: by hand, as toLocaleString's first use loads ICU data on the main thread. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A group's label: an object id shortened, a name as it is. */
const label = (value: string) => (GUID.test(value) ? shortId(value) : value);
const number = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const plural = (n: number, one: string, many = `${one}s`) => `${number(n)} ${n === 1 ? one : many}`;

/** "“a”, “b” and 3 more": at most the values given, `count` of them in all. */
function quoted(values: readonly string[], count = values.length, conjunction = 'and'): string {
  const shown = values.map(q);
  const more = count - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${number(more)} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} ${conjunction} ${shown.at(-1) ?? ''}` : (shown[0] ?? '');
}

function provider(ref: ProviderRef, byType: boolean): string {
  const kind = ref.type ? `${idpDisplayName(ref.type) ?? ref.type} ` : '';
  if (byType) return `the demo's ${kind}provider (matched by its type)`;
  if (ref.name) return `provider ${q(ref.name)} (${q(shortId(ref.id))})`;
  return `the ${kind}provider ${q(shortId(ref.id))}`;
}

const OUTSIDE: Record<Extract<Need, { kind: 'outside' }>['what'], string> = {
  'external-evaluation': 'the external evaluation service to allow',
  'auth-context': 'the Entra authentication context',
  'risk-score': 'a user risk score of',
  'linked-app-token': 'an OAuth token issued by the Access application',
  'account-member': 'membership of the Cloudflare account',
};

function need(need: Need, byType: boolean): string {
  switch (need.kind) {
    case 'everyone':
      return 'needs nothing: it matches everyone';
    case 'email':
      return `needs the email ${q(need.email)}`;
    case 'email-domain':
      return `needs an email address at ${q(need.domain)}`;
    case 'list':
      return `needs ${need.list === 'email' ? 'an email' : 'an IP address'} in the ${need.list === 'email' ? 'email' : 'IP'} list ${q(shortId(need.id))}`;
    case 'rule-group':
      return `needs the Access rule group ${need.name ? `${q(need.name)} (${q(shortId(need.id))})` : q(shortId(need.id))}`;
    case 'idp-group': {
      const group = need.group.byName ? q(need.group.value) : q(shortId(need.group.value));
      const label = { azureAD: 'Entra group', okta: 'Okta group', gsuite: 'Google Workspace group' }[need.via];
      return `needs the ${label} ${group} through ${provider(need.provider, byType)}`;
    }
    case 'attribute': {
      const value = need.value.byName ? `the group ${q(need.value.value)} (by name or object id)` : q(need.value.value);
      return `needs the ${need.via === 'saml' ? 'SAML attribute' : 'OIDC claim'} ${q(need.name)} to hold ${value}, through ${provider(need.provider, byType)}`;
    }
    case 'github':
      return `needs the GitHub organization ${q(need.organization)}${need.team ? `, team ${q(need.team)}` : ''}, through ${provider(need.provider, byType)}`;
    case 'login-method':
      return `needs a sign-in through ${provider(need.provider, byType)}`;
    case 'auth-method':
      return `needs the authentication method ${q(need.method)} (amr)`;
    case 'ip':
      return `needs an IP address in ${q(need.block)}`;
    case 'country':
      return `needs the country ${q(need.country)}`;
    case 'device-posture':
      return `needs the device posture check ${q(shortId(need.id))} to pass`;
    case 'certificate':
      return 'needs a valid client certificate';
    case 'common-name':
      return `needs a client certificate with the common name ${q(need.name)}`;
    case 'service-token':
      return `needs the service token ${q(shortId(need.id))}`;
    case 'any-service-token':
      return 'needs any valid service token';
    case 'outside':
      return `needs ${OUTSIDE[need.what]}${need.detail ? ` ${q(need.detail)}` : ''}`;
    case 'unrecognised':
      return `${q(need.key)} is not a rule type the Access API has`;
    case 'malformed':
      return `the ${q(need.key)} rule is not shaped as the API answers it`;
  }
}

function has(fact: Has): string {
  switch (fact.kind) {
    case 'provider': {
      const name = fact.name ?? (fact.type ? (idpDisplayName(fact.type) ?? fact.type) : undefined);
      if (!name && !fact.id) return 'names no identity provider';
      return `signed in through ${name ? q(name) : 'a provider'}${fact.id ? ` (${q(shortId(fact.id))})` : ', with no provider id'}`;
    }
    case 'email':
      return fact.email ? `has the email ${q(fact.email)}` : 'carries no email';
    case 'groups':
      if (!fact.carried) return 'carries no groups (an Access token has none; a get-identity answer would)';
      return fact.count === 0 ? 'holds no groups' : `holds ${quoted(fact.labels.map(label), fact.count)}`;
    case 'values': {
      const what = `${fact.via === 'saml' ? 'SAML attribute' : 'OIDC claim'} ${q(fact.name)}`;
      if (!fact.present) return `has no ${what}`;
      return fact.count === 0 ? `has an empty ${what}` : `has ${quoted(fact.values.map(label), fact.count)} in the ${what}`;
    }
    case 'ip':
      return fact.ip ? `signed in from ${q(fact.ip)}` : 'carries no IP address';
    case 'country':
      return fact.country ? `signed in from the country ${q(fact.country)}` : 'carries no country';
    case 'amr':
      return fact.methods ? `signed in with ${fact.methods.length ? quoted(fact.methods) : 'no listed methods'}` : 'carries no amr';
    case 'common-name':
      return fact.name ? `presented the common name ${q(fact.name)}` : 'presented no client certificate';
    case 'service-token':
      if (fact.id) return `is the service token ${q(shortId(fact.id))}`;
      return fact.valid === undefined
        ? 'carries no service token fields'
        : fact.valid
          ? 'is a valid service token'
          : 'is not a service token';
    case 'device-posture':
      return fact.passed === undefined ? 'carries no result for that check' : fact.passed ? 'passed it' : 'failed it';
  }
}

/** What would decide an undecided rule, by its reason. */
function decider(reason: Reason): string {
  switch (reason.code) {
    case 'no-provider-id':
      return 'the provider id the identity signed in through would decide';
    case 'ids-only':
      return 'the group may be one of those known only by object id; its object id would decide';
    case 'names-only':
      return 'the group may be one of those known only by name; their object ids would decide';
    case 'not-carried':
      return reason.need.kind === 'github'
        ? 'the GitHub organizations, which get-identity does not list, would decide'
        : 'a get-identity answer holding that value would decide';
    case 'needs-data':
      if (reason.need.kind === 'list') return 'the list’s contents would decide';
      if (reason.need.kind === 'rule-group') return 'the rule group’s definition (GET /access/groups) would decide';
      if (reason.need.kind === 'certificate') return 'whether the request presents a valid client certificate would decide';
      return 'the device’s posture result would decide';
    case 'outside':
      return 'Access decides this at sign-in from what no paste holds';
    case 'cycle':
      return `the rule groups lead back to this one (${(reason.path ?? []).map(q).join(' → ')}), so it is not followed again`;
    case 'too-deep':
      return 'rule groups nested too deep (or too many rules) to follow';
    case 'bad-value':
      return 'the rule’s value is not an IP address or CIDR block';
    case 'unrecognised':
    case 'malformed':
      return 'the API would refuse it';
    default:
      return '';
  }
}

const NOTES = {
  'every-request': 'Access checks this again on every request, not only at sign-in',
  'email-case': 'the two differ only in letter case, and whether Access ignores case is not documented',
  'provider-by-type': '',
} as const;

/** One sentence for a rule's result, naming what it needs and what the identity has. */
export function describeRule({ outcome, reason }: RuleResult): string {
  const byType = reason.notes.includes('provider-by-type');
  const needs = need(reason.need, byType);
  if (reason.code === 'no-identity') return `${needs.charAt(0).toUpperCase()}${needs.slice(1)}.`;
  const lead = outcome === 'match' ? 'Matches' : outcome === 'no-match' ? 'Does not match' : 'Undecided';
  const parts = [needs];
  if (reason.members)
    parts.push(
      `its rules ${outcome === 'match' ? 'match' : outcome === 'no-match' ? 'do not match' : 'cannot all be decided for'} this identity`,
    );
  const facts = reason.has.map(has);
  if (facts.length) parts.push(`this identity ${facts.join(' and ')}`);
  if (outcome === 'unknown') parts.push(decider(reason));
  for (const note of reason.notes) parts.push(NOTES[note]);
  return `${lead}: ${parts.filter(Boolean).join('; ')}.`;
}

const DECISION_WORDS = { allow: 'Allowed', deny: 'Blocked', bypass: 'Let through without sign-in (Bypass)' } as const;

function idpSentence(check: IdpCheck): string {
  const allowed = check.allowed.map((ref) => ref.name ?? shortId(ref.id));
  const subject = `The application accepts ${allowed.length ? quoted(allowed) : 'every identity provider'}`;
  const identity = `this identity ${has(check.has)}`;
  if (check.outcome === 'refused') return `${subject}; ${identity}, so Access refuses it before any policy.`;
  if (check.outcome === 'unknown') return `${subject}; ${identity}, so whether it is accepted is undecided.`;
  return `${subject}; ${identity}.`;
}

/** The decision in one or two sentences, with what decided it. */
export function describeDecision(evaluation: Evaluation): string {
  const name = (key: string) => evaluation.policies.find((policy) => policy.key === key)?.name ?? key;
  switch (evaluation.decision) {
    case 'invalid':
      return 'Nothing pasted reads as an Access policy or application.';
    case 'none':
      return evaluation.policies.length
        ? 'Paste an identity to see the decision; these are the policies in the order Access runs them.'
        : 'Paste policies (and an identity) to see which policy decides.';
    case 'unknown':
      return `Undecided: it could be ${quoted(
        evaluation.possible.map((d) => DECISION_WORDS[d].toLowerCase()),
        evaluation.possible.length,
        'or',
      )}, depending on the rules that cannot be decided from what was pasted.`;
  }
  const word = DECISION_WORDS[evaluation.decision];
  const by = evaluation.decidedBy;
  if (!by) return `${word}.`;
  if (by.kind === 'allowed-idps' && evaluation.allowedIdps) return `Blocked. ${idpSentence(evaluation.allowedIdps)}`;
  const also =
    'alsoPossible' in by && by.alsoPossible.length ? ` ${quoted(by.alsoPossible.map(name))} may match first, with the same result.` : '';
  if (by.kind === 'policy') return `${word} by the policy ${q(name(by.key))}${by.asServiceToken ? ', as a service token' : ''}.${also}`;
  if (by.kind === 'default-deny') return `Blocked: no policy matches, and Access denies by default.${also}`;
  if (by.kind === 'one-of') return `${word}, whichever of ${quoted(by.keys.map(name))} matches first.`;
  return `${word}.`;
}

export const describeIdpCheck = idpSentence;

export function describeSetting(setting: Setting): string {
  switch (setting.kind) {
    case 'purpose-justification':
      return `Asks for a purpose justification${setting.prompt ? ` (${q(setting.prompt)})` : ''} after the match.`;
    case 'approval':
      return `Needs an approver's consent (${plural(setting.approvers, 'approval group')}) after the match.`;
    case 'isolation':
      return 'Opens the application in an isolated browser.';
    case 'session-duration':
      return `Sessions last ${q(setting.duration)}.`;
    case 'mfa':
      return setting.disabled
        ? 'Turns multi-factor authentication off for this policy.'
        : `Asks for multi-factor authentication${setting.authenticators.length ? ` (${quoted(setting.authenticators)})` : ''}${setting.duration ? `, every ${q(setting.duration)}` : ''}.`;
  }
}

/** "Read 3 policies, 1 rule group and 2 identity providers." */
export function describeRead({ counts }: ReadDocuments): string {
  const parts = [
    counts.applications ? plural(counts.applications, 'application') : '',
    counts.policies ? plural(counts.policies, 'policy', 'policies') : '',
    counts.groups ? plural(counts.groups, 'rule group') : '',
    counts.providers ? plural(counts.providers, 'identity provider') : '',
  ].filter(Boolean);
  return parts.length
    ? `Read ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}` : parts[0]}.`
    : 'Nothing usable was read.';
}

const EXPECTED: Record<SyntaxExpectation, string> = {
  value: 'a value',
  'comma-or-bracket': '“,” or “]”',
  'comma-or-brace': '“,” or “}”',
  key: 'a quoted member name',
  colon: '“:”',
  'string-end': 'the end of the string',
  escape: 'a valid escape (\\n, \\", \\u00e9, …)',
  document: 'the start of a JSON document (“{” or “[”)',
};

export function describeProblem(problem: JsonProblem): string {
  switch (problem.kind) {
    case 'syntax':
      return `Line ${problem.line}, column ${problem.column}: not valid JSON, expected ${EXPECTED[problem.expected]} but found ${q(problem.found)}.`;
    case 'too-deep':
      return `Line ${problem.line}, column ${problem.column}: nested deeper than ${problem.limit} levels, so that document was not read.`;
    case 'too-many-items':
      return `Line ${problem.line}, column ${problem.column}: more than ${number(problem.limit)} entries in one list or object; only the first ${number(problem.limit)} were read.`;
    case 'too-many-documents':
      return `Line ${problem.line}: more than ${problem.limit} documents; the rest were not read.`;
    case 'too-large':
      return `The paste is ${number(problem.size)} characters long; at most ${number(problem.limit)} are read, so none of it was.`;
  }
}

const IGNORED: Record<Ignored['reason'], string> = {
  'api-error': 'the API answered an error',
  unrecognised: 'not a policy, application, rule group or identity provider',
  'bad-decision': 'a policy whose decision is not allow, deny, non_identity or bypass',
  'second-application': 'only the first application is evaluated',
  'not-attached': 'not one of the pasted application’s policies',
  'missing-policy': 'the application names this policy by id, but its rules were not pasted',
};

export function describeIgnored(ignored: Ignored): string {
  const where = `Document ${ignored.document} (line ${ignored.line})${ignored.item === undefined ? '' : `, item ${ignored.item}`}`;
  return `${where}: ignored, ${IGNORED[ignored.reason]}${ignored.detail ? ` (${q(ignored.detail)})` : ''}.`;
}
