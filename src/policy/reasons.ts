/**
 * Why a rule matched, did not, or cannot be decided: as data naming both sides, what the rule
 * needs and what the identity has, so the page can put it into words (policy-words.ts does, as one
 * sentence, from the words in its markup). Every string in here has been through the identity
 * card's `text()`.
 */
import type { RuleList } from './api-types.ts';

export type Outcome = 'match' | 'no-match' | 'unknown';

/** An identity provider a rule names, with what the pasted providers say about it. */
export interface ProviderRef {
  id: string;
  name?: string | undefined;
  type?: string | undefined;
}

/** A group a rule names: by its id, or (the demos' policies) by its display name. */
export interface GroupRef {
  value: string;
  byName: boolean;
}

/**
 * What the rule needs: the rule itself, as the words show it (its API key and its fields as
 * text), with what was found about the provider, the group or the rule group it names.
 */
export interface Need {
  /** The rule's API key (`email`, `azureAD`, ...), as pasted. */
  key: string;
  /** The rule's fields as text (a list's values joined), by field name. */
  fields: Readonly<Record<string, string>>;
  /** The identity provider the rule names (`identity_provider_id`, a `login_method`'s `id`). */
  provider?: ProviderRef;
  /** The provider is a demo's, matched by its type (the site cannot know its id). */
  byType?: boolean;
  /** The group (or SAML/OIDC value) the rule names: by id, or by display name (the demos'). */
  group?: GroupRef;
  /** A rule group's name, from its pasted definition. */
  name?: string | undefined;
}

/** A fact about the identity; a missing value means the identity does not carry it. */
export type Has =
  | { kind: 'provider'; id?: string | undefined; type?: string | undefined; name?: string | undefined }
  | { kind: 'email'; email?: string | undefined }
  /** `carried`: false when the source has no groups at all (an Access token). */
  | { kind: 'groups'; labels: string[]; count: number; carried: boolean }
  /** The values of a SAML attribute or an OIDC claim; `present`: the identity has it. */
  | { kind: 'values'; via: 'saml' | 'oidc'; name: string; values: string[]; count: number; present: boolean }
  | { kind: 'ip'; ip?: string | undefined }
  | { kind: 'country'; country?: string | undefined }
  | { kind: 'amr'; methods?: string[] | undefined }
  | { kind: 'common-name'; name?: string | undefined }
  | { kind: 'service-token'; id?: string | undefined; valid?: boolean | undefined }
  | { kind: 'device-posture'; passed?: boolean | undefined };

export type ReasonCode =
  /** The identity has what the rule needs. */
  | 'matches'
  /** It has something else (or nothing). */
  | 'differs'
  /** It signed in through another provider than the one the rule names. */
  | 'other-provider'
  /** It carries no provider id, so the provider cannot be compared. */
  | 'no-provider-id'
  /** It holds no groups at all. */
  | 'no-groups'
  /** The named group may be one of the groups known only by object id. */
  | 'ids-only'
  /** The rule names a group by object id; some groups are known only by name. */
  | 'names-only'
  /** The identity does not carry the value the rule reads (a token has no groups, ...). */
  | 'not-carried'
  /** Decided by something not pasted: a list's contents, a rule group's definition, a device. */
  | 'needs-data'
  /** Never decided from an identity. */
  | 'outside'
  /** A rule group, evaluated from its pasted definition (see `members`). */
  | 'group-evaluated'
  /** A rule group that (through others) includes itself; not followed again. */
  | 'cycle'
  /** Rule groups nested too deep, or too much work: not evaluated. */
  | 'too-deep'
  /** The rule's own value does not parse (an IP block). */
  | 'bad-value'
  | 'unrecognised'
  | 'malformed'
  /** No identity was given. */
  | 'no-identity';

export type Note =
  /** IP, country, device posture, certificate, service token: checked again on every request. */
  | 'every-request'
  /** The emails are the same only when case is ignored; whether Access ignores it is not documented. */
  | 'email-case';

export interface Reason {
  code: ReasonCode;
  need: Need;
  has: readonly Has[];
  notes: readonly Note[];
  /** Group rules: whether the identity holds the named group among any of its groups. */
  holdsGroup?: boolean | undefined;
  /** A rule group's own rules, evaluated. */
  members?: RuleResult[];
  /** For `cycle`: the rule groups that lead back to this one, by name or id. */
  path?: string[] | undefined;
}

export interface RuleResult {
  list: RuleList;
  /** The API rule key (the page's `data-rule`). */
  key: string;
  outcome: Outcome;
  reason: Reason;
}
