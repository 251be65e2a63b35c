import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissions } from '../src/modules/identity/index.ts';
import { newApiToken } from './factories.ts';
import {
  appRoutes,
  isPlaneApiRoute,
  buildRequest,
  callerNames,
  callerOf,
  createCast,
  databaseDigest,
  newWorld,
  okStatus,
  placeholderNames,
  placeholderOf,
  routeKey,
  routeTable,
  tableEnv,
  type Cast,
  type Caller,
  type RouteCase,
  type World,
} from './route-table.ts';
import { createTestApp, type TestApp } from './test-app.ts';

let t: TestApp;
let cast: Cast;
/** For the read-only routes; every other call gets a fresh world, so no call sees another's effects. */
let shared: World;

beforeAll(async () => {
  t = await createTestApp(tableEnv);
  cast = await createCast(t);
  shared = await newWorld(t, cast);
});
afterAll(() => t?.close());

const readOnly = (route: RouteCase) => route.method === 'GET' || route.method === 'OPTIONS';

/** What the caller must get: a status, with the error code for refusals. */
function expected(route: RouteCase, caller: Caller): string {
  if (route.access.kind !== 'public') {
    if (caller.name === 'anonymous') return '401 UNAUTHENTICATED';
    if (caller.name === 'revokedKey') return '403 INVALID_API_KEY';
    if (route.sessionOnly && caller.name === 'ownerKey') return '403 FORBIDDEN';
    const { access } = route;
    if (access.kind === 'permission' && !(caller.role && access.roles.includes(caller.role))) {
      return '403 FORBIDDEN';
    }
  }
  return String(okStatus(route, caller, t));
}

function outcome(response: LightMyRequestResponse): string {
  if (response.statusCode !== 401 && response.statusCode !== 403) return String(response.statusCode);
  return `${response.statusCode} ${response.json<{ error: { code: string } }>().error.code}`;
}

describe('route coverage', () => {
  it('has a table row for every route the app serves, and no row for a route it does not', () => {
    const served = appRoutes(t.app)
      .filter((r) => !isPlaneApiRoute(r.url))
      .map(routeKey)
      .sort();
    const listed = routeTable.map(routeKey).sort();
    const missing = served.filter((r) => !listed.includes(r));
    const stale = listed.filter((r) => !served.includes(r));
    expect(missing, `routes with no row in test/route-table.ts:\n${missing.join('\n')}\n`).toEqual([]);
    expect(
      stale,
      `rows of test/route-table.ts for routes the app does not serve:\n${stale.join('\n')}\n`,
    ).toEqual([]);
    // The router listing is parsed from text: make sure the parse finds real routes.
    for (const route of appRoutes(t.app).filter((r) => !r.url.includes('*'))) {
      expect(t.app.hasRoute({ method: route.method as 'GET', url: route.url }), routeKey(route)).toBe(true);
    }
  });

  it("writes out the same roles as the policy for each route's permission", () => {
    for (const route of routeTable) {
      if (route.access.kind !== 'permission') continue;
      const held = permissions[route.access.permission as keyof typeof permissions];
      expect(held, `${routeKey(route)} names an unknown permission`).toBeDefined();
      expect([...route.access.roles].sort(), routeKey(route)).toEqual([...held].sort());
    }
  });
});

describe('access matrix: every route × every kind of caller', () => {
  it.each(routeTable.map((route) => [routeKey(route), route] as const))('%s', async (_name, route) => {
    const actual: Record<string, string> = {};
    const wanted: Record<string, string> = {};
    for (const name of callerNames) {
      const caller = callerOf(cast, name);
      const world = readOnly(route) ? shared : await newWorld(t, cast);
      const response = await t.request(await buildRequest(route, { world, caller }));
      actual[name] = outcome(response);
      wanted[name] = expected(route, caller);
    }
    expect(actual).toEqual(wanted);
  });
});

const workspaceRoutes = routeTable.filter((r) => r.url.includes(':slug'));
const objectRoutes = routeTable.filter((r) => placeholderNames(r.url).some((p) => placeholderOf(p).foreign));

describe('tenant isolation', () => {
  it.each(objectRoutes.map((route) => [routeKey(route), route] as const))(
    "%s: another tenant's object answers 404, never the object, and stays as it was",
    async (_name, route) => {
      const world = await newWorld(t, cast);
      const caller = callerOf(cast, 'owner');
      const fill: Record<string, string> = {};
      for (const name of placeholderNames(route.url)) {
        const foreign = placeholderOf(name).foreign;
        if (foreign) fill[name] = await foreign(world);
      }
      const request = await buildRequest(route, { world, caller }, fill);
      const before = await databaseDigest(t);
      const response = await t.request(request);
      expect(response.statusCode).toBe(404);
      expect(Object.keys(response.json<{ error: object }>().error).sort()).toEqual(['code', 'message']);
      expect(response.body).not.toContain(cast.outsider.email);
      expect(await databaseDigest(t)).toEqual(before);
    },
  );

  it.each(workspaceRoutes.map((route) => [routeKey(route), route] as const))(
    '%s: a non-member gets 403 whatever the ids, before any lookup',
    async (_name, route) => {
      const world = await newWorld(t, cast);
      const outsider = callerOf(cast, 'outsider');
      const names = placeholderNames(route.url);
      const fills = [
        {}, // the world's real objects
        Object.fromEntries(names.filter((n) => n !== 'slug').map((n) => [n, placeholderOf(n).missing()])),
        Object.fromEntries(names.filter((n) => n !== 'slug').map((n) => [n, "x'; drop table users; --"])),
        Object.fromEntries(names.map((n) => [n, placeholderOf(n).missing()])),
      ];
      // A workspace that does not exist looks the same to its would-be owner: no existence oracle.
      const requests = [
        ...(await Promise.all(fills.map((fill) => buildRequest(route, { world, caller: outsider }, fill)))),
        await buildRequest(
          route,
          { world, caller: callerOf(cast, 'owner') },
          { slug: placeholderOf('slug').missing() },
        ),
      ];
      const before = await databaseDigest(t);
      for (const request of requests) {
        const response = await t.request(request);
        expect(`${response.statusCode} ${response.json<{ error: { code: string } }>().error.code}`).toBe(
          '403 FORBIDDEN',
        );
      }
      expect(await databaseDigest(t)).toEqual(before);
    },
  );

  it('keeps a workspace-scoped API key inside its workspace, even where its user is a member', async () => {
    const home = await newWorld(t, cast);
    const other = await newWorld(t, cast);
    const { token } = await newApiToken(t, cast.owner, { workspace: home.workspace.slug });
    const headers = { 'x-api-key': token };
    const get = (url: string) => t.request({ method: 'GET', url, headers });

    expect((await get(`/api/workspaces/${home.workspace.slug}`)).statusCode).toBe(200);
    expect((await get(`/api/workspaces/${other.workspace.slug}`)).statusCode).toBe(403);
    expect((await get(`/api/workspaces/${other.workspace.slug}/members`)).statusCode).toBe(403);
    const listed = (await get('/api/workspaces')).json<Array<{ slug: string }>>().map((w) => w.slug);
    expect(listed).toEqual([home.workspace.slug]);
    const me = (await get('/api/me')).json<{ workspaces: Array<{ slug: string }> }>();
    expect(me.workspaces.map((w) => w.slug)).toEqual([home.workspace.slug]);
    const rename = await t.request({
      method: 'PATCH',
      url: `/api/workspaces/${other.workspace.slug}`,
      headers,
      payload: { name: 'Hijacked' },
    });
    expect(rename.statusCode).toBe(403);
    expect((await t.container.identity.workspaces.findBySlug(other.workspace.slug)).name).toBe('World');
  });
});
