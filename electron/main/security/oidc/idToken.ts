import crypto from 'node:crypto';
import { AuthError } from '../auth';

export interface IdTokenClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  iat: number;
  nonce?: string;
  azp?: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  [claim: string]: unknown;
}

export interface Jwk {
  kty: string;
  kid?: string;
  use?: string;
  alg?: string;
  n?: string;
  e?: string;
}

export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  nonce: string;
  /** Seconds since the epoch. */
  now: number;
  /** Finds the provider's signing key by key id (refreshing the JWKS when unknown). */
  keyFor(kid: string | undefined): Promise<Jwk | null>;
}

const CLOCK_SKEW_S = 60;

function refuse(detail: string): never {
  throw new AuthError(`Single sign-on failed: ${detail}.`, 'Try signing in again; if it keeps failing, ask your administrator to check the identity provider settings.');
}

function decodePart<T>(part: string | undefined, what: string): T {
  try {
    return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as T;
  } catch {
    return refuse(`the ID token ${what} is not valid JSON`);
  }
}

/** Verifies an ID token: RS256 signature by a key from the provider's JWKS, issuer, audience,
 *  authorized party, expiry, issue time and nonce. Returns its claims. */
export async function verifyIdToken(token: string, expected: IdTokenExpectations): Promise<IdTokenClaims> {
  const parts = token.split('.');
  if (parts.length !== 3) refuse('the ID token is not a signed JWT');
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = decodePart<{ alg?: string; kid?: string; typ?: string }>(headerPart, 'header');
  if (header.alg !== 'RS256') refuse(`the ID token is signed with ${String(header.alg)}, but only RS256 is accepted`);
  const jwk = await expected.keyFor(header.kid);
  if (!jwk || jwk.kty !== 'RSA' || (jwk.use && jwk.use !== 'sig') || (jwk.alg && jwk.alg !== 'RS256')) refuse('the ID token was signed by a key the identity provider does not publish');
  const publicKey = crypto.createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' });
  const signed = Buffer.from(`${headerPart}.${payloadPart}`);
  if (!crypto.verify('RSA-SHA256', signed, publicKey, Buffer.from(signaturePart, 'base64url'))) refuse('the ID token signature is invalid');

  const claims = decodePart<IdTokenClaims>(payloadPart, 'payload');
  if (typeof claims.iss !== 'string' || claims.iss.replace(/\/+$/, '') !== expected.issuer) refuse('the ID token comes from another issuer');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(expected.clientId)) refuse('the ID token was issued for another application');
  if (audiences.length > 1 && claims.azp !== expected.clientId) refuse('the ID token names another authorized party');
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_S < expected.now) refuse('the ID token has expired');
  if (typeof claims.iat !== 'number' || claims.iat - CLOCK_SKEW_S > expected.now) refuse('the ID token is dated in the future');
  if (claims.nonce !== expected.nonce) refuse('the ID token does not belong to this sign-in (nonce mismatch)');
  if (typeof claims.sub !== 'string' || !claims.sub) refuse('the ID token has no subject');
  return claims;
}
