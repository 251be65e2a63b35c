import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie } from './factories.ts';
import {
  buildRequest,
  callerOf,
  createCast,
  databaseDigest,
  newWorld,
  okStatus,
  placeholderNames,
  routeKey,
  routeTable,
  tableEnv,
  type Caller,
  type PreparedRequest,
  type RouteCase,
  type World,
} from './route-table.ts';
import { createTestApp, type TestApp } from './test-app.ts';

const BODY_LIMIT = 4096;
let t: TestApp;
let world: World;
/** The most privileged caller, so that a refusal is about the input and never about permission. */
let owner: Caller;

beforeAll(async () => {
  t = await createTestApp({ ...tableEnv, BODY_LIMIT_BYTES: String(BODY_LIMIT) });
  const cast = await createCast(t);
  world = await newWorld(t, cast);
  owner = callerOf(cast, 'owner');
});
afterAll(() => t?.close());

const injections = [
  "' OR '1'='1",
  "x'; DROP TABLE users; --",
  '1; SELECT pg_sleep(5) --',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
];
const wrongTypeOf = (value: unknown): unknown[] => [
  typeof value === 'number' ? 'not a number' : 12345,
  { nested: true },
  ['a', 'b'],
  null,
  true,
];

type Sendable = PreparedRequest & { payload?: string };

/**
 * Sends the request and checks that it is refused in the one error shape, naming `field` when given, and
 * that the database is exactly as it was.
 */
async function expectRefused(request: Sendable, refusal: { status?: number; code?: string; field?: string }) {
  const label = `${request.method} ${request.url} ${request.payload ?? JSON.stringify(request.body ?? request.query)}`;
  const before = await databaseDigest(t);
  const response = await t.request(request);
  if (refusal.status) expect(response.statusCode, label).toBe(refusal.status);
  expect(response.statusCode, label).toBeGreaterThanOrEqual(400);
  expect(response.statusCode, label).toBeLessThan(500);
  const { error } = response.json<{ error: Record<string, unknown> }>();
  expect(Object.keys(error).sort(), label).toEqual(
    refusal.field ? ['code', 'field', 'message'] : ['code', 'message'],
  );
  expect(error, label).toMatchObject({
    code: refusal.code ?? expect.stringMatching(/^[A-Z_]+$/),
    message: expect.any(String),
    ...(refusal.field ? { field: refusal.field } : {}),
  });
  expect(await databaseDigest(t), label).toEqual(before);
}

async function expectPlaneNotFound(request: Sendable) {
  const before = await databaseDigest(t);
  const response = await t.request(request);
  expect(response.statusCode, request.url).toBe(404);
  expect(response.json(), request.url).toEqual({ error: 'Page not found.' });
  expect(await databaseDigest(t), request.url).toEqual(before);
}

const prepare = (route: RouteCase) => buildRequest(route, { world, caller: owner });
const fieldsOf = async (route: RouteCase) => ({
  ...(await route.body!({ world, caller: owner })),
  ...route.optionalBody?.({ world, caller: owner }),
});
const withField = async (route: RouteCase, key: string, value: unknown): Promise<Sendable> => {
  const valid = await prepare(route);
  return { ...valid, body: { ...valid.body, [key]: value } };
};
const cases = (routes: RouteCase[]) => routes.map((route) => [routeKey(route), route] as const);

describe.each(cases(routeTable.filter((r) => r.body)))('%s body', (_name, route) => {
  it('refuses wrong types in every field, naming the field', async () => {
    for (const [key, value] of Object.entries(await fieldsOf(route))) {
      for (const wrong of wrongTypeOf(value)) {
        await expectRefused(await withField(route, key, wrong), { status: 400, field: key });
      }
    }
  });

  it('refuses a body with a required field missing, naming it, and no body at all', async () => {
    const valid = await prepare(route);
    for (const key of Object.keys(valid.body!)) {
      const { [key]: _dropped, ...rest } = valid.body!;
      await expectRefused({ ...valid, body: rest }, { status: 400, field: route.atLeastOne ? 'body' : key });
    }
    await expectRefused({ ...valid, body: undefined }, { status: 400, field: 'body' });
  });

  it('refuses unknown fields (the schemas are strict)', async () => {
    const valid = await prepare(route);
    const body = { ...valid.body, is_admin: true, role_override: 'owner' };
    if (!route.ignoresUnknownFields) {
      await expectRefused({ ...valid, body }, { status: 400, field: 'is_admin' });
      return;
    }
    // The exception is written in the table; the fields must at least never be taken.
    const response = await t.request({ ...valid, body });
    expect(response.statusCode).toBe(okStatus(route, owner, t));
    expect(response.body).not.toMatch(/is_admin|role_override/);
  });

  it('refuses over-long strings in every string field', async () => {
    for (const [key, value] of Object.entries(await fieldsOf(route))) {
      if (typeof value !== 'string') continue;
      await expectRefused(await withField(route, key, 'x'.repeat(1000)), { status: 400, field: key });
    }
  });

  it(`refuses a body over BODY_LIMIT_BYTES with 413`, async () => {
    const valid = await prepare(route);
    const [key] = Object.keys(valid.body!);
    const body = { ...valid.body, [key!]: 'x'.repeat(BODY_LIMIT + 1) };
    await expectRefused({ ...valid, body }, { status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses malformed JSON with 400 and any other content type with 415', async () => {
    const { body, ...bare } = await prepare(route);
    const json = JSON.stringify(body);
    const send = (type: string, payload: string) => ({
      ...bare,
      headers: { ...bare.headers, 'content-type': type },
      payload,
    });
    await expectRefused(send('application/json', json.slice(0, -2)), { status: 400, code: 'INVALID_JSON' });
    await expectRefused(send('application/json', `${json}}`), { status: 400, code: 'INVALID_JSON' });
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
      'multipart/form-data',
    ]) {
      await expectRefused(send(type, json), { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
  });

  it('stores SQL and script injection strings in free text verbatim, and refuses them elsewhere', async () => {
    for (const key of Object.keys(await fieldsOf(route))) {
      for (const injection of injections) {
        const request = await withField(route, key, injection);
        if (!route.freeText?.includes(key)) {
          await expectRefused(request, { field: key === 'token' ? undefined : key });
          continue;
        }
        const response = await t.request(request);
        expect(response.statusCode, `${key}=${injection}`).toBe(okStatus(route, owner, t));
        if (key !== 'password') expect(findKey(response.json(), key)).toBe(injection);
      }
    }
  });
});

/** The first value under `key` anywhere in a JSON document. */
function findKey(value: unknown, key: string): unknown {
  if (!value || typeof value !== 'object') return undefined;
  if (Object.hasOwn(value, key)) return (value as Record<string, unknown>)[key];
  for (const child of Object.values(value)) {
    const found = findKey(child, key);
    if (found !== undefined) return found;
  }
  return undefined;
}

describe.each(cases(routeTable.filter((r) => r.query)))('%s query', (_name, route) => {
  it('refuses unknown, mistyped and injected query parameters, naming them', async () => {
    const valid = await prepare(route);
    await expectRefused(
      { ...valid, query: { ...valid.query, role: 'owner' } },
      { status: 400, field: 'role' },
    );
    for (const [key, value] of Object.entries(valid.query!)) {
      for (const bad of [/^\d+$/.test(value) ? 'ten' : '12', 'x'.repeat(1000), ...injections]) {
        await expectRefused({ ...valid, query: { ...valid.query, [key]: bad } }, { status: 400, field: key });
      }
    }
  });
});

describe.each(cases(routeTable.filter((r) => placeholderNames(r.url).length > 0)))(
  '%s path',
  (_name, route) => {
    it('refuses malformed and injected path parameters', async () => {
      for (const name of placeholderNames(route.url)) {
        for (const bad of ['1', ...injections]) {
          const request = await buildRequest(route, { world, caller: owner }, { [name]: bad });
          if (name === 'slug') {
            // No workspace has that slug, so nobody is a member of it: refused before validation.
            await expectRefused(request, { status: 403, code: 'FORBIDDEN' });
          } else if (name === 'token' && bad.length >= 10) {
            // A well-formed token that matches no invitation.
            await expectRefused(request, { status: 404, code: 'INVITATION_NOT_FOUND' });
          } else {
            await expectRefused(request, { status: 400, field: name });
          }
        }
        // The router itself refuses these. An over-long segment matches no route: under /api/v1, whose unknown
        // URLs belong to Plane's API, that is Plane's JSON 404; elsewhere our error shape.
        const long = await buildRequest(route, { world, caller: owner }, { [name]: 'x'.repeat(300) });
        await (route.url.startsWith('/api/v1/') ? expectPlaneNotFound(long) : expectRefused(long, {}));
        const marker = `marker-${name}`;
        const broken = await buildRequest(route, { world, caller: owner }, { [name]: marker });
        await expectRefused({ ...broken, url: broken.url.replace(marker, '%E0%A4%A') }, { status: 400 });
      }
    });
  },
);

describe('mass assignment through the auth library', () => {
  it('ignores privileged fields sent at sign-up', async () => {
    const email = `sneaky-${crypto.randomUUID()}@example.test`;
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      payload: {
        email,
        name: 'Sneaky',
        password: 'long-enough-pw',
        emailVerified: true,
        role: 'owner',
        id: crypto.randomUUID(),
        timezone: 'Europe/Paris',
      },
    });
    expect(response.statusCode).toBe(200);
    const cookie = sessionCookie(response.headers['set-cookie']);
    const me = await t.request({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ user: { email, timezone: 'UTC' }, workspaces: [] });
    const row = await t.container.identity.users.findById(me.json<{ user: { id: string } }>().user.id);
    expect(row?.emailVerified).toBe(false);
  });

  it('holds profile fields set through the library to the API rules', async () => {
    const signUp = (extra: Record<string, unknown>) =>
      t.request({
        method: 'POST',
        url: '/api/auth/sign-up/email',
        payload: {
          email: `p-${crypto.randomUUID()}@example.test`,
          name: 'P',
          password: 'long-enough-pw',
          ...extra,
        },
      });
    const before = await databaseDigest(t);
    expect((await signUp({ image: 'javascript:alert(1)' })).json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', field: 'image' },
    });
    expect((await signUp({ name: '   ' })).json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', field: 'name' },
    });
    const update = await t.request({
      method: 'POST',
      url: '/api/auth/update-user',
      headers: { cookie: owner.headers.cookie! },
      payload: { name: 'x'.repeat(300) },
    });
    expect(update.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'name' } });
    expect(await databaseDigest(t)).toEqual(before);
  });
});
