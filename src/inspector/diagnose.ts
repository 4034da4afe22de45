/**
 * The problems an inspected token or identity shows, each a code of the page's contract
 * (diagnosis-links.ts). The entry of the troubleshooting page that fixes it is linked in the
 * page's markup (components/inspector/InspectWords.astro), from diagnosis-links.ts at build time.
 */
import type { JWTPayload } from 'jose';
import { groupsFrom, isRecord, text, type Identity, type Json } from '../identity/parse-identity.ts';
import type { DiagnosisCode } from './diagnosis-links.ts';
import type { JwtKind } from './read-input.ts';
import type { DemoVerdict } from './verdicts.ts';

export interface Diagnosis {
  code: DiagnosisCode;
  /** A short fact for the sentence around it (a time, a team name, a count). */
  detail?: string;
}

export const diagnosis = (code: DiagnosisCode, detail?: string): Diagnosis => (detail === undefined ? { code } : { code, detail });

/**
 * Entra's group limits: 150 groups in a SAML assertion, 200 in a JWT; past them it omits the
 * groups and sends an overage marker instead: `_claim_names`/`hasgroups` in tokens, `groups.link`
 * in SAML (https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference,
 * https://learn.microsoft.com/entra/identity-platform/reference-saml-tokens).
 */
export const SAML_GROUP_LIMIT = 150;
export const TOKEN_GROUP_LIMIT = 200;

function claimNamesGroups(record: Json): boolean {
  const names = record['_claim_names'];
  return isRecord(names) && 'groups' in names;
}

/** Overage in a token's claims or in a get-identity answer (top level, OIDC fields, SAML attributes). */
export function overage(raw: unknown): string | undefined {
  if (!isRecord(raw)) return undefined;
  const oidc = isRecord(raw['oidc_fields']) ? raw['oidc_fields'] : {};
  for (const record of [raw, oidc]) {
    if (claimNamesGroups(record)) return '_claim_names';
    if (record['hasgroups'] === true || record['hasgroups'] === 'true') return 'hasgroups';
    const groups = record['groups'];
    if (Array.isArray(groups) && groups.length > TOKEN_GROUP_LIMIT) return `${groups.length} groups`;
  }
  const saml = isRecord(raw['saml_attributes']) ? raw['saml_attributes'] : {};
  for (const [name, values] of Object.entries(saml)) {
    if (/(^|[/:.])groups\.link$/i.test(name)) return 'groups.link';
    if (Array.isArray(values) && values.length > SAML_GROUP_LIMIT) return `${values.length} SAML values`;
  }
  return undefined;
}

export interface TokenContext {
  kind: JwtKind;
  claims: JWTPayload;
  truncated: boolean;
  /** The Access team that issued the token (read-input.ts reads it from the issuer), if any. */
  team: string | undefined;
  nowMs: number;
  /** The reader's saved team name (the site's personalisation), if any. */
  savedTeam: string | undefined;
}

/** Seconds of clock difference forgiven, as this site's gate does (src/gate/verify-access-token.ts). */
const SKEW_S = 60;

export function diagnoseToken({ kind, claims, truncated, team, nowMs, savedTeam }: TokenContext): Diagnosis[] {
  const found: Diagnosis[] = [];
  const now = nowMs / 1000;
  if (truncated) found.push(diagnosis('jwt-malformed'));
  if (typeof claims.exp === 'number' && claims.exp + SKEW_S < now) found.push(diagnosis('jwt-expired'));
  if (typeof claims.nbf === 'number' && claims.nbf - SKEW_S > now) found.push(diagnosis('jwt-not-yet-valid'));
  // Cleaned like every value shown (text()): a bidi override could make a foreign issuer read as
  // `…cloudflareaccess.com`, and a huge one would fill the page.
  if (kind !== 'access-jwt') found.push(diagnosis('not-access-issuer', text(claims.iss) ?? '(none)'));
  if (team && savedTeam && team !== savedTeam) found.push(diagnosis('team-mismatch', savedTeam));
  if (kind === 'access-jwt' && claims.sub === '' && typeof claims['common_name'] === 'string' && claims['common_name']) {
    found.push(diagnosis('service-token'));
  }
  const marker = overage(claims);
  if (marker) found.push(diagnosis('group-overage', marker));
  if (groupsFrom(claims['groups']).some((group) => group.idOnly)) found.push(diagnosis('groups-are-object-ids'));
  return found;
}

export function diagnoseIdentity(identity: Identity, raw: unknown, verdicts: DemoVerdict[]): Diagnosis[] {
  const found: Diagnosis[] = [];
  const marker = overage(raw);
  const gated = verdicts.some((verdict) => verdict.reason !== 'any-user');
  if (marker) found.push(diagnosis('group-overage', marker));
  else if (identity.groups.length === 0 && gated) found.push(diagnosis('groups-missing'));
  if (verdicts.some((verdict) => verdict.reason === 'ids')) found.push(diagnosis('groups-are-object-ids'));
  if (verdicts.some((verdict) => verdict.reason === 'provider' && verdict.holdsGroup)) found.push(diagnosis('idp-cannot-match-rule'));
  return found;
}

/** get-identity's `{"err": ...}`, no session, or a host not behind Access (the report's `cause` says which). */
export const identityError = (detail: string): Diagnosis => diagnosis('identity-error', detail);
