import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiToken, newUser, newWorkspace, type TestUser } from '../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { apiTokens } from './identity.schema.ts';

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

const invalidKey = { error: { code: 'INVALID_API_KEY', message: 'Given API token is not valid.' } };
const withKey = (url: string, key: string) =>
  t.request({ method: 'GET', url, headers: { 'x-api-key': key } });

async function createToken(user: TestUser, body: Record<string, unknown> = { label: 'CI' }) {
  return t.request({
    method: 'POST',
    url: '/api/me/api-tokens',
    headers: { cookie: user.cookie },
    payload: body,
  });
}

async function listTokens(user: TestUser) {
  const response = await t.request({
    method: 'GET',
    url: '/api/me/api-tokens',
    headers: { cookie: user.cookie },
  });
  expect(response.statusCode).toBe(200);
  return response.json<Array<Record<string, unknown>>>();
}

/** A GET over real HTTP with the header name spelled exactly as given (Node keeps its case on the wire). */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}${path}`, { method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('API tokens', () => {
  it('creates a token shown once, lists it by its hint only, and revokes it', async () => {
    const user = await newUser(t);
    const created = await createToken(user, { label: 'Deploy script' });
    expect(created.statusCode).toBe(201);
    const { token, ...shown } = created.json<{ token: string; id: string }>();
    expect(token).toMatch(/^plane_api_[0-9a-f]{32}$/);
    expect(shown).toMatchObject({ label: 'Deploy script', token_hint: token.slice(-4), workspace_id: null });

    const listed = await listTokens(user);
    expect(listed).toEqual([
      expect.objectContaining({ id: shown.id, label: 'Deploy script', token_hint: token.slice(-4) }),
    ]);
    expect(listed[0]).not.toHaveProperty('token');
    expect(JSON.stringify(listed)).not.toContain(token);

    expect((await withKey('/api/me', token)).statusCode).toBe(200);
    const revoked = await t.request({
      method: 'DELETE',
      url: `/api/me/api-tokens/${shown.id}`,
      headers: { cookie: user.cookie },
    });
    expect(revoked.statusCode).toBe(204);
    expect(await listTokens(user)).toEqual([]);
    const after = await withKey('/api/me', token);
    expect(after.statusCode).toBe(403);
    expect(after.json()).toEqual(invalidKey);
  });

  it('acts as its user with X-API-Key, X-Api-Key or x-api-key', async () => {
    const user = await newUser(t);
    const { token } = await newApiToken(t, user);
    for (const name of ['X-API-Key', 'X-Api-Key', 'x-api-key']) {
      const response = await rawGet('/api/me', { [name]: token });
      expect(response.status, name).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({
        user: { id: user.id, email: user.email },
        auth: { method: 'api_key' },
      });
    }
  });

  it('answers 401 without a key or cookie, and 403 for an unknown, revoked or expired key', async () => {
    const none = await t.request({ method: 'GET', url: '/api/workspaces' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'Authentication credentials were not provided.' },
    });

    const user = await newUser(t);
    const revoked = await newApiToken(t, user);
    await t.container.identity.apiTokens.revoke(
      { actor: { type: 'user', id: user.id } },
      user.id,
      revoked.id,
    );
    const expired = await newApiToken(t, user, { expiresAt: new Date(Date.now() + 3_600_000) });
    expect((await withKey('/api/workspaces', expired.token)).statusCode).toBe(200);
    await t.database.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, expired.id));

    const unknown = `plane_api_${'0'.repeat(32)}`;
    for (const key of [unknown, 'not-even-a-token', revoked.token, expired.token]) {
      const response = await withKey('/api/workspaces', key);
      expect(response.statusCode, key).toBe(403);
      expect(response.json()).toEqual(invalidKey);
    }
    const rejections = t.logs.lines.filter((l) => l.security === 'authentication_failed');
    expect(rejections.map((l) => l.reason)).toEqual(
      expect.arrayContaining(['api_key_unknown', 'api_key_revoked', 'api_key_expired']),
    );
    for (const key of [revoked.token, expired.token]) {
      expect(t.logs.raw.some((line) => line.includes(key))).toBe(false);
    }
  });

  it('refuses a key on a workspace route on the very next request after it is revoked or expires', async () => {
    const user = await newUser(t);
    const workspace = await newWorkspace(t, user);
    const url = `/api/workspaces/${workspace.slug}`;
    const revoked = await newApiToken(t, user);
    const expired = await newApiToken(t, user);
    for (const key of [revoked.token, expired.token]) expect((await withKey(url, key)).statusCode).toBe(200);

    await t.container.identity.apiTokens.revoke(
      { actor: { type: 'user', id: user.id } },
      user.id,
      revoked.id,
    );
    await t.database.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, expired.id));
    for (const key of [revoked.token, expired.token]) {
      const response = await withKey(url, key);
      expect(response.statusCode, key).toBe(403);
      expect(response.json()).toEqual(invalidKey);
    }
  });

  it('tells a valid key outside a workspace (FORBIDDEN) from an invalid key, whatever the slug', async () => {
    const user = await newUser(t);
    const stranger = await newUser(t);
    const theirs = await newWorkspace(t, stranger);
    const { token } = await newApiToken(t, user);
    for (const slug of [theirs.slug, 'no-such-workspace']) {
      const response = await withKey(`/api/workspaces/${slug}`, token);
      expect(response.statusCode, slug).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    }
    const unknown = await withKey(`/api/workspaces/${theirs.slug}`, `plane_api_${'0'.repeat(32)}`);
    expect(unknown.json()).toEqual(invalidKey);
  });

  it('never accepts a key from the query string', async () => {
    const user = await newUser(t);
    const { token } = await newApiToken(t, user);
    for (const query of [`api_key=${token}`, `token=${token}`, `x-api-key=${token}`]) {
      const response = await t.request({ method: 'GET', url: `/api/me?${query}` });
      expect(response.statusCode, query).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('stores only the SHA-256 of the token, and records its last use', async () => {
    const user = await newUser(t);
    const created = await createToken(user);
    const { token, id } = created.json<{ token: string; id: string }>();
    const [row] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row!.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token.slice('plane_api_'.length));
    expect(row!.lastUsedAt).toBeNull();
    expect((await listTokens(user))[0]!.last_used_at).toBeNull();

    const before = Date.now();
    expect((await withKey('/api/me', token)).statusCode).toBe(200);
    const lastUsed = (await listTokens(user))[0]!.last_used_at as string;
    expect(new Date(lastUsed).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('keeps a token restricted to one workspace inside it', async () => {
    const user = await newUser(t);
    const allowed = await newWorkspace(t, user);
    const other = await newWorkspace(t, user);
    const created = await createToken(user, { label: 'One client', workspace: allowed.slug });
    expect(created.statusCode).toBe(201);
    const { token, workspace_id } = created.json<{ token: string; workspace_id: string }>();
    expect(workspace_id).toBe(allowed.id);

    expect((await withKey(`/api/workspaces/${allowed.slug}`, token)).statusCode).toBe(200);
    const outside = await withKey(`/api/workspaces/${other.slug}`, token);
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('FORBIDDEN');
    expect((await withKey(`/api/workspaces/${other.slug}/members`, token)).statusCode).toBe(403);

    const shown = (await withKey('/api/me', token)).json();
    expect(shown.auth).toEqual({ method: 'api_key', workspace_id: allowed.id });
    expect(shown.workspaces.map((w: { slug: string }) => w.slug)).toEqual([allowed.slug]);
    const list = (await withKey('/api/workspaces', token)).json<Array<{ slug: string }>>();
    expect(list.map((w) => w.slug)).toEqual([allowed.slug]);

    // The user's own session still sees both.
    const bySession = await t.request({
      method: 'GET',
      url: '/api/workspaces',
      headers: { cookie: user.cookie },
    });
    expect(
      bySession
        .json<Array<{ slug: string }>>()
        .map((w) => w.slug)
        .sort(),
    ).toEqual([allowed.slug, other.slug].sort());
  });

  it('cannot create or revoke tokens with an API key: that needs a signed-in session', async () => {
    const user = await newUser(t);
    const { token, id } = await newApiToken(t, user);
    const create = await t.request({
      method: 'POST',
      url: '/api/me/api-tokens',
      headers: { 'x-api-key': token },
      payload: { label: 'Escalation' },
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('FORBIDDEN');
    const revoke = await t.request({
      method: 'DELETE',
      url: `/api/me/api-tokens/${id}`,
      headers: { 'x-api-key': token },
    });
    expect(revoke.statusCode).toBe(403);
    const list = await listTokens(user);
    expect(list.map((row) => row.id)).toEqual([id]);
  });

  it('refuses a token for a workspace the user is not a member of with 404 and the field', async () => {
    const owner = await newUser(t);
    const workspace = await newWorkspace(t, owner);
    const outsider = await newUser(t);
    for (const slug of [workspace.slug, 'no-such-workspace']) {
      const response = await createToken(outsider, { label: 'Sneaky', workspace: slug });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({
        error: { code: 'WORKSPACE_NOT_FOUND', message: 'The workspace does not exist.', field: 'workspace' },
      });
    }
    expect(await listTokens(outsider)).toEqual([]);
  });
});
