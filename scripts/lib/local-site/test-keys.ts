/**
 * Test stand-ins for Cloudflare Access: an RSA key pair and a token minter that signs tokens the
 * way Access does (RS256, kid, iss = team domain, aud = [AUD tag], email, type "app").
 */
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload } from 'jose';

export const TEST_KID = 'test-key-1';

export interface TestKeys {
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function createTestKeys(kid = TEST_KID): Promise<TestKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { privateJwk, publicJwk };
}

export interface MintOptions {
  issuer: string;
  audience: string | string[];
  email?: string;
  kid?: string;
  expiresIn?: string | number;
  notBefore?: string | number;
  extra?: JWTPayload;
}

export async function mintAccessToken(keys: TestKeys, options: MintOptions): Promise<string> {
  const key = await importJWK(keys.privateJwk, 'RS256');
  const jwt = new SignJWT({ email: options.email ?? 'jane@barbicancloud.co.uk', type: 'app', ...options.extra })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? keys.privateJwk.kid ?? TEST_KID, typ: 'JWT' })
    .setIssuer(options.issuer)
    .setAudience(Array.isArray(options.audience) ? options.audience : [options.audience])
    .setSubject('7d0e8b7a-1111-4222-8333-444455556666')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m');
  if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
  return jwt.sign(key);
}

/** A deterministic, valid-looking AUD tag (64 hex characters) per label. */
export function audTag(label: string): string {
  let hex = '';
  for (let i = 0; hex.length < 64; i++) hex += ((label.charCodeAt(i % label.length) * (i + 7)) % 256).toString(16).padStart(2, '0');
  return hex.slice(0, 64);
}
