/**
 * Verifies a Cloudflare Access application token (the `Cf-Access-Jwt-Assertion` header) the way
 * Cloudflare documents it: RS256 signature by a key of the team, issuer = team domain, audience
 * = one of the application's AUD tags, and a valid time window (60 s clock tolerance).
 */
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { KeysUnavailable } from './key-fault.ts';

/** A real Access token is 1–2 KB; anything far larger is refused before parsing. */
export const MAX_TOKEN_LENGTH = 8192;
export const CLOCK_TOLERANCE_S = 60;

export interface VerifyOptions {
  issuer: string;
  audiences: string[];
  keys: JWTVerifyGetKey;
}

export type VerifyResult =
  | { ok: true; payload: JWTPayload & { email?: string } }
  /** `keysUnavailable`: the signing keys could not be obtained, a fault on our side, not the visitor's. */
  | { ok: false; reason: string; keysUnavailable?: boolean };

/**
 * Sorts a failed verification: keys we could not obtain (503), or a token that is not good
 * enough (403). Anything else is not about the token at all but a bug in this code: it is
 * rethrown, and the gate answers 500.
 */
function failure(error: unknown): { ok: false; reason: string; keysUnavailable?: boolean } {
  if (error instanceof KeysUnavailable) return { ok: false, reason: error.message, keysUnavailable: true };
  // Safety nets, should jose itself time out or reject a key set that passed our reader.
  if (error instanceof errors.JWKSTimeout)
    return { ok: false, reason: 'the Access signing keys could not be loaded: the certs endpoint timed out', keysUnavailable: true };
  if (error instanceof errors.JWKSInvalid)
    return { ok: false, reason: 'the Access signing keys could not be loaded: the key set is not usable', keysUnavailable: true };
  if (error instanceof errors.JOSEError) return { ok: false, reason: reasonFor(error) };
  throw error;
}

function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the Access token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'the Access token was issued for a different application';
    if (error.claim === 'iss') return 'the Access token was issued by a different Access team';
    if (error.claim === 'nbf') return 'the Access token is not valid yet';
    return `the Access token's "${error.claim}" claim is not acceptable`;
  }
  if (error instanceof errors.JWKSNoMatchingKey) return 'the Access token was signed with a key this team does not publish';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the Access token uses a signing algorithm other than RS256';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the Access token signature is invalid';
  return 'the Access token is malformed';
}

type VerifyKey = JWTVerifyGetKey | CryptoKey;

function verifyWith(token: string, key: VerifyKey, options: VerifyOptions) {
  const verifyOptions = {
    algorithms: ['RS256'],
    issuer: options.issuer,
    audience: options.audiences,
    clockTolerance: CLOCK_TOLERANCE_S,
    requiredClaims: ['exp', 'aud', 'iss'],
  };
  return typeof key === 'function' ? jwtVerify(token, key, verifyOptions) : jwtVerify(token, key, verifyOptions);
}

/**
 * Several keys of the set fit the token (two keys share its `kid`, or it has no `kid`): try each
 * in turn, as jose documents for JWKSMultipleMatchingKeys
 * (https://github.com/panva/jose/blob/main/docs/jwks/local/functions/createLocalJWKSet.md), rather
 * than refuse the token as malformed: a key set with a repeated `kid` would otherwise lock
 * everyone out with a misleading reason.
 */
async function verifyWithEachKey(token: string, candidates: errors.JWKSMultipleMatchingKeys, options: VerifyOptions) {
  for await (const key of candidates) {
    try {
      return await verifyWith(token, key, options);
    } catch (error) {
      if (error instanceof errors.JWSSignatureVerificationFailed) continue;
      throw error;
    }
  }
  throw new errors.JWSSignatureVerificationFailed();
}

export async function verifyAccessToken(token: string | null, options: VerifyOptions): Promise<VerifyResult> {
  if (!token) return { ok: false, reason: 'the request carries no Access token' };
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'the Access token is too large' };
  try {
    try {
      return { ok: true, payload: (await verifyWith(token, options.keys, options)).payload };
    } catch (error) {
      if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
      return { ok: true, payload: (await verifyWithEachKey(token, error, options)).payload };
    }
  } catch (error) {
    return failure(error);
  }
}
