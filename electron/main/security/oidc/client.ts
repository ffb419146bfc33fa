import crypto from 'node:crypto';
import { AuthError } from '../auth';
import type { OidcConfig } from './config';
import type { Jwk } from './idToken';

interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  code_challenge_methods_supported?: string[];
}

const HTTP_TIMEOUT_MS = 10_000;
const METADATA_TTL_MS = 60 * 60_000;
/** An unknown key id triggers a JWKS refresh at most this often (key rotation without hammering the provider). */
const JWKS_REFRESH_MIN_MS = 60_000;

export interface AuthorizationRequest {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

function providerError(detail: string): AuthError {
  return new AuthError(`Single sign-on is unavailable: ${detail}.`, 'Try again in a minute; if it persists, ask your administrator to check AISER_OIDC_ISSUER.');
}

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS), redirect: 'error' });
  } catch (error) {
    throw providerError(`could not reach ${new URL(url).origin} (${error instanceof Error ? error.message : String(error)})`);
  }
  const text = await response.text();
  if (!response.ok) throw providerError(`${new URL(url).pathname} answered ${response.status}`);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw providerError(`${new URL(url).pathname} did not answer JSON`);
  }
}

const randomToken = () => crypto.randomBytes(32).toString('base64url');

/** The OpenID Connect relying-party side: discovery, authorization code + PKCE, token exchange, JWKS. */
export class OidcClient {
  private metadata: { value: ProviderMetadata; fetchedAt: number } | null = null;
  private keys: { value: Jwk[]; fetchedAt: number } | null = null;

  constructor(private readonly config: OidcConfig, private readonly now: () => number = Date.now) {}

  async discover(): Promise<ProviderMetadata> {
    if (this.metadata && this.now() - this.metadata.fetchedAt < METADATA_TTL_MS) return this.metadata.value;
    const value = await getJson<ProviderMetadata>(`${this.config.issuer}/.well-known/openid-configuration`);
    if (typeof value.issuer !== 'string' || value.issuer.replace(/\/+$/, '') !== this.config.issuer) throw providerError('the discovery document names another issuer');
    for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
      if (typeof value[field] !== 'string') throw providerError(`the discovery document has no ${field}`);
    }
    if (value.code_challenge_methods_supported && !value.code_challenge_methods_supported.includes('S256')) throw providerError('the provider does not support PKCE with S256');
    this.metadata = { value, fetchedAt: this.now() };
    return value;
  }

  /** A fresh authorization request: random state, nonce and PKCE verifier (S256 challenge). */
  async authorizationRequest(): Promise<AuthorizationRequest> {
    const metadata = await this.discover();
    const state = randomToken();
    const nonce = randomToken();
    const codeVerifier = randomToken();
    const url = new URL(metadata.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.config.clientId,
      redirect_uri: this.config.redirectUri,
      scope: this.config.scopes.join(' '),
      state,
      nonce,
      code_challenge: crypto.createHash('sha256').update(codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return { url: url.toString(), state, nonce, codeVerifier };
  }

  /** Exchanges the authorization code (with the PKCE verifier) for the ID token. */
  async exchangeCode(code: string, codeVerifier: string): Promise<string> {
    const metadata = await this.discover();
    const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: this.config.redirectUri, client_id: this.config.clientId, code_verifier: codeVerifier });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (this.config.clientSecret) {
      headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(this.config.clientId)}:${encodeURIComponent(this.config.clientSecret)}`).toString('base64')}`;
    }
    const tokens = await getJson<{ id_token?: unknown }>(metadata.token_endpoint, { method: 'POST', headers, body });
    if (typeof tokens.id_token !== 'string') throw providerError('the token endpoint returned no ID token');
    return tokens.id_token;
  }

  /** The signing key with this id from the provider's JWKS (refetched once when unknown). */
  async keyFor(kid: string | undefined): Promise<Jwk | null> {
    const find = (keys: Jwk[]) => keys.find((k) => (kid ? k.kid === kid : k.kty === 'RSA')) ?? null;
    const cached = this.keys ? find(this.keys.value) : null;
    if (cached) return cached;
    if (this.keys && this.now() - this.keys.fetchedAt < JWKS_REFRESH_MIN_MS) return null;
    const { jwks_uri } = await this.discover();
    const jwks = await getJson<{ keys?: Jwk[] }>(jwks_uri);
    this.keys = { value: Array.isArray(jwks.keys) ? jwks.keys : [], fetchedAt: this.now() };
    return find(this.keys.value);
  }
}
