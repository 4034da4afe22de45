/**
 * Verifies a Cloudflare Access application token (the `Cf-Access-Jwt-Assertion` header) the way
 * Cloudflare documents it: RS256 signature by a key of the team, issuer = team domain, audience
 * = one of the application's AUD tags, and a valid time window (60 s clock tolerance).
 */
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

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
  /** `keysUnavailable`: the certs endpoint could not be read, a fault on our side, not the visitor's. */
  | { ok: false; reason: string; keysUnavailable?: boolean };

function failure(error: unknown): { ok: false; reason: string; keysUnavailable?: boolean } {
  if (error instanceof errors.JWKSTimeout || (error instanceof errors.JOSEError && error.code === 'ERR_JWKS_INVALID')) {
    return { ok: false, reason: 'the Access signing keys could not be loaded', keysUnavailable: true };
  }
  if (error instanceof TypeError) {
    // fetch() of the certs endpoint failed (DNS, connection refused...).
    return { ok: false, reason: 'the Access signing keys could not be loaded', keysUnavailable: true };
  }
  return { ok: false, reason: reasonFor(error) };
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

export async function verifyAccessToken(token: string | null, options: VerifyOptions): Promise<VerifyResult> {
  if (!token) return { ok: false, reason: 'the request carries no Access token' };
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'the Access token is too large' };
  try {
    const { payload } = await jwtVerify(token, options.keys, {
      algorithms: ['RS256'],
      issuer: options.issuer,
      audience: options.audiences,
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ['exp', 'aud', 'iss'],
    });
    return { ok: true, payload };
  } catch (error) {
    return failure(error);
  }
}
