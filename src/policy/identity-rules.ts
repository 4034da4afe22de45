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
import { groupsFrom, isMemberOf, isRecord, isRequiredGroup, text, type IdentityGroup } from '../identity/parse-identity.ts';
import type { PolicyIdentity } from './policy-identity.ts';
import { list, type Provider, type Rule } from './read-policies.ts';
import type { GroupRef, Has, Need, Outcome, ProviderRef, Reason, ReasonCode } from './reasons.ts';

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

/** Groups named in a reason at most; `count` says how many there are. */
export const MAX_LABELS = 20;

const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

export function providerRef(id: string, { providers, providerTypes }: RuleContext): ProviderRef {
  const known = providers.find((provider) => provider.id !== undefined && same(provider.id, id));
  const type = known?.type ?? (providerTypes && Object.hasOwn(providerTypes, id) ? providerTypes[id] : undefined);
  return { id, ...(known?.name ? { name: known.name } : {}), ...(type ? { type } : {}) };
}

export function providerHas(who: PolicyIdentity, context: RuleContext): Has {
  const name = who.idpId ? context.providers.find((provider) => same(provider.id, who.idpId))?.name : undefined;
  return {
    kind: 'provider',
    ...(who.idpId ? { id: who.idpId } : {}),
    ...(who.idpType ? { type: who.idpType } : {}),
    ...(name ? { name } : {}),
  };
}

/** Whether the identity signed in through the provider: undefined when it cannot be told. */
export function sameProvider(who: PolicyIdentity, id: string, context: RuleContext): boolean | undefined {
  const byType = context.providerTypes && Object.hasOwn(context.providerTypes, id) ? context.providerTypes[id] : undefined;
  if (byType !== undefined) return who.idpType === undefined || who.idpType === byType;
  if (who.idpId) return same(who.idpId, id);
  const type = providerRef(id, context).type;
  return type && who.idpType && type !== who.idpType ? false : undefined;
}

export function groupRef(value: string, context: RuleContext): GroupRef {
  const name = context.groupNames && Object.hasOwn(context.groupNames, value) ? context.groupNames[value] : undefined;
  return name === undefined ? { value, byName: false } : { value: name, byName: true };
}

const holds = (groups: readonly IdentityGroup[], ref: GroupRef) =>
  ref.byName ? isMemberOf({ groups: [...groups] }, ref.value) : groups.some((group) => same(group.id, ref.value));

/** Is the group among these? By name (or id) when named, by object id otherwise. */
function findGroup(groups: readonly IdentityGroup[], ref: GroupRef, by: 'ref' | 'email'): { outcome: Outcome; code: ReasonCode } {
  if (groups.length === 0) return { outcome: 'no-match', code: 'no-groups' };
  const found =
    by === 'email'
      ? groups.some((group) => same(group.email ?? (group.label.includes('@') ? group.label : undefined), ref.value))
      : ref.byName
        ? groups.some((group) => isRequiredGroup(group, ref.value))
        : holds(groups, ref);
  if (found) return { outcome: 'match', code: 'matches' };
  if (by === 'ref' && ref.byName && groups.some((group) => group.idOnly)) return { outcome: 'unknown', code: 'ids-only' };
  if (by === 'ref' && !ref.byName && groups.some((group) => group.id === undefined)) return { outcome: 'unknown', code: 'names-only' };
  return { outcome: 'no-match', code: 'differs' };
}

export const groupsHas = (groups: readonly IdentityGroup[] | undefined): Has => ({
  kind: 'groups',
  labels: (groups ?? []).slice(0, MAX_LABELS).map((group) => group.label),
  count: groups?.length ?? 0,
  carried: groups !== undefined,
});

/** The provider compared first, then what the rule reads from the identity (three-valued AND). */
function throughProvider(
  who: PolicyIdentity,
  providerId: string,
  context: RuleContext,
  need: Need,
  has: Has[],
  inner: { outcome: Outcome; code: ReasonCode },
  holdsGroup?: boolean,
): Checked {
  const provider = sameProvider(who, providerId, context);
  const notes = context.providerTypes && Object.hasOwn(context.providerTypes, providerId) ? (['provider-by-type'] as const) : [];
  const reason = (code: ReasonCode): Reason => ({
    code,
    need,
    has: [providerHas(who, context), ...has],
    notes: [...notes],
    ...(holdsGroup === undefined ? {} : { holdsGroup }),
  });
  if (provider === false) return { outcome: 'no-match', reason: reason('other-provider') };
  if (provider === undefined && inner.outcome !== 'no-match')
    return { outcome: 'unknown', reason: reason(inner.outcome === 'match' ? 'no-provider-id' : inner.code) };
  return { outcome: inner.outcome, reason: reason(inner.code) };
}

/** A SAML attribute's or an OIDC claim's values, as the identity carries them. */
function valuesOf(who: PolicyIdentity, via: 'saml' | 'oidc', name: string): { present: boolean; value: unknown } {
  const record = who.raw[via === 'saml' ? 'saml_attributes' : 'oidc_fields'];
  return isRecord(record) && Object.hasOwn(record, name) ? { present: true, value: record[name] } : { present: false, value: undefined };
}

const notCarried = (need: Need, has: Has[]): Checked => ({ outcome: 'unknown', reason: { code: 'not-carried', need, has, notes: [] } });

/** `azureAD`, `okta`, `gsuite`: a group of the identity, through the provider. */
export function checkIdpGroup(rule: Rule, who: PolicyIdentity, context: RuleContext, providerId: string, value: string): Checked {
  const via = rule.key as 'azureAD' | 'okta' | 'gsuite';
  const group = via === 'azureAD' ? groupRef(value, context) : { value, byName: via === 'okta' };
  const need: Need = { kind: 'idp-group', via, group, provider: providerRef(providerId, context) };
  const has = [groupsHas(who.groups)];
  if (!who.groups) return notCarried(need, [providerHas(who, context), ...has]);
  const inner = findGroup(who.groups, group, via === 'gsuite' ? 'email' : 'ref');
  return throughProvider(who, providerId, context, need, has, inner, via === 'gsuite' ? undefined : holds(who.groups, group));
}

/** `saml`, `oidc`: an attribute or claim holding the value, through the provider. */
export function checkAttribute(
  rule: Rule,
  who: PolicyIdentity,
  context: RuleContext,
  name: string,
  value: string,
  providerId: string,
): Checked {
  const via = rule.key as 'saml' | 'oidc';
  const ref = groupRef(value, context);
  const need: Need = { kind: 'attribute', via, name, value: ref, provider: providerRef(providerId, context) };
  const found = valuesOf(who, via, name);
  if (who.from === 'token') return notCarried(need, [providerHas(who, context)]);
  if (ref.byName) {
    // A demo's policy: the values are read as groups (names or object ids), like the card reads them.
    const groups = groupsFrom(found.value);
    const has: Has = {
      kind: 'values',
      via,
      name,
      values: groups.slice(0, MAX_LABELS).map((g) => g.label),
      count: groups.length,
      present: found.present,
    };
    return throughProvider(who, providerId, context, need, [has], findGroup(groups, ref, 'ref'), holds(who.groups ?? [], ref));
  }
  const values = (Array.isArray(found.value) ? list(found.value) : [found.value]).flatMap((item) =>
    typeof item === 'boolean' ? [String(item)] : (text(item) ?? []),
  );
  const has: Has = { kind: 'values', via, name, values: values.slice(0, MAX_LABELS), count: values.length, present: found.present };
  const inner: { outcome: Outcome; code: ReasonCode } = values.includes(value)
    ? { outcome: 'match', code: 'matches' }
    : { outcome: 'no-match', code: 'differs' };
  return throughProvider(who, providerId, context, need, [has], inner);
}

/** `github-organization`: the provider can refuse; the organizations are not in get-identity's documented fields. */
export function checkGithub(
  who: PolicyIdentity,
  context: RuleContext,
  organization: string,
  team: string | undefined,
  providerId: string,
): Checked {
  const need: Need = { kind: 'github', organization, ...(team ? { team } : {}), provider: providerRef(providerId, context) };
  return throughProvider(who, providerId, context, need, [], { outcome: 'unknown', code: 'not-carried' });
}

/** `login_method`: the sign-in's provider itself. */
export function checkLoginMethod(who: PolicyIdentity, context: RuleContext, providerId: string): Checked {
  const need: Need = { kind: 'login-method', provider: providerRef(providerId, context) };
  return throughProvider(who, providerId, context, need, [], { outcome: 'match', code: 'matches' });
}
