import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/container.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { rowsOf } from '../src/platform/db/database.ts';
import { publicAccess } from '../src/platform/http/access.ts';
import { createHttpPlatform } from '../src/platform/http/http-platform.ts';
import {
  newApiToken,
  newMember,
  newUser,
  newWorkspace,
  sessionCookie,
  signIn,
  type TestUser,
} from './factories.ts';
import { createTestApp, LogSink, TEST_ORIGIN, TEST_SECRET_KEY, type TestApp } from './test-app.ts';

const ALLOWED_ORIGIN = 'https://app.example.test';
const FOREIGN_ORIGIN = 'https://evil.example';
const LIMIT = 5;
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ CORS_ORIGINS: ALLOWED_ORIGIN, LOG_LEVEL: 'trace' });
});
afterAll(() => t?.close());

/** A client address of its own, so that rate-limit buckets never mix across tests or runs. */
const freshIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** The bare HTTP platform (no modules, no database), as a module author would build on it. */
async function platformApp(
  env: Record<string, string> = {},
): Promise<{ app: FastifyInstance; logs: LogSink }> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PUBLIC_URL: TEST_ORIGIN,
    AGENCY_SECRET_KEY: TEST_SECRET_KEY,
    LOG_LEVEL: 'info',
    ...env,
  });
  const logs = new LogSink();
  const app = await createHttpPlatform({
    config,
    logger: createLogger(config, logs),
    redis: undefined,
    readiness: [],
  });
  return { app, logs };
}

describe('security headers', () => {
  it('sends them on answers and on errors alike', async () => {
    const user = await newUser(t);
    const answers = [
      await t.request({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } }),
      await t.request({ method: 'GET', url: '/api/me' }),
      await t.request({ method: 'GET', url: '/no/such/page' }),
    ];
    for (const response of answers) {
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
      });
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['x-powered-by']).toBeUndefined();
      // Plain HTTP (loopback): no HSTS, which would pin a browser to an HTTPS that does not exist.
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('adds HSTS when the public URL is HTTPS', async () => {
    const { app } = await platformApp({ PUBLIC_URL: 'https://agency.example.test' });
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    await app.close();
  });
});

describe('CORS', () => {
  it('answers an allowed origin with CORS headers, every API method included', async () => {
    const user = await newUser(t);
    const read = await t.request({
      method: 'GET',
      url: '/api/me',
      headers: { origin: ALLOWED_ORIGIN, cookie: user.cookie },
    });
    expect(read.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(read.headers['access-control-allow-credentials']).toBe('true');
    expect(read.headers['access-control-expose-headers']).toContain('x-request-id');

    const preflight = await t.request({
      method: 'OPTIONS',
      url: '/api/workspaces/some-slug',
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'DELETE',
        'access-control-request-headers': 'content-type, x-api-key',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(String(preflight.headers['access-control-allow-methods']).split(/,\s*/)).toEqual(
      expect.arrayContaining(['GET', 'POST', 'PATCH', 'DELETE']),
    );
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('x-api-key');
  });

  it('gives any other origin no CORS headers', async () => {
    const user = await newUser(t);
    for (const request of [
      { method: 'GET', url: '/api/me', headers: { origin: FOREIGN_ORIGIN, cookie: user.cookie } },
      {
        method: 'OPTIONS',
        url: '/api/me',
        headers: { origin: FOREIGN_ORIGIN, 'access-control-request-method': 'PATCH' },
      },
    ] as InjectOptions[]) {
      const response = await t.request(request);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});

describe('CSRF on cookie-authenticated writes', () => {
  let owner: TestUser;
  let slug: string;
  beforeAll(async () => {
    owner = await newUser(t);
    slug = (await newWorkspace(t, owner)).slug;
  });

  /** A write with the owner's cookie and exactly the given headers (no preset Origin). */
  const write = (method: 'POST' | 'PATCH' | 'DELETE', headers: Record<string, string>) => {
    const targets = {
      POST: { url: '/api/me/api-tokens', payload: { label: 'csrf' } },
      PATCH: { url: `/api/workspaces/${slug}`, payload: { name: 'Changed by CSRF' } },
      DELETE: { url: `/api/workspaces/${slug}` },
    };
    return t.app.inject({ method, ...targets[method], headers: { cookie: owner.cookie, ...headers } });
  };

  it('refuses writes with no Origin or Referer, or from a foreign one, and changes nothing', async () => {
    const cases: Array<Record<string, string>> = [
      {},
      { origin: FOREIGN_ORIGIN },
      { origin: 'null' },
      { referer: `${FOREIGN_ORIGIN}/page` },
      { origin: FOREIGN_ORIGIN, referer: `${TEST_ORIGIN}/settings` },
      { referer: 'not a url' },
    ];
    for (const method of ['POST', 'PATCH', 'DELETE'] as const) {
      for (const headers of cases) {
        const response = await write(method, headers);
        expect(response.statusCode, `${method} ${JSON.stringify(headers)}`).toBe(403);
        expect(response.json()).toEqual({
          error: {
            code: 'CSRF_REJECTED',
            message: 'Cross-site request rejected: the Origin header is missing or not allowed.',
          },
        });
      }
    }
    const workspace = await t.container.identity.workspaces.findBySlug(slug);
    expect(workspace.name).not.toBe('Changed by CSRF');
    expect(await t.container.identity.apiTokens.list(owner.id)).toEqual([]);
    expect(t.logs.find((l) => l.security === 'csrf_rejected' && l.origin === FOREIGN_ORIGIN)).toBeDefined();
  });

  it('lets writes through from the app itself, a CORS-allowed origin, or a same-site Referer', async () => {
    expect((await write('PATCH', { origin: TEST_ORIGIN })).statusCode).toBe(200);
    expect((await write('PATCH', { origin: ALLOWED_ORIGIN })).statusCode).toBe(200);
    expect((await write('POST', { referer: `${TEST_ORIGIN}/settings/tokens` })).statusCode).toBe(201);
  });

  it('needs no Origin for reads, nor for API-key writes (no ambient credential to abuse)', async () => {
    const read = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: owner.cookie } });
    expect(read.statusCode).toBe(200);
    const { token } = await newApiToken(t, owner);
    const keyed = await t.app.inject({
      method: 'PATCH',
      url: `/api/workspaces/${slug}`,
      headers: { 'x-api-key': token },
      payload: { name: 'Renamed by script' },
    });
    expect(keyed.statusCode).toBe(200);
  });

  it("lets the auth library's own cookie writes through only from an allowed origin", async () => {
    const user = await newUser(t);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: user.cookie, origin: FOREIGN_ORIGIN },
    });
    expect(out.statusCode).toBe(403);
    const me = await t.request({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } });
    expect(me.statusCode).toBe(200);
  });
});

describe('rate limits', () => {
  let limited: TestApp;
  let twin: TestApp;
  let proxied: TestApp;
  let redis: Redis;
  beforeAll(async () => {
    // Redis-backed even in the PGlite run: the limit must hold across instances.
    [limited, twin, proxied] = await Promise.all([
      createTestApp({ RATE_LIMIT_PER_MINUTE: String(LIMIT), REDIS_URL: redisUrl }),
      createTestApp({ RATE_LIMIT_PER_MINUTE: String(LIMIT), REDIS_URL: redisUrl }),
      createTestApp({ RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: '127.0.0.1' }),
    ]);
    redis = new Redis(redisUrl);
  });
  afterAll(async () => {
    redis?.disconnect();
    await Promise.all([limited?.close(), twin?.close(), proxied?.close()]);
  });

  const hit = (app: TestApp, options: InjectOptions) =>
    app.app.inject({ method: 'GET', url: '/health', ...options });
  async function statuses(
    app: TestApp,
    count: number,
    options: (i: number) => InjectOptions,
  ): Promise<number[]> {
    const seen: number[] = [];
    for (let i = 0; i < count; i++) seen.push((await hit(app, options(i))).statusCode);
    return seen;
  }
  const allowedThenLimited = [...Array<number>(LIMIT).fill(200), 429];

  it('limits each client IP, answering 429 in the error shape', async () => {
    const ip = freshIp();
    expect(await statuses(limited, LIMIT, () => ({ remoteAddress: ip }))).toEqual(Array(LIMIT).fill(200));
    const refused = await hit(limited, { remoteAddress: ip });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({
      error: { code: 'RATE_LIMITED', message: 'Too many requests; slow down and retry later.' },
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['x-request-id']).toBeDefined();
    expect((await hit(limited, { remoteAddress: freshIp() })).statusCode).toBe(200);
  });

  it('limits each API key wherever it is used from, apart from other keys and the IP', async () => {
    const user = await newUser(limited);
    const first = await newApiToken(limited, user);
    const second = await newApiToken(limited, user);
    const ip = freshIp();
    const asKey = (token: string, remoteAddress: string) =>
      limited.app.inject({ method: 'GET', url: '/api/me', headers: { 'x-api-key': token }, remoteAddress });
    const seen: number[] = [];
    for (let i = 0; i <= LIMIT; i++) seen.push((await asKey(first.token, i % 2 ? ip : freshIp())).statusCode);
    expect(seen).toEqual(allowedThenLimited);
    expect((await asKey(second.token, ip)).statusCode).toBe(200);
    expect((await hit(limited, { remoteAddress: ip })).statusCode).toBe(200);
  });

  it('keeps the counters in Redis, shared by every instance', async () => {
    const ip = freshIp();
    const seen: number[] = [];
    for (let i = 0; i <= LIMIT; i++)
      seen.push((await hit(i % 2 ? twin : limited, { remoteAddress: ip })).statusCode);
    expect(seen).toEqual(allowedThenLimited);
    expect(await redis.exists(`agency-os:rl:ip:${ip}`)).toBe(1);
    expect(await redis.pttl(`agency-os:rl:ip:${ip}`)).toBeGreaterThan(0);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY: a client cannot pick its own bucket', async () => {
    const ip = freshIp();
    const seen = await statuses(limited, LIMIT + 1, () => ({
      remoteAddress: ip,
      headers: { 'x-forwarded-for': freshIp() },
    }));
    expect(seen).toEqual(allowedThenLimited);
  });

  it('takes the client IP from X-Forwarded-For only when the peer is a trusted proxy', async () => {
    const spread = await statuses(proxied, LIMIT + 3, () => ({
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': freshIp() },
    }));
    expect(spread).toEqual(Array(LIMIT + 3).fill(200));

    const client = freshIp();
    const one = await statuses(proxied, LIMIT + 1, () => ({
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': client },
    }));
    expect(one).toEqual(allowedThenLimited);

    const untrusted = freshIp();
    const spoofed = await statuses(proxied, LIMIT + 1, () => ({
      remoteAddress: untrusted,
      headers: { 'x-forwarded-for': freshIp() },
    }));
    expect(spoofed).toEqual(allowedThenLimited);
  });

  it('records the trusted client IP in the audit trail', async () => {
    const owner = await newUser(proxied);
    const client = freshIp();
    const created = await proxied.request({
      method: 'POST',
      url: '/api/workspaces',
      headers: { cookie: owner.cookie, 'x-forwarded-for': client },
      remoteAddress: '127.0.0.1',
      payload: { slug: `ip-${randomInt(1e9)}`, name: 'IP' },
    });
    expect(created.statusCode).toBe(201);
    const rows = rowsOf<{ ip: string }>(
      await proxied.database.db.execute(
        sql`select ip from activity_log where object_id = ${created.json<{ id: string }>().id}`,
      ),
    );
    expect(rows).toEqual([{ ip: client }]);
  });
});

describe('logging', () => {
  it('logs failed authorization with who, which workspace and which permission', async () => {
    const owner = await newUser(t);
    const workspace = await newWorkspace(t, owner);
    const member = await newMember(t, workspace, 'member');
    const outsider = await newUser(t);
    const denied = await t.request({
      method: 'DELETE',
      url: `/api/workspaces/${workspace.slug}`,
      headers: { cookie: member.cookie },
    });
    expect(denied.statusCode).toBe(403);
    const line = t.logs.find((l) => l.reqId === denied.headers['x-request-id'] && l.security !== undefined);
    expect(line).toMatchObject({
      level: 40,
      security: 'authorization_denied',
      user: member.id,
      workspace: workspace.slug,
      role: 'member',
      permission: 'workspace.delete',
    });
    expect(line?.time).toEqual(expect.any(Number));

    const outside = await t.request({
      method: 'GET',
      url: `/api/workspaces/${workspace.slug}/members`,
      headers: { cookie: outsider.cookie },
    });
    expect(
      t.logs.find((l) => l.reqId === outside.headers['x-request-id'] && l.security !== undefined),
    ).toMatchObject({
      security: 'authorization_denied',
      user: outsider.id,
      workspace: workspace.slug,
      role: null,
      permission: 'workspace.view',
    });
  });

  it('logs rejected API keys without the key', async () => {
    const user = await newUser(t);
    const { token, id } = await newApiToken(t, user);
    await t.container.identity.apiTokens.revoke({ actor: { type: 'user', id: user.id } }, user.id, id);
    const response = await t.request({ method: 'GET', url: '/api/me', headers: { 'x-api-key': token } });
    expect(response.statusCode).toBe(403);
    const line = t.logs.find((l) => l.reqId === response.headers['x-request-id'] && l.security !== undefined);
    expect(line).toMatchObject({ security: 'authentication_failed', reason: 'api_key_revoked' });
    expect(JSON.stringify(line)).not.toContain(token);
  });

  it('never writes a password, session token, API key or one-time link token to the log', async () => {
    const password = `pw-${crypto.randomUUID()}`;
    const newPassword = `new-${crypto.randomUUID()}`;
    const user = await newUser(t, { password });
    const secrets = [
      password,
      newPassword,
      user.cookie.split('=')[1]!,
      user.cookie.split('=')[1]!.split('.')[0]!,
    ];

    await signIn(t, user.email, 'wrong-password-guess');
    const signedIn = await signIn(t, user.email, password);
    secrets.push(sessionCookie(signedIn.headers['set-cookie']).split('=')[1]!.split('.')[0]!);
    const changed = await t.request({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: { cookie: sessionCookie(signedIn.headers['set-cookie']) },
      payload: { currentPassword: password, newPassword },
    });
    expect(changed.statusCode).toBe(200);
    // The change signs out every other session and hands this one a new token.
    const cookie = sessionCookie(changed.headers['set-cookie']);
    secrets.push(cookie.split('=')[1]!.split('.')[0]!);

    const created = await t.request({
      method: 'POST',
      url: '/api/me/api-tokens',
      headers: { cookie },
      payload: { label: 'log check' },
    });
    const apiKey = created.json<{ token: string }>().token;
    secrets.push(apiKey);
    await t.request({ method: 'GET', url: '/api/me', headers: { 'x-api-key': apiKey } });
    await t.request({
      method: 'GET',
      url: '/api/me',
      headers: { 'x-api-key': `${apiKey.slice(0, -4)}beef` },
    });
    secrets.push(`${apiKey.slice(0, -4)}beef`);

    const workspace = await newWorkspace(t, { ...user, cookie });
    const invitation = await t.request({
      method: 'POST',
      url: `/api/workspaces/${workspace.slug}/invitations`,
      headers: { cookie },
      payload: { email: `logged-${crypto.randomUUID()}@example.test`, role: 'member' },
    });
    const invitationToken = invitation.json<{ accept_url: string }>().accept_url.split('/').pop()!;
    secrets.push(invitationToken);
    await t.request({ method: 'GET', url: `/api/invitations/${invitationToken}` });
    await t.request({
      method: 'POST',
      url: '/api/invitations/accept',
      headers: { cookie },
      payload: { token: invitationToken },
    });

    await t.request({ method: 'POST', url: '/api/auth/sign-in/magic-link', payload: { email: user.email } });
    const [mail] = await t.container.mailer.list({ to: user.email, kind: 'magic_link' });
    const link = new URL(/(https?:\/\/\S+)/.exec(mail!.textBody)![1]!);
    secrets.push(link.searchParams.get('token')!);
    await t.request({ method: 'GET', url: `${link.pathname}${link.search}` });

    // The requests that carried the link tokens were logged, with the tokens taken out.
    expect(t.logs.raw.some((line) => line.includes('"url":"/api/invitations/[redacted]"'))).toBe(true);
    expect(t.logs.raw.some((line) => line.includes('/api/auth/magic-link/verify?token=[redacted]'))).toBe(
      true,
    );
    for (const secret of secrets) {
      expect(t.logs.raw.filter((line) => line.includes(secret))).toEqual([]);
    }
  });
});

describe('errors', () => {
  it('answers a failing request with a generic 500, keeping the details for the log', async () => {
    const { app, logs } = await platformApp();
    app.get('/broken', { config: { access: publicAccess } }, async () => {
      await t.database.db.execute(sql`select secret_column from no_such_table`);
    });
    const response = await app.inject({ method: 'GET', url: '/broken' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      error: { code: 'INTERNAL', message: 'Something went wrong; please try again later.' },
    });
    expect(response.body).not.toMatch(/no_such_table|secret_column|select|\.ts:\d+|at /i);
    const logged = logs.find((l) => l.reqId === response.headers['x-request-id'] && l.level === 50);
    expect(JSON.stringify(logged)).toContain('no_such_table');
    await app.close();
  });

  it('keeps 4xx answers free of stack traces, SQL and internals', async () => {
    const user = await newUser(t);
    const responses = await Promise.all([
      t.request({
        method: 'POST',
        url: '/api/workspaces',
        headers: { cookie: user.cookie },
        payload: { slug: 5 },
      }),
      t.request({
        method: 'POST',
        url: '/api/workspaces',
        headers: { cookie: user.cookie, 'content-type': 'application/json' },
        payload: '{"slug": "a", ',
      }),
      t.request({ method: 'GET', url: "/api/workspaces/x'%20or%201=1--", headers: { cookie: user.cookie } }),
      t.request({ method: 'GET', url: `/api/invitations/inv_${'9'.repeat(32)}` }),
      t.request({ method: 'GET', url: '/api/me', headers: { 'x-api-key': "' OR 1=1 --" } }),
      t.request({ method: 'GET', url: '/api/auth/no-such-endpoint' }),
      t.request({ method: 'DELETE', url: '/api/nothing/here' }),
    ]);
    for (const response of responses) {
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      expect(Object.keys(response.json<{ error: object }>())).toEqual(['error']);
      expect(response.body).not.toMatch(/\.ts:\d+|node_modules|\bselect\b|\bfrom "|stack|FST_/i);
    }
  });
});

describe('request ids', () => {
  it('echoes a plain X-Request-Id and makes one up otherwise', async () => {
    const given = await t.request({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'lb-42.abc_DEF' },
    });
    expect(given.headers['x-request-id']).toBe('lb-42.abc_DEF');
    const made = await t.request({ method: 'GET', url: '/health' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('replaces a malicious X-Request-Id, so it never reaches the log', async () => {
    for (const evil of [
      'abc\n{"level":60,"msg":"forged"}',
      'abc\r\nset-cookie: x=y',
      'x'.repeat(500),
      'id with spaces and "quotes"',
      '../../etc/passwd',
    ]) {
      const response = await t.request({ method: 'GET', url: '/health', headers: { 'x-request-id': evil } });
      const id = response.headers['x-request-id'];
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(t.logs.lines.filter((l) => l.reqId === id).length).toBeGreaterThan(0);
      expect(
        t.logs.raw.filter((line) => line.includes(evil) || line.includes(JSON.stringify(evil).slice(1, -1))),
      ).toEqual([]);
    }
  });
});

describe('access declarations', () => {
  it('refuses to start when a route does not say who may call it', async () => {
    const { app } = await platformApp();
    app.get('/naked', async () => ({ ok: true }));
    await expect(app.ready()).rejects.toThrow('Routes without an access declaration: GET /naked');
    await app.close();
  });

  it('starts when every route does', async () => {
    const { app } = await platformApp();
    app.get('/dressed', { config: { access: publicAccess } }, async () => ({ ok: true }));
    await app.ready();
    expect((await app.inject({ method: 'GET', url: '/dressed' })).json()).toEqual({ ok: true });
    await app.close();
  });
});
