/**
 * Says what the reader pasted: an Access token, an Entra ID token, another JWT, a get-identity
 * answer (an identity or its `{"err": ...}`), or something else. Decoding only: no signature is
 * checked here (that happens at Cloudflare's edge and in this site's gate, src/gate/). Never
 * throws, whatever the input.
 *
 * JWTs are decoded with jose's decodeProtectedHeader and decodeJwt
 * (https://github.com/panva/jose/blob/main/docs/util/decode_jwt/functions/decodeJwt.md);
 * get-identity answers go through the identity card's own parser (src/identity/).
 */
import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { AUTH_COOKIE } from '../access/protocol.ts';
import { classifyAnswer } from '../identity/classify-answer.ts';
import type { Identity } from '../identity/parse-identity.ts';

export type InputKind = 'access-jwt' | 'entra-jwt' | 'jwt' | 'identity' | 'identity-error' | 'invalid';
export type JwtKind = 'access-jwt' | 'entra-jwt' | 'jwt';

export type ReadInput =
  | { kind: 'empty' }
  /** `team`: the Access team in the issuer, for an Access token. */
  | { kind: JwtKind; header: ProtectedHeaderParameters; claims: JWTPayload; truncated: boolean; team: string | undefined }
  | { kind: 'identity'; identity: Identity; raw: unknown }
  | { kind: 'identity-error'; detail: string }
  /** `malformed`: it starts like a JWT but does not decode (cut off or corrupted while copying). */
  | { kind: 'invalid'; malformed: boolean };

/** Far above any real token or identity; longer input is not read: it is `invalid`, not a token or an identity. */
export const MAX_INPUT = 2_000_000;

/** `https://<team>.cloudflareaccess.com`, the issuer of every Access token of that team. */
const ACCESS_ISSUER = /^https:\/\/([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\.cloudflareaccess\.com\/?$/;
/** Entra ID v1 and v2 issuers (learn.microsoft.com/entra/identity-platform/id-token-claims-reference). */
const ENTRA_ISSUER = /^https:\/\/(?:login\.microsoftonline\.(?:com|us)\/[^/]+\/v2\.0|sts\.windows\.net\/[^/]+\/?)$/i;
const JWT_START = /^eyJ[A-Za-z0-9_-]*\.?/;
/** The Access cookie among others in a Cookie header (the name has no regular-expression syntax). */
const AUTH_COOKIE_VALUE = new RegExp(`(?:^|[;\\s])${AUTH_COOKIE}=([^;\\s]+)`, 'i');

/** The team name in an Access issuer, or undefined. */
export function accessTeam(issuer: unknown): string | undefined {
  return typeof issuer === 'string' ? ACCESS_ISSUER.exec(issuer)?.[1] : undefined;
}

/**
 * The token in what was pasted: the value alone, a `Cf-Access-Jwt-Assertion: ...` header line,
 * a `CF_Authorization=...` cookie (among others), `Bearer ...`, with quotes or whitespace.
 */
export function tokenText(input: string): string {
  const text = input.trim().replace(/^["']|["']$/g, '');
  const cookie = AUTH_COOKIE_VALUE.exec(text);
  if (cookie?.[1]) return cookie[1];
  return text
    .replace(/^[\w-]+:\s*/, '')
    .replace(/^Bearer\s+/i, '')
    .replace(/\s+/g, '');
}

/**
 * An RS256 signature is as long as the key's modulus: 256 bytes (342 base64url characters) for
 * the 2048-bit keys Access and Entra use. A shorter one was cut off while copying.
 */
function signatureLooksCut(token: string, header: ProtectedHeaderParameters): boolean {
  const signature = token.split('.')[2] ?? '';
  if (!signature) return true;
  const bytes = Math.floor((signature.length * 3) / 4);
  return /^RS|^PS/.test(header.alg ?? '') && ![128, 256, 384, 512].includes(bytes);
}

function jwtKind(claims: JWTPayload, team: string | undefined): JwtKind {
  if (team) return 'access-jwt';
  if (typeof claims.iss === 'string' && ENTRA_ISSUER.test(claims.iss)) return 'entra-jwt';
  return 'jwt';
}

function readJwt(input: string): ReadInput {
  const token = tokenText(input);
  try {
    const header = decodeProtectedHeader(token);
    const claims = decodeJwt(token);
    const team = accessTeam(claims.iss);
    return { kind: jwtKind(claims, team), header, claims, truncated: signatureLooksCut(token, header), team };
  } catch {
    return { kind: 'invalid', malformed: true };
  }
}

function readJson(input: string): ReadInput {
  const outcome = classifyAnswer({ status: 200, contentType: 'application/json', body: input });
  if (outcome.state === 'ready') return { kind: 'identity', identity: outcome.identity, raw: outcome.raw };
  // classifyAnswer calls `{"err": "..."}` signed out: get-identity's answer without a session.
  if (outcome.state === 'signed-out') return { kind: 'identity-error', detail: outcome.detail };
  return { kind: 'invalid', malformed: false };
}

export function readInput(input: string): ReadInput {
  const text = input.trim();
  if (!text) return { kind: 'empty' };
  if (text.length > MAX_INPUT) return { kind: 'invalid', malformed: false };
  if (/^[[{]/.test(text)) return readJson(text);
  if (JWT_START.test(tokenText(text))) return readJwt(text);
  return { kind: 'invalid', malformed: false };
}
