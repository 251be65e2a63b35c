import { createHash, generateKeyPairSync, randomBytes, sign, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What GitHub's GET /user answers, plus the addresses GET /user/emails lists. */
export interface GitHubProfile {
  id: number;
  login: string;
  name: string | null;
  /** The public address; null when the user keeps it private (then only /user/emails has it). */
  email: string | null;
  avatar_url: string;
  emails: Array<{
    email: string;
    primary: boolean;
    verified: boolean;
    visibility: 'public' | 'private' | null;
  }>;
}

/** What Google's userinfo endpoint (and the ID token) says about a user. */
export interface GoogleProfile {
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
  picture: string;
}

type ProviderName = 'github' | 'google';

/** One HTTP request as the fake received it, for tests to assert on. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  form: Record<string, string>;
}

export interface IssuedTokens {
  provider: ProviderName;
  accessToken: string;
  refreshToken: string | undefined;
  idToken: string | undefined;
}

interface Grant {
  provider: ProviderName;
  clientId: string;
  redirectUri: string;
  scope: string;
  codeChallenge: string | undefined;
  nonce: string | undefined;
  accessType: string | undefined;
  profile: GitHubProfile | GoogleProfile;
  expiresAt: number;
}

const CODE_TTL_MS = 10 * 60_000;
const GITHUB_PATHS = { authorize: '/login/oauth/authorize', token: '/login/oauth/access_token' };
const GOOGLE_PATHS = { authorize: '/o/oauth2/v2/auth', token: '/token', userinfo: '/v1/userinfo' };

/**
 * GitHub's and Google's OAuth 2.0 authorization-code flows on one loopback server. The authorization
 * endpoints approve at once (the user "clicks Allow") and redirect back with a code bound to the client,
 * redirect URI, PKCE challenge and the profile queued with `nextGitHubUser`/`nextGoogleUser`. Codes are
 * single-use and expire after ten minutes, as the real ones do; `expireCodes()` stands in for the wait.
 */
export class FakeOAuthProvider {
  readonly clients = {
    github: { id: 'Iv1.fakegithubclient', secret: randomBytes(20).toString('hex') },
    google: {
      id: 'fake-client.apps.googleusercontent.com',
      secret: `GOCSPX-${randomBytes(14).toString('hex')}`,
    },
  };
  readonly received: ReceivedRequest[] = [];
  readonly issued: IssuedTokens[] = [];
  baseUrl = '';

  // A body that does not parse is answered as both providers do.
  private readonly server = createServer((req, res) => {
    this.handle(req, res).catch(() => sendJson(res, 400, { error: 'invalid_request' }));
  });
  private readonly redirectUris: Record<ProviderName, string>;
  private readonly codes = new Map<string, Grant>();
  private readonly accessTokens = new Map<string, Grant>();
  private readonly queued: { github: GitHubProfile[]; google: GoogleProfile[] } = { github: [], google: [] };
  private readonly signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

  private constructor(redirectUris: Record<ProviderName, string>) {
    this.redirectUris = redirectUris;
  }

  /** Starts on 127.0.0.1 with a free port; `redirectUris` are the callbacks registered for the app. */
  static async start(redirectUris: Record<ProviderName, string>): Promise<FakeOAuthProvider> {
    const fake = new FakeOAuthProvider(redirectUris);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.baseUrl = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** The environment that points Agency OS at this fake. */
  env(): Record<string, string> {
    return {
      GITHUB_CLIENT_ID: this.clients.github.id,
      GITHUB_CLIENT_SECRET: this.clients.github.secret,
      GITHUB_OAUTH_URL: this.baseUrl,
      GITHUB_API_URL: this.baseUrl,
      GOOGLE_CLIENT_ID: this.clients.google.id,
      GOOGLE_CLIENT_SECRET: this.clients.google.secret,
      GOOGLE_AUTHORIZATION_URL: `${this.baseUrl}${GOOGLE_PATHS.authorize}`,
      GOOGLE_TOKEN_URL: `${this.baseUrl}${GOOGLE_PATHS.token}`,
      GOOGLE_USERINFO_URL: `${this.baseUrl}${GOOGLE_PATHS.userinfo}`,
    };
  }

  nextGitHubUser(profile: GitHubProfile): void {
    this.queued.github.push(profile);
  }

  nextGoogleUser(profile: GoogleProfile): void {
    this.queued.google.push(profile);
  }

  /** Lets every outstanding authorization code run past its lifetime. */
  expireCodes(): void {
    for (const grant of this.codes.values()) grant.expiresAt = 0;
  }

  requestsTo(path: string): ReceivedRequest[] {
    return this.received.filter((r) => r.path === path);
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const request: ReceivedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      form: await readForm(req),
    };
    this.received.push(request);
    const route = `${request.method} ${request.path}`;
    if (route === `GET ${GITHUB_PATHS.authorize}`) return this.authorize('github', request, res);
    if (route === `GET ${GOOGLE_PATHS.authorize}`) return this.authorize('google', request, res);
    if (route === `POST ${GITHUB_PATHS.token}`) return this.githubToken(request, res);
    if (route === `POST ${GOOGLE_PATHS.token}`) return this.googleToken(request, res);
    if (route === 'GET /user') return this.githubApi(request, res, githubUser);
    if (route === 'GET /user/emails') return this.githubApi(request, res, githubEmails);
    if (route === `GET ${GOOGLE_PATHS.userinfo}`) return this.googleUserInfo(request, res);
    sendJson(res, 404, { message: 'Not Found' });
  }

  /** The consent screen, already approved: back to the app with a code and the app's own state. */
  private authorize(provider: ProviderName, request: ReceivedRequest, res: ServerResponse): void {
    const q = request.query;
    if (q.client_id !== this.clients[provider].id) return sendText(res, 400, 'unknown client_id');
    if (q.redirect_uri !== this.redirectUris[provider]) return sendText(res, 400, 'redirect_uri_mismatch');
    if (provider === 'google' && q.response_type !== 'code') {
      return sendText(res, 400, 'unsupported_response_type');
    }
    if (q.code_challenge !== undefined && q.code_challenge_method !== 'S256') {
      return sendText(res, 400, 'code_challenge_method must be S256');
    }
    const profile = this.queued[provider].shift();
    if (!profile) return sendText(res, 500, `test did not queue a ${provider} user`);
    const code = randomBytes(10).toString('hex');
    this.codes.set(code, {
      provider,
      clientId: q.client_id,
      redirectUri: q.redirect_uri,
      scope: q.scope ?? '',
      codeChallenge: q.code_challenge,
      nonce: q.nonce,
      accessType: q.access_type,
      profile,
      expiresAt: Date.now() + CODE_TTL_MS,
    });
    const back = new URL(q.redirect_uri);
    back.searchParams.set('code', code);
    if (q.state !== undefined) back.searchParams.set('state', q.state);
    if (provider === 'google') {
      back.searchParams.set('scope', q.scope ?? '');
      back.searchParams.set('authuser', '0');
      back.searchParams.set('prompt', 'consent');
    }
    res.writeHead(302, { location: back.toString() }).end();
  }

  /** Checks a code exchange the way both providers do; returns the grant or the OAuth error code. */
  private redeem(
    provider: ProviderName,
    form: Record<string, string>,
    basic: Credentials | undefined,
  ): { grant: Grant } | { error: string } {
    const clientId = basic?.id ?? form.client_id;
    const clientSecret = basic?.secret ?? form.client_secret;
    const client = this.clients[provider];
    if (clientId !== client.id || !clientSecret || !safeEqual(clientSecret, client.secret)) {
      return { error: provider === 'github' ? 'incorrect_client_credentials' : 'invalid_client' };
    }
    const grant = form.code ? this.codes.get(form.code) : undefined;
    if (form.code) this.codes.delete(form.code);
    if (
      !grant ||
      grant.provider !== provider ||
      grant.clientId !== clientId ||
      grant.expiresAt <= Date.now()
    ) {
      return { error: provider === 'github' ? 'bad_verification_code' : 'invalid_grant' };
    }
    if (form.redirect_uri !== undefined && form.redirect_uri !== grant.redirectUri) {
      return { error: provider === 'github' ? 'redirect_uri_mismatch' : 'invalid_grant' };
    }
    if (grant.codeChallenge !== undefined && !pkceMatches(grant.codeChallenge, form.code_verifier)) {
      return { error: 'invalid_grant' };
    }
    return { grant };
  }

  /** GitHub answers 200 even for errors, JSON only when asked, form-encoded otherwise. */
  private githubToken(request: ReceivedRequest, res: ServerResponse): void {
    const result = this.redeem('github', request.form, undefined);
    const body: Record<string, string | number> =
      'error' in result ? { error: result.error } : this.issueGitHubTokens(result.grant);
    if (request.headers.accept?.includes('application/json')) return sendJson(res, 200, body);
    const form = new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, String(v)]));
    res
      .writeHead(200, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' })
      .end(form.toString());
  }

  /** A GitHub App's expiring user token: access token for 8 hours, refresh token for six months. */
  private issueGitHubTokens(grant: Grant) {
    const tokens = this.issue(
      grant,
      `gho_${randomBytes(18).toString('hex')}`,
      `ghr_${randomBytes(38).toString('hex')}`,
    );
    return {
      access_token: tokens.accessToken,
      expires_in: 28_800,
      refresh_token: tokens.refreshToken!,
      refresh_token_expires_in: 15_897_600,
      scope: grant.scope.split(' ').filter(Boolean).join(','),
      token_type: 'bearer',
    };
  }

  private googleToken(request: ReceivedRequest, res: ServerResponse): void {
    if (request.form.grant_type !== 'authorization_code') {
      return sendJson(res, 400, { error: 'unsupported_grant_type' });
    }
    const result = this.redeem('google', request.form, basicCredentials(request.headers.authorization));
    if ('error' in result) return sendJson(res, result.error === 'invalid_client' ? 401 : 400, result);
    const { grant } = result;
    const profile = grant.profile as GoogleProfile;
    const offline = grant.accessType === 'offline';
    const idToken = grant.scope.split(' ').includes('openid') ? this.idToken(grant, profile) : undefined;
    const tokens = this.issue(
      grant,
      `ya29.${randomBytes(24).toString('base64url')}`,
      offline ? `1//${randomBytes(24).toString('base64url')}` : undefined,
      idToken,
    );
    sendJson(res, 200, {
      access_token: tokens.accessToken,
      expires_in: 3599,
      ...(tokens.refreshToken ? { refresh_token: tokens.refreshToken } : {}),
      scope: grant.scope,
      token_type: 'Bearer',
      ...(idToken ? { id_token: idToken } : {}),
    });
  }

  private issue(grant: Grant, accessToken: string, refreshToken?: string, idToken?: string): IssuedTokens {
    const tokens = { provider: grant.provider, accessToken, refreshToken, idToken };
    this.accessTokens.set(accessToken, grant);
    this.issued.push(tokens);
    return tokens;
  }

  /** An RS256 ID token with Google's claims (email and profile claims follow the granted scopes). */
  private idToken(grant: Grant, profile: GoogleProfile): string {
    const now = Math.floor(Date.now() / 1000);
    const scopes = grant.scope.split(' ');
    const claims = {
      iss: this.baseUrl,
      azp: grant.clientId,
      aud: grant.clientId,
      sub: profile.sub,
      ...(scopes.includes('email') ? { email: profile.email, email_verified: profile.email_verified } : {}),
      ...(scopes.includes('profile') ? { name: profile.name, picture: profile.picture } : {}),
      ...(grant.nonce ? { nonce: grant.nonce } : {}),
      iat: now,
      exp: now + 3600,
    };
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const signed = `${encode({ alg: 'RS256', kid: 'fake', typ: 'JWT' })}.${encode(claims)}`;
    return `${signed}.${sign('sha256', Buffer.from(signed), this.signingKey).toString('base64url')}`;
  }

  /** GitHub's REST API accepts `Bearer` and the older `token` scheme. */
  private githubApi(
    request: ReceivedRequest,
    res: ServerResponse,
    answer: (profile: GitHubProfile, scope: string) => { status: number; body: unknown },
  ): void {
    const match = /^(?:bearer|token) (.+)$/i.exec(request.headers.authorization ?? '');
    if (!match) return sendJson(res, 401, { message: 'Requires authentication', status: '401' });
    const grant = this.accessTokens.get(match[1]!);
    if (!grant || grant.provider !== 'github') {
      return sendJson(res, 401, { message: 'Bad credentials', status: '401' });
    }
    const { status, body } = answer(grant.profile as GitHubProfile, grant.scope);
    sendJson(res, status, body);
  }

  private googleUserInfo(request: ReceivedRequest, res: ServerResponse): void {
    const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
    const grant = match ? this.accessTokens.get(match[1]!) : undefined;
    if (!grant || grant.provider !== 'google') {
      res.setHeader('www-authenticate', 'Bearer realm="https://accounts.google.com/", error="invalid_token"');
      return sendJson(res, 401, { error: 'invalid_request', error_description: 'Invalid Credentials' });
    }
    const p = grant.profile as GoogleProfile;
    sendJson(res, 200, {
      sub: p.sub,
      email: p.email,
      email_verified: p.email_verified,
      name: p.name,
      picture: p.picture,
    });
  }
}

function githubUser(p: GitHubProfile) {
  return {
    status: 200,
    body: { login: p.login, id: p.id, avatar_url: p.avatar_url, type: 'User', name: p.name, email: p.email },
  };
}

/** Needs the `user:email` scope, as on GitHub. */
function githubEmails(p: GitHubProfile, scope: string) {
  if (!scope.split(/[ ,]/).includes('user:email')) return { status: 404, body: { message: 'Not Found' } };
  return { status: 200, body: p.emails };
}

interface Credentials {
  id: string;
  secret: string;
}

function basicCredentials(header: string | undefined): Credentials | undefined {
  const match = /^Basic (.+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const [id, secret] = Buffer.from(match[1]!, 'base64').toString().split(':');
  return id && secret ? { id: decodeURIComponent(id), secret: decodeURIComponent(secret) } : undefined;
}

function pkceMatches(challenge: string, verifier: string | undefined): boolean {
  if (!verifier) return false;
  return safeEqual(createHash('sha256').update(verifier).digest('base64url'), challenge);
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The request body as form fields: token endpoints take form-encoded or JSON bodies. */
async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString();
  if (text === '') return {};
  if (req.headers['content-type']?.includes('application/json')) {
    return Object.fromEntries(
      Object.entries(JSON.parse(text) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
    );
  }
  return Object.fromEntries(new URLSearchParams(text));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
}
