import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FakeOAuthProvider,
  type GitHubProfile,
  type GoogleProfile,
} from '../../../test/fakes/oauth-provider.ts';
import { newUser, sessionCookie, signIn } from '../../../test/factories.ts';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../../../test/test-app.ts';
import { accounts, users, verifications } from './identity.schema.ts';

let t: TestApp;
let fake: FakeOAuthProvider;
let seq = 0;
const unique = () => `${process.pid}-${Date.now().toString(36)}-${++seq}`;

beforeAll(async () => {
  fake = await FakeOAuthProvider.start({
    github: `${TEST_ORIGIN}/api/auth/callback/github`,
    google: `${TEST_ORIGIN}/api/auth/callback/google`,
  });
  t = await createTestApp(fake.env());
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

const me = (cookie: string) => t.request({ method: 'GET', url: '/api/me', headers: { cookie } });

function setCookies(header: string | string[] | undefined): string[] {
  return Array.isArray(header) ? header : header ? [header] : [];
}

/** The `Cookie` header a browser would send back after these Set-Cookie headers. */
function cookieHeader(header: string | string[] | undefined): string {
  return setCookies(header)
    .map((c) => c.split(';')[0]!)
    .join('; ');
}

/** A sign-up whose raw response the test inspects. */
function signUpResponse() {
  return t.request({
    method: 'POST',
    url: '/api/auth/sign-up/email',
    payload: { email: `cookie-${unique()}@example.test`, password: 'correct horse battery', name: 'C' },
  });
}

function hasSessionCookie(header: string | string[] | undefined): boolean {
  return setCookies(header).some((c) => /^agency_os\.session_token=[^;]+/.test(c) && !/Max-Age=0/i.test(c));
}

describe('e-mail and password', () => {
  it('signs a new user up and in, and shows them at GET /api/me', async () => {
    const email = `signup-${unique()}@example.test`;
    const up = await t.request({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      payload: { email, password: 'correct horse battery', name: 'Ada Lovelace' },
    });
    expect(up.statusCode).toBe(200);
    const cookie = sessionCookie(up.headers['set-cookie']);

    const shown = await me(cookie);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({
      user: { email, name: 'Ada Lovelace', timezone: 'UTC' },
      auth: { method: 'session', workspace_id: null },
      workspaces: [],
    });

    const again = await signIn(t, email, 'correct horse battery');
    expect(again.statusCode).toBe(200);
    expect((await me(sessionCookie(again.headers['set-cookie']))).json().user.email).toBe(email);
  });

  it('stores the password only as an argon2id hash', async () => {
    const user = await newUser(t);
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.userId, user.id));
    expect(account!.providerId).toBe('credential');
    expect(account!.password).toMatch(/^\$argon2id\$/);
    expect(account!.password).not.toContain(user.password);
  });

  it('answers a wrong password and an unknown e-mail alike, without a session', async () => {
    const user = await newUser(t);
    const wrongPassword = await signIn(t, user.email, 'not-the-password');
    const unknownEmail = await signIn(t, `nobody-${unique()}@example.test`, 'not-the-password');
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(wrongPassword.statusCode);
    expect(unknownEmail.json()).toEqual(wrongPassword.json());
    expect(wrongPassword.json()).toEqual({
      error: { code: 'INVALID_EMAIL_OR_PASSWORD', message: expect.any(String) },
    });
    expect(hasSessionCookie(wrongPassword.headers['set-cookie'])).toBe(false);
    expect(hasSessionCookie(unknownEmail.headers['set-cookie'])).toBe(false);
    // Both failures reach the structured log; neither password does.
    expect(
      t.logs.lines.filter((l) => l.component === 'auth' && l.level === 40).length,
    ).toBeGreaterThanOrEqual(2);
    expect(t.logs.raw.some((line) => line.includes('not-the-password'))).toBe(false);
  });

  it('signs out: the cookie no longer works', async () => {
    const user = await newUser(t);
    expect((await me(user.cookie)).statusCode).toBe(200);
    const out = await t.request({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: user.cookie },
    });
    expect(out.statusCode).toBe(200);
    const after = await me(user.cookie);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('answers GET /api/me without a session with 401 and the error shape', async () => {
    const response = await t.request({ method: 'GET', url: '/api/me' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'Authentication credentials were not provided.' },
    });
  });

  it('signs out every other session when the password changes, and keeps the one that changed it', async () => {
    const user = await newUser(t);
    const laptop = user.cookie;
    const phone = sessionCookie((await signIn(t, user.email, user.password)).headers['set-cookie']);
    expect((await me(phone)).statusCode).toBe(200);

    const change = await t.request({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: { cookie: laptop },
      payload: { currentPassword: user.password, newPassword: 'a-brand-new-password' },
    });
    expect(change.statusCode).toBe(200);
    // The session is rotated: the browser that changed the password gets a fresh cookie and stays in.
    const current = sessionCookie(change.headers['set-cookie']);
    expect((await me(current)).statusCode).toBe(200);
    expect((await me(laptop)).statusCode).toBe(401);
    expect((await me(phone)).statusCode).toBe(401);

    expect((await signIn(t, user.email, user.password)).statusCode).toBe(401);
    expect((await signIn(t, user.email, 'a-brand-new-password')).statusCode).toBe(200);
  });

  it('refuses cookie-authenticated auth writes from a foreign or missing Origin (CSRF)', async () => {
    const user = await newUser(t);
    const change = { currentPassword: user.password, newPassword: 'chosen-by-the-attacker' };
    for (const origin of ['https://evil.example', undefined]) {
      const headers = { cookie: user.cookie, ...(origin ? { origin } : {}) };
      const changed = await t.app.inject({
        method: 'POST',
        url: '/api/auth/change-password',
        headers,
        payload: change,
      });
      expect(changed.statusCode, origin).toBe(403);
      expect(changed.json().error.code).toMatch(/ORIGIN/);
      const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers });
      expect(out.statusCode, origin).toBe(403);
    }
    expect((await me(user.cookie)).statusCode).toBe(200);
    expect((await signIn(t, user.email, user.password)).statusCode).toBe(200);
  });

  it('sets the session cookie httpOnly and SameSite=Lax, without Secure on plain http', async () => {
    const up = await signUpResponse();
    const cookie = setCookies(up.headers['set-cookie']).find((c) =>
      c.startsWith('agency_os.session_token='),
    )!;
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).not.toMatch(/; Secure/i);
  });
});

describe('behind TLS (PUBLIC_URL is https)', () => {
  const origin = 'https://agency.example.test';
  let secure: TestApp;
  beforeAll(async () => {
    secure = await createTestApp({ PUBLIC_URL: origin });
  });
  afterAll(() => secure.close());

  it('marks the session cookie Secure, httpOnly and SameSite, and the cookie works', async () => {
    const email = `tls-${unique()}@example.test`;
    const up = await secure.request({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      headers: { origin },
      payload: { email, password: 'correct horse battery', name: 'Grace' },
    });
    expect(up.statusCode).toBe(200);
    const cookie = setCookies(up.headers['set-cookie']).find((c) => c.includes('agency_os.session_token='))!;
    expect(cookie).toMatch(/^__Secure-agency_os\.session_token=/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    const shown = await secure.request({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(shown.statusCode).toBe(200);
    expect(shown.json().user.email).toBe(email);
  });
});

describe('magic link', () => {
  async function requestLink(email: string): Promise<URL> {
    const sent = await t.request({ method: 'POST', url: '/api/auth/sign-in/magic-link', payload: { email } });
    expect(sent.statusCode).toBe(200);
    const mailbox = await t.request({
      method: 'GET',
      url: `/api/dev/mailbox?to=${encodeURIComponent(email)}&kind=magic_link`,
    });
    expect(mailbox.statusCode).toBe(200);
    const [mail] = mailbox.json<Array<{ text: string; subject: string }>>();
    const link = /(https?:\/\/\S+)/.exec(mail!.text)?.[1];
    expect(link).toBeDefined();
    return new URL(link!);
  }

  const follow = (link: URL) => t.request({ method: 'GET', url: `${link.pathname}${link.search}` });

  it('mails a link that signs an existing user in', async () => {
    const user = await newUser(t);
    const link = await requestLink(user.email);
    expect(link.origin).toBe(TEST_ORIGIN);
    const followed = await follow(link);
    expect(followed.statusCode).toBe(302);
    const shown = await me(sessionCookie(followed.headers['set-cookie']));
    expect(shown.json().user).toMatchObject({ id: user.id, email: user.email });
  });

  it('answers a request for a known and an unknown address alike', async () => {
    const user = await newUser(t);
    const ask = (email: string) =>
      t.request({ method: 'POST', url: '/api/auth/sign-in/magic-link', payload: { email } });
    const known = await ask(user.email);
    const unknown = await ask(`stranger-${unique()}@example.test`);
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toBe(known.body);
  });

  it('refuses to send the signed-in user on to a foreign site', async () => {
    const email = `redirect-${unique()}@example.test`;
    const sent = await t.request({
      method: 'POST',
      url: '/api/auth/sign-in/magic-link',
      payload: { email, callbackURL: 'https://evil.example/welcome' },
    });
    expect(sent.statusCode).toBe(403);
    expect(sent.json().error.code).toBe('INVALID_CALLBACK_URL');
    expect(await t.container.mailer.list({ to: email })).toEqual([]);
  });

  it('stores only a hash of the link token', async () => {
    const email = `hashed-${unique()}@example.test`;
    const link = await requestLink(email);
    const token = link.searchParams.get('token')!;
    const rows = await t.database.db.select().from(verifications);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.some((r) => r.identifier === magicLinkIdentifier(token))).toBe(true);
  });

  it('rejects a link that was already used', async () => {
    const user = await newUser(t);
    const link = await requestLink(user.email);
    expect(hasSessionCookie((await follow(link)).headers['set-cookie'])).toBe(true);
    const reused = await follow(link);
    expect(reused.statusCode).toBe(302);
    expect(new URL(reused.headers.location!, TEST_ORIGIN).searchParams.get('error')).toBe('INVALID_TOKEN');
    expect(hasSessionCookie(reused.headers['set-cookie'])).toBe(false);
  });

  it('rejects an expired link', async () => {
    const user = await newUser(t);
    const link = await requestLink(user.email);
    await t.database.db
      .update(verifications)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(verifications.identifier, magicLinkIdentifier(link.searchParams.get('token')!)));
    const followed = await follow(link);
    expect(followed.statusCode).toBe(302);
    expect(new URL(followed.headers.location!, TEST_ORIGIN).searchParams.get('error')).toBe('INVALID_TOKEN');
    expect(hasSessionCookie(followed.headers['set-cookie'])).toBe(false);
  });
});

/** better-auth keeps a magic link as `magic-link:` + base64url(SHA-256(token)). */
function magicLinkIdentifier(token: string): string {
  return `magic-link:${createHash('sha256').update(token).digest('base64url')}`;
}

describe('OAuth', () => {
  function githubProfile(): GitHubProfile {
    const id = unique();
    return {
      id: 40_000_000 + seq,
      login: `octo-${id}`,
      name: `Octo ${id}`,
      email: null,
      avatar_url: `https://avatars.example.test/u/${id}`,
      emails: [
        { email: `octo-${id}@users.noreply.example.test`, primary: false, verified: true, visibility: null },
        { email: `octo-${id}@example.test`, primary: true, verified: true, visibility: 'private' },
      ],
    };
  }

  function googleProfile(): GoogleProfile {
    const id = unique();
    return {
      sub: `1${Date.now()}${seq}`,
      email: `g-${id}@example.test`,
      email_verified: true,
      name: `Goo ${id}`,
      picture: `https://lh3.example.test/${id}`,
    };
  }

  /** Starts the sign-in as the web app does, and lets the provider's consent screen redirect back. */
  async function authorize(provider: 'github' | 'google') {
    const start = await t.request({ method: 'POST', url: '/api/auth/sign-in/social', payload: { provider } });
    expect(start.statusCode).toBe(200);
    const authorizeUrl = new URL(start.json<{ url: string }>().url);
    expect(start.headers.location).toBe(authorizeUrl.toString());
    const consent = await fetch(authorizeUrl, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const callback = new URL(consent.headers.get('location')!);
    return { authorizeUrl, callback, cookie: cookieHeader(start.headers['set-cookie']) };
  }

  const callBack = (url: URL, cookie: string) =>
    t.request({ method: 'GET', url: `${url.pathname}${url.search}`, headers: cookie ? { cookie } : {} });

  it('signs a new user in with GitHub, with the primary verified address', async () => {
    const profile = githubProfile();
    fake.nextGitHubUser(profile);
    const { authorizeUrl, callback, cookie } = await authorize('github');
    expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(`${fake.baseUrl}/login/oauth/authorize`);
    expect(callback.origin + callback.pathname).toBe(`${TEST_ORIGIN}/api/auth/callback/github`);
    expect(callback.searchParams.get('state')).toBe(authorizeUrl.searchParams.get('state'));

    const done = await callBack(callback, cookie);
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe(TEST_ORIGIN);
    const shown = await me(sessionCookie(done.headers['set-cookie']));
    expect(shown.json().user).toMatchObject({ email: profile.emails[1]!.email, name: profile.name });

    const exchange = fake.requestsTo('/login/oauth/access_token').at(-1)!;
    expect(exchange.form).toMatchObject({
      client_id: fake.clients.github.id,
      client_secret: fake.clients.github.secret,
      code: callback.searchParams.get('code'),
      redirect_uri: `${TEST_ORIGIN}/api/auth/callback/github`,
    });
    expect(fake.requestsTo('/user/emails').length).toBeGreaterThan(0);
  });

  it('signs a new user in with Google (PKCE), with the profile e-mail', async () => {
    const profile = googleProfile();
    fake.nextGoogleUser(profile);
    const { authorizeUrl, callback, cookie } = await authorize('google');
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizeUrl.searchParams.get('scope')).toBe('openid email profile');

    const done = await callBack(callback, cookie);
    expect(done.statusCode).toBe(302);
    const shown = await me(sessionCookie(done.headers['set-cookie']));
    expect(shown.json().user).toMatchObject({
      email: profile.email,
      name: profile.name,
      avatar_url: profile.picture,
    });
    const [user] = await t.database.db.select().from(users).where(eq(users.email, profile.email));
    expect(user!.emailVerified).toBe(true);
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.userId, user!.id));
    expect(account).toMatchObject({ providerId: 'google', accountId: profile.sub });
  });

  it('seals the stored provider tokens; they open with the app key to what the provider issued', async () => {
    const profile = githubProfile();
    fake.nextGitHubUser(profile);
    const { callback, cookie } = await authorize('github');
    const done = await callBack(callback, cookie);
    expect(done.statusCode).toBe(302);
    const issued = fake.issued.at(-1)!;
    const [user] = await t.database.db.select().from(users).where(eq(users.email, profile.emails[1]!.email));
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.userId, user!.id));
    expect(account!.accessToken).toMatch(/^enc:v1:/);
    expect(account!.refreshToken).toMatch(/^enc:v1:/);
    const box = t.container.keys.box;
    expect(box.open(account!.accessToken!)).toBe(issued.accessToken);
    expect(box.open(account!.refreshToken!)).toBe(issued.refreshToken);

    // Signing in again stores the new tokens, sealed as well.
    fake.nextGitHubUser(profile);
    const again = await authorize('github');
    expect((await callBack(again.callback, again.cookie)).statusCode).toBe(302);
    const reissued = fake.issued.at(-1)!;
    const [updated] = await t.database.db.select().from(accounts).where(eq(accounts.id, account!.id));
    expect(updated!.accessToken).toMatch(/^enc:v1:/);
    expect(box.open(updated!.accessToken!)).toBe(reissued.accessToken);
    expect(box.open(updated!.refreshToken!)).toBe(reissued.refreshToken);
  });

  it('seals the Google access and ID tokens', async () => {
    const profile = googleProfile();
    fake.nextGoogleUser(profile);
    const { callback, cookie } = await authorize('google');
    expect((await callBack(callback, cookie)).statusCode).toBe(302);
    const issued = fake.issued.at(-1)!;
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.accountId, profile.sub));
    const box = t.container.keys.box;
    expect(account!.accessToken).toMatch(/^enc:v1:/);
    expect(account!.idToken).toMatch(/^enc:v1:/);
    expect(box.open(account!.accessToken!)).toBe(issued.accessToken);
    expect(box.open(account!.idToken!)).toBe(issued.idToken);
  });

  /** Asserts the callback was refused with `error`, set no session, and created no user. */
  async function expectRefused(response: Awaited<ReturnType<typeof callBack>>, error: string, email: string) {
    expect(response.statusCode).toBe(302);
    const location = new URL(response.headers.location!);
    expect(location.origin + location.pathname).toBe(`${TEST_ORIGIN}/api/auth/error`);
    expect(location.searchParams.get('error')).toBe(error);
    expect(hasSessionCookie(response.headers['set-cookie'])).toBe(false);
    expect(await t.database.db.select().from(users).where(eq(users.email, email))).toEqual([]);
  }

  it('refuses a callback whose state was tampered with, left out, or not issued to this browser', async () => {
    const profile = githubProfile();
    const email = profile.emails[1]!.email;
    fake.nextGitHubUser(profile);
    const { callback, cookie } = await authorize('github');
    const state = callback.searchParams.get('state')!;

    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${state.slice(0, -1)}${state.endsWith('x') ? 'y' : 'x'}`);
    await expectRefused(await callBack(tampered, cookie), 'state_mismatch', email);

    const missing = new URL(callback);
    missing.searchParams.delete('state');
    await expectRefused(await callBack(missing, cookie), 'state_not_found', email);

    // The genuine state and code, but from a browser that did not start the sign-in (login CSRF).
    await expectRefused(await callBack(callback, ''), 'state_mismatch', email);
  });

  it('refuses to start a sign-in that would end on a foreign site', async () => {
    const start = await t.request({
      method: 'POST',
      url: '/api/auth/sign-in/social',
      payload: { provider: 'github', callbackURL: 'https://evil.example/' },
    });
    expect(start.statusCode).toBe(403);
    expect(start.json().error.code).toBe('INVALID_CALLBACK_URL');
  });

  it('accepts a callback only once', async () => {
    const profile = googleProfile();
    fake.nextGoogleUser(profile);
    const { callback, cookie } = await authorize('google');
    expect(hasSessionCookie((await callBack(callback, cookie)).headers['set-cookie'])).toBe(true);
    const replay = await callBack(callback, cookie);
    expect(replay.statusCode).toBe(302);
    expect(new URL(replay.headers.location!).searchParams.get('error')).toBe('state_mismatch');
    expect(hasSessionCookie(replay.headers['set-cookie'])).toBe(false);
  });

  it('signs nobody in when the provider refuses an expired code', async () => {
    const github = githubProfile();
    fake.nextGitHubUser(github);
    const viaGitHub = await authorize('github');
    const google = googleProfile();
    fake.nextGoogleUser(google);
    const viaGoogle = await authorize('google');
    fake.expireCodes();
    await expectRefused(
      await callBack(viaGitHub.callback, viaGitHub.cookie),
      'unable_to_get_user_info',
      github.emails[1]!.email,
    );
    await expectRefused(await callBack(viaGoogle.callback, viaGoogle.cookie), 'invalid_code', google.email);
  });
});
