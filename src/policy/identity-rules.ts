/**
 * The rules bound to an identity provider: a group (Entra `azureAD`, Okta, Google Workspace), a
 * SAML attribute, an OIDC claim, a GitHub organization, or the provider itself (`login_method`).
 * Each matches only a sign-in through the provider it names (Cloudflare's selectors "require" the
 * provider: https://developers.cloudflare.com/cloudflare-one/access-controls/policies/), so the
 * provider is compared first: a sign-in through another provider never matches.
 *
 * The demos' policies name their group and provider by placeholder (demo-policy.ts); the context
 * resolves those the way the site can: the group by its display name, the provider by its type.
 */
import { exact, groupsFrom, isMemberOf, isRecord, isRequiredGroup, type IdentityGroup } from '../identity/parse-identity.ts';
import type { PolicyIdentity } from './policy-identity.ts';
import { list, type Provider } from './read-policies.ts';
import type { GroupRef, Has, Need, Note, Outcome, ProviderRef, Reason, ReasonCode } from './reasons.ts';

export interface RuleContext {
  /** The pasted identity providers, for their names and types. */
  providers: readonly Provider[];
  /** Group ids standing for a group's display name (the demos' placeholder): id → name. */
  groupNames?: Readonly<Record<string, string>>;
  /**
   * Provider ids standing for "the provider of this type" (the demos' placeholder): id → type.
   * An identity that names no provider type is taken to have come through it: a demo's
   * application accepts only its own provider.
   */
  providerTypes?: Readonly<Record<string, string>>;
}

export interface Checked {
  outcome: Outcome;
  reason: Reason;
}

/** Groups or values named in a reason at most; `count` says how many there are. */
export const MAX_LABELS = 20;

export const checked = (
  outcome: Outcome,
  code: ReasonCode,
  need: Need,
  has: readonly Has[] = [],
  notes: readonly Note[] = [],
  holdsGroup?: boolean,
): Checked => ({ outcome, reason: { code, need, has, notes, ...(holdsGroup === undefined ? {} : { holdsGroup }) } });

/** Matches, differs, or (undefined) the identity does not carry what the rule reads. */
export const judge = (matches: boolean | undefined, need: Need, has: readonly Has[], notes: readonly Note[] = []): Checked =>
  matches === undefined
    ? checked('unknown', 'not-carried', need, has, notes)
    : checked(matches ? 'match' : 'no-match', matches ? 'matches' : 'differs', need, has, notes);

export const same = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
const own = (record: Readonly<Record<string, string>> | undefined, key: string) =>
  record && Object.hasOwn(record, key) ? record[key] : undefined;

export function providerRef(id: string, context: RuleContext): ProviderRef {
  const known = context.providers.find((provider) => same(provider.id, id));
  return { id, name: known?.name, type: known?.type ?? own(context.providerTypes, id) };
}

export function providerHas(who: PolicyIdentity, context: RuleContext): Has {
  const name = who.idpId ? context.providers.find((provider) => same(provider.id, who.idpId))?.name : undefined;
  return { kind: 'provider', id: who.idpId, type: who.idpType, name };
}

/** Whether the identity signed in through the provider: undefined when it cannot be told. */
function sameProvider(who: PolicyIdentity, id: string, context: RuleContext): boolean | undefined {
  const byType = own(context.providerTypes, id);
  if (byType !== undefined) return who.idpType === undefined || who.idpType === byType;
  if (who.idpId) return same(who.idpId, id);
  const type = providerRef(id, context).type;
  return type && who.idpType && type !== who.idpType ? false : undefined;
}

function groupRef(value: string, context: RuleContext): GroupRef {
  const name = own(context.groupNames, value);
  return name === undefined ? { value, byName: false } : { value: name, byName: true };
}

/** Holds the group: by display name or id when the rule names it, by object id otherwise. */
const holds = (groups: readonly IdentityGroup[], ref: GroupRef) =>
  ref.byName ? isMemberOf({ groups: [...groups] }, ref.value) : groups.some((group) => same(group.id, ref.value));

type Found = [Outcome, ReasonCode];

function findGroup(groups: readonly IdentityGroup[], ref: GroupRef, byEmail = false): Found {
  if (groups.length === 0) return ['no-match', 'no-groups'];
  const found = byEmail
    ? groups.some((group) => same(group.email ?? (group.label.includes('@') ? group.label : undefined), ref.value))
    : ref.byName
      ? groups.some((group) => isRequiredGroup(group, ref.value))
      : holds(groups, ref);
  if (found) return ['match', 'matches'];
  if (!byEmail && ref.byName && groups.some((group) => group.idOnly)) return ['unknown', 'ids-only'];
  if (!byEmail && !ref.byName && groups.some((group) => group.id === undefined)) return ['unknown', 'names-only'];
  return ['no-match', 'differs'];
}

export const groupsHas = (groups: readonly IdentityGroup[] | undefined): Has => ({
  kind: 'groups',
  labels: (groups ?? []).slice(0, MAX_LABELS).map((group) => group.label),
  count: groups?.length ?? 0,
  carried: groups !== undefined,
});

/**
 * The provider compared first, then what the rule reads from the identity (three-valued AND).
 * `need` gains the provider, as the pasted providers (or the demo's placeholder) name it.
 */
function throughProvider(
  who: PolicyIdentity,
  providerId: string,
  context: RuleContext,
  need: Need,
  has: Has[],
  [outcome, code]: Found,
  holdsGroup?: boolean,
): Checked {
  const provider = sameProvider(who, providerId, context);
  const named: Need = { ...need, provider: providerRef(providerId, context), byType: own(context.providerTypes, providerId) !== undefined };
  const facts = [providerHas(who, context), ...has];
  if (provider === false) return checked('no-match', 'other-provider', named, facts, [], holdsGroup);
  if (provider === undefined && outcome !== 'no-match')
    return checked('unknown', outcome === 'match' ? 'no-provider-id' : code, named, facts, [], holdsGroup);
  return checked(outcome, code, named, facts, [], holdsGroup);
}

/** `azureAD`, `okta`, `gsuite`: a group of the identity (`value`), through the provider. */
export function checkIdpGroup(who: PolicyIdentity, context: RuleContext, need: Need, providerId: string, value: string): Checked {
  const group = need.key === 'azureAD' ? groupRef(value, context) : { value, byName: need.key === 'okta' };
  const named = { ...need, group };
  const has = [groupsHas(who.groups)];
  if (!who.groups)
    return checked('unknown', 'not-carried', { ...named, provider: providerRef(providerId, context) }, [providerHas(who, context), ...has]);
  const byEmail = need.key === 'gsuite';
  return throughProvider(
    who,
    providerId,
    context,
    named,
    has,
    findGroup(who.groups, group, byEmail),
    byEmail ? undefined : holds(who.groups, group),
  );
}

/** `saml`, `oidc`: an attribute or claim (`name`) holding the value, through the provider. */
export function checkAttribute(
  who: PolicyIdentity,
  context: RuleContext,
  need: Need,
  name: string,
  value: string,
  providerId: string,
): Checked {
  const via = need.key === 'saml' ? 'saml' : 'oidc';
  const group = groupRef(value, context);
  const named = { ...need, group };
  if (who.from === 'token')
    return checked('unknown', 'not-carried', { ...named, provider: providerRef(providerId, context) }, [providerHas(who, context)]);
  const record = who.raw[via === 'saml' ? 'saml_attributes' : 'oidc_fields'];
  const present = isRecord(record) && Object.hasOwn(record, name);
  const raw = present ? record[name] : undefined;
  // A demo's policy reads the values as groups (names or object ids), the way the card does.
  const groups = group.byName ? groupsFrom(raw) : [];
  const values = group.byName
    ? groups.map((entry) => entry.label)
    : (Array.isArray(raw) ? list(raw) : [raw]).flatMap((item) => (typeof item === 'boolean' ? [String(item)] : (exact(item) ?? [])));
  const has: Has = { kind: 'values', via, name, values: values.slice(0, MAX_LABELS), count: values.length, present };
  const found: Found = group.byName ? findGroup(groups, group) : values.includes(value) ? ['match', 'matches'] : ['no-match', 'differs'];
  return throughProvider(who, providerId, context, named, [has], found, group.byName ? holds(who.groups ?? [], group) : undefined);
}

/**
 * `github-organization`: the provider can refuse; the organizations are not in get-identity's
 * documented fields. `login_method`: the sign-in's provider itself.
 */
export const checkProvider = (who: PolicyIdentity, context: RuleContext, need: Need, providerId: string): Checked =>
  throughProvider(who, providerId, context, need, [], need.key === 'login_method' ? ['match', 'matches'] : ['unknown', 'not-carried']);
