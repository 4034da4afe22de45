/**
 * Turns whatever `/cdn-cgi/access/get-identity` answered into something the card can show.
 *
 * Cloudflare publishes no full sample of this answer, and the shape of `groups` for Entra ID is
 * not documented (see the README's "What get-identity returns"). So this parser assumes nothing:
 * every field is optional, every value is type-checked, unknown fields are ignored, and groups
 * are gathered from every place they are known to appear. It never throws.
 */

/** The Microsoft groups claim in SAML assertions; its values are Entra object ids. */
export const ENTRA_SAML_GROUPS_CLAIM = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An Entra object id or tenant id: a GUID. */
export const isGuid = (value: string): boolean => GUID.test(value);
const MAX_TEXT = 512;
const MAX_GROUPS = 10_000;

export type GroupSource = 'groups' | 'saml' | 'oidc';

export interface IdentityGroup {
  /** What the card shows and `data-group` carries: the display name, or the id without one. */
  label: string;
  name?: string;
  id?: string;
  email?: string;
  source: GroupSource;
  /** True when only an Entra object id (a GUID) is known, not the group's name. */
  idOnly: boolean;
}

export interface Identity {
  name?: string;
  email?: string;
  idpType?: string;
  idpId?: string;
  /** Seconds since the epoch when the Access session was issued. */
  issuedAt?: number;
  country?: string;
  isWarp?: boolean;
  isGateway?: boolean;
  deviceId?: string;
  groups: IdentityGroup[];
}

/** A JSON object, as a record of unknown values. */
export type Json = Record<string, unknown>;

/** Whether a value is a JSON object (not null, not an array). */
export const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A displayable string, or undefined. Long values are cut so a hostile answer cannot blow up layout. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  // Bidirectional overrides and other invisible controls could disguise a value; drop them.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const cleaned = value.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (!cleaned) return undefined;
  return cleaned.length > MAX_TEXT ? `${cleaned.slice(0, MAX_TEXT)}…` : cleaned;
}

/**
 * A value for comparing, never for showing (that is text's job): a string as it is but for the
 * whitespace around it, or a finite number; absent when nothing of it would show. Not cut and not
 * cleaned, since cut or cleaned values could match different ones.
 */
export function exact(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && text(value) !== undefined ? value.trim() : undefined;
}

const bool = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);

function group(
  name: string | undefined,
  id: string | undefined,
  email: string | undefined,
  source: GroupSource,
): IdentityGroup | undefined {
  const label = name ?? id ?? email;
  if (!label) return undefined;
  const result: IdentityGroup = { label, source, idOnly: !name && id !== undefined && GUID.test(id) };
  if (name) result.name = name;
  if (id) result.id = id;
  if (email) result.email = email;
  return result;
}

/** One entry of `groups`: a plain string (a name, or a GUID) or an object with id/name/email. */
function groupFromEntry(entry: unknown, source: GroupSource): IdentityGroup | undefined {
  if (isRecord(entry)) {
    return group(text(entry['name'] ?? entry['displayName']), text(entry['id']), text(entry['email']), source);
  }
  const value = text(entry);
  if (!value) return undefined;
  return GUID.test(value) ? group(undefined, value, undefined, source) : group(value, undefined, undefined, source);
}

function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.slice(0, MAX_GROUPS);
  return value === undefined || value === null ? [] : [value];
}

/** The groups in one field's value: a list of entries, or a single one. */
function groupEntries(value: unknown, source: GroupSource): IdentityGroup[] {
  return listOf(value)
    .map((entry) => groupFromEntry(entry, source))
    .filter((entry): entry is IdentityGroup => entry !== undefined);
}

/** SAML attributes whose name says "group": the Microsoft claim URI, `groups`, `memberOf`... */
function samlGroups(attributes: unknown): IdentityGroup[] {
  if (!isRecord(attributes)) return [];
  return Object.entries(attributes)
    .filter(([key]) => key === ENTRA_SAML_GROUPS_CLAIM || /(^|[/:.])(groups?|memberof)$/i.test(key))
    .flatMap(([, value]) => groupEntries(value, 'saml'));
}

function oidcGroups(fields: unknown): IdentityGroup[] {
  return isRecord(fields) ? groupEntries(fields['groups'], 'oidc') : [];
}

/** The same group can arrive through several fields; keep the first, most descriptive one. */
function dedupe(groups: IdentityGroup[]): IdentityGroup[] {
  const seen = new Map<string, IdentityGroup>();
  for (const entry of groups) {
    const key = (entry.id ?? entry.label).toLowerCase();
    const existing = seen.get(key);
    if (!existing || (existing.idOnly && !entry.idOnly)) seen.set(key, entry);
  }
  return [...seen.values()];
}

/**
 * The groups in any one value read the way get-identity's `groups` is: a token's `groups` claim,
 * or the values of one SAML attribute.
 */
export function groupsFrom(value: unknown): IdentityGroup[] {
  return dedupe(groupEntries(value, 'groups'));
}

/** The identity in a get-identity JSON answer, or undefined when the JSON is not an identity. */
export function parseIdentity(json: unknown): Identity | undefined {
  if (!isRecord(json)) return undefined;
  // An identity has at least one of these; `{"err": ...}` and other JSON do not.
  if (!('email' in json || 'user_uuid' in json || 'idp' in json || 'id' in json)) return undefined;

  const idp = isRecord(json['idp']) ? json['idp'] : {};
  const geo = json['geo'];
  const identity: Identity = {
    groups: dedupe([...groupEntries(json['groups'], 'groups'), ...samlGroups(json['saml_attributes']), ...oidcGroups(json['oidc_fields'])]),
  };
  const assign = <K extends keyof Identity>(key: K, value: Identity[K] | undefined) => {
    if (value !== undefined) identity[key] = value;
  };
  assign('name', text(json['name']));
  assign('email', text(json['email']));
  assign('idpType', text(idp['type']));
  assign('idpId', text(idp['id']));
  const iat = json['iat'];
  assign('issuedAt', typeof iat === 'number' && Number.isFinite(iat) && iat > 0 ? iat : undefined);
  assign('country', text(isRecord(geo) ? geo['country'] : geo));
  assign('isWarp', bool(json['is_warp']));
  assign('isGateway', bool(json['is_gateway']));
  assign('deviceId', text(json['device_id']));
  return identity;
}

/** Whether a group is the one the page requires: by display name or by object id, any case. */
export function isRequiredGroup(group: IdentityGroup, requiredGroup: string | undefined): boolean {
  const wanted = requiredGroup?.trim().toLowerCase();
  if (!wanted) return false;
  return group.name?.toLowerCase() === wanted || group.id?.toLowerCase() === wanted;
}

/** Whether the identity is in the group the page requires. */
export function isMemberOf(identity: Identity, requiredGroup: string): boolean {
  return identity.groups.some((group) => isRequiredGroup(group, requiredGroup));
}

/**
 * The key groups sort by: lower case, accents dropped ("Équipe" files under e). Plain string
 * comparison of these keys stands in for Intl.Collator, whose first use loads ICU collation
 * data: 15-40 ms of main-thread time in Debian Chromium, inside the card's first render.
 */
function sortKey(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Groups in display order: the required one first, then alphabetical, names before bare ids. */
export function sortGroups(groups: IdentityGroup[], requiredGroup?: string): IdentityGroup[] {
  const rank = (g: IdentityGroup) => (isRequiredGroup(g, requiredGroup) ? 0 : 2) + Number(g.idOnly);
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return groups
    .map((group) => ({ group, rank: rank(group), key: sortKey(group.label) }))
    .sort((a, b) => a.rank - b.rank || compare(a.key, b.key) || compare(a.group.label, b.group.label))
    .map(({ group }) => group);
}

const IDP_NAMES: Record<string, string> = {
  azureAD: 'Microsoft Entra ID',
  saml: 'SAML',
  oidc: 'OpenID Connect',
  onetimepin: 'One-time PIN',
  github: 'GitHub',
  google: 'Google',
  'google-apps': 'Google Workspace',
  okta: 'Okta',
  onelogin: 'OneLogin',
  pingone: 'PingOne',
  centrify: 'Centrify',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
  yandex: 'Yandex',
  keycloak: 'Keycloak',
};

export function idpDisplayName(type: string | undefined): string | undefined {
  if (!type) return undefined;
  return Object.hasOwn(IDP_NAMES, type) ? IDP_NAMES[type] : type;
}
