/** A small local OpenID Connect provider speaking the real protocol (discovery, authorize with
 *  PKCE S256, token endpoint, JWKS, RS256 ID tokens), so single sign-on is tested end to end
 *  without an external identity service. Tests choose who "logs in" and can make it misbehave. */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeLogin {
  sub: string;
  email: string;
  name?: string;
  groups?: string[];
  emailVerified?: boolean;
}

/** Ways the next ID token is broken, to check the relying party refuses it. */
export type TokenFault = 'none' | 'foreign-key' | 'wrong-audience' | 'wrong-issuer' | 'wrong-nonce' | 'expired' | 'alg-none' | 'tampered-payload';

interface IssuedCode {
  login: FakeLogin;
  clientId: string;
  redirectUri: string;
  nonce: string;
  codeChallenge: string;
}

export class FakeIdp {
  readonly clientId = 'aiser-test-client';
  nextLogin: FakeLogin = { sub: 'user-1', email: 'person@example.com', groups: [] };
  nextFault: TokenFault = 'none';
  /** PKCE verifiers the token endpoint received (checked against the challenge). */
  readonly tokenRequests: Array<{ code: string; verifierMatched: boolean }> = [];
  private readonly codes = new Map<string, IssuedCode>();
  private readonly key = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly foreignKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly kid = 'fake-idp-key-1';
  private readonly server = http.createServer((req, res) => void this.handle(req, res).catch((error: unknown) => {
    res.writeHead(500).end(String(error));
  }));
  issuer = '';

  static async start(): Promise<FakeIdp> {
    const idp = new FakeIdp();
    await new Promise<void>((resolve) => idp.server.listen(0, '127.0.0.1', resolve));
    idp.issuer = `http://127.0.0.1:${(idp.server.address() as AddressInfo).port}/realms/test`;
    return idp;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.issuer);
    const path = url.pathname.replace('/realms/test', '');
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (path === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: this.issuer, authorization_endpoint: `${this.issuer}/protocol/openid-connect/auth`, token_endpoint: `${this.issuer}/protocol/openid-connect/token`,
        jwks_uri: `${this.issuer}/protocol/openid-connect/certs`, response_types_supported: ['code'], code_challenge_methods_supported: ['S256'],
        id_token_signing_alg_values_supported: ['RS256'], subject_types_supported: ['public'],
      });
    }
    if (path === '/protocol/openid-connect/certs') {
      return json(200, { keys: [{ ...this.key.publicKey.export({ format: 'jwk' }), kid: this.kid, use: 'sig', alg: 'RS256' }] });
    }
    if (path === '/protocol/openid-connect/auth') return this.authorize(url, res);
    if (path === '/protocol/openid-connect/token' && req.method === 'POST') return this.token(await readBody(req), json);
    return json(404, { error: 'not_found' });
  }

  /** Signs the chosen person in at once and redirects back with a code, as a real provider would after its login page. */
  private authorize(url: URL, res: http.ServerResponse): void {
    const p = url.searchParams;
    const missing = ['response_type', 'client_id', 'redirect_uri', 'state', 'nonce', 'code_challenge'].filter((k) => !p.get(k));
    if (missing.length || p.get('response_type') !== 'code' || p.get('code_challenge_method') !== 'S256' || p.get('client_id') !== this.clientId || !p.get('scope')?.split(' ').includes('openid')) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(`invalid authorization request (${missing.join(', ') || 'bad parameters'})`);
      return;
    }
    const code = crypto.randomBytes(16).toString('base64url');
    this.codes.set(code, { login: this.nextLogin, clientId: this.clientId, redirectUri: p.get('redirect_uri') ?? '', nonce: p.get('nonce') ?? '', codeChallenge: p.get('code_challenge') ?? '' });
    const back = new URL(p.get('redirect_uri') ?? '');
    back.searchParams.set('code', code);
    back.searchParams.set('state', p.get('state') ?? '');
    res.writeHead(302, { location: back.toString() }).end();
  }

  private token(form: URLSearchParams, json: (status: number, body: unknown) => void): void {
    const code = form.get('code') ?? '';
    const issued = this.codes.get(code);
    this.codes.delete(code); // codes are single use
    const verifier = form.get('code_verifier') ?? '';
    const verifierMatched = !!issued && crypto.createHash('sha256').update(verifier).digest('base64url') === issued.codeChallenge;
    this.tokenRequests.push({ code, verifierMatched });
    if (!issued || form.get('grant_type') !== 'authorization_code' || form.get('client_id') !== issued.clientId || form.get('redirect_uri') !== issued.redirectUri) {
      return json(400, { error: 'invalid_grant' });
    }
    if (!verifierMatched) return json(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
    return json(200, { access_token: 'opaque', token_type: 'Bearer', expires_in: 300, id_token: this.idToken(issued) });
  }

  private idToken(issued: IssuedCode): string {
    const fault = this.nextFault;
    this.nextFault = 'none';
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: fault === 'wrong-issuer' ? 'http://127.0.0.1:1/realms/evil' : this.issuer,
      sub: issued.login.sub, aud: fault === 'wrong-audience' ? 'another-app' : issued.clientId,
      exp: fault === 'expired' ? now - 3600 : now + 300, iat: fault === 'expired' ? now - 3900 : now,
      nonce: fault === 'wrong-nonce' ? 'replayed-nonce' : issued.nonce,
      email: issued.login.email, email_verified: issued.login.emailVerified ?? true, name: issued.login.name, groups: issued.login.groups ?? [],
    };
    const header = { alg: fault === 'alg-none' ? 'none' : 'RS256', typ: 'JWT', kid: fault === 'foreign-key' ? 'attacker-key' : this.kid };
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const signingInput = `${encode(header)}.${encode(claims)}`;
    if (fault === 'alg-none') return `${signingInput}.`;
    const signature = crypto.sign('RSA-SHA256', Buffer.from(signingInput), fault === 'foreign-key' ? this.foreignKey.privateKey : this.key.privateKey).toString('base64url');
    if (fault === 'tampered-payload') return `${encode(header)}.${encode({ ...claims, email: 'ceo@example.com', groups: ['aiser-admins'] })}.${signature}`;
    return `${signingInput}.${signature}`;
  }
}

function readBody(req: http.IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}
