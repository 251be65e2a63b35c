import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { WorkspaceRole } from '../src/modules/identity/index.ts';
import { rowsOf } from '../src/platform/db/database.ts';
import { newApiToken, newUser, type TestUser, type TestWorkspace } from './factories.ts';
import { agentPlaceholders, agentRoutes } from './route-table.agents.ts';
import { integrationPlaceholders, integrationRoutes } from './route-table.integrations.ts';
import { workflowPlaceholders, workflowRoutes } from './route-table.workflows.ts';
import type { TestApp } from './test-app.ts';

/**
 * Every route of the app, with who may call it and how to make a valid request to it. The access matrix,
 * the bad-input suite and the route-coverage check all read this table: a module that adds a route adds a
 * row here (and a placeholder filler for any new `:param`), or the coverage check fails.
 */

export type CallerName =
  'owner' | 'admin' | 'member' | 'guest' | 'outsider' | 'anonymous' | 'revokedKey' | 'ownerKey';

export const callerNames: CallerName[] = [
  'owner',
  'admin',
  'member',
  'guest',
  'outsider',
  'anonymous',
  'revokedKey',
  'ownerKey',
];

export interface Caller {
  name: CallerName;
  /** The caller's role in the world's workspace; none for outsiders and the anonymous. */
  role: WorkspaceRole | undefined;
  /** The person behind the session or key. */
  user: TestUser | undefined;
  headers: Record<string, string>;
}

/** The people of the matrix, made once per file: signing up costs a password hash each. */
export interface Cast {
  owner: TestUser;
  admin: TestUser;
  member: TestUser;
  guest: TestUser;
  /** Owner of another workspace and nothing else. */
  outsider: TestUser;
  /** A plain member whose role the matrix changes and whom it removes. */
  target: TestUser;
  outsiderWorkspace: TestWorkspace;
  ownerKey: string;
  revokedKey: string;
}

/** A fresh workspace in which the cast holds its roles: cheap, so every state-changing request gets one. */
export interface World {
  t: TestApp;
  cast: Cast;
  workspace: TestWorkspace;
  /** A pending invitation of this workspace (to a new address unless one is given). */
  invite(email?: string): Promise<{ id: string; token: string }>;
}

export interface RouteContext {
  world: World;
  caller: Caller;
}

export type RouteAccessExpectation =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  /** The permission the route declares and, written out by hand, the roles that hold it. */
  | { kind: 'permission'; permission: string; roles: WorkspaceRole[] };

export interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'OPTIONS';
  /** Fastify's pattern, placeholders included. */
  url: string;
  access: RouteAccessExpectation;
  /** Account-level actions that an API key may not take (403), even its owner's. */
  sessionOnly?: boolean;
  /** Status of an allowed call; a function where it depends on the caller's role or on the app. */
  ok: number | ((caller: Caller, t: TestApp) => number);
  /** Where a wildcard row is called (a concrete URL), and headers the call needs. */
  target?: { url: string; headers?: Record<string, string> };
  /** The minimal valid body: every field in it is required (or, with `atLeastOne`, one field of it is). */
  body?(context: RouteContext): Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Optional body fields with a valid value each, for the bad-input checks. */
  optionalBody?(context: RouteContext): Record<string, unknown>;
  /** Every field is optional but an empty body is refused (partial updates). */
  atLeastOne?: true;
  /** A valid query string. */
  query?(): Record<string, string>;
  /** The body goes to a library that drops fields it does not know rather than refusing them. */
  ignoresUnknownFields?: string;
  /** Body fields that take any text (names, labels, passwords): stored verbatim, not refused. */
  freeText?: string[];
}

/** Fills a path placeholder with an object of the world, or with the same kind of object from elsewhere. */
export interface Placeholder {
  own(world: World, caller: Caller): string | Promise<string>;
  /** The same kind of object belonging to the outsider: the tenant-isolation checks expect 404 for it. */
  foreign?(world: World): string | Promise<string>;
  /** A well-formed id of nothing at all. */
  missing(): string;
}

const unique = () => randomBytes(4).toString('hex');
const uuid = () => crypto.randomUUID();

export const placeholders: Record<string, Placeholder> = {
  slug: { own: (w) => w.workspace.slug, missing: () => `no-such-${unique()}` },
  user_id: { own: (w) => w.cast.target.id, foreign: (w) => w.cast.outsider.id, missing: uuid },
  invitation_id: {
    own: async (w) => (await w.invite()).id,
    foreign: async (w) => (await inviteTo(w.t, w.cast.outsiderWorkspace.slug, w.cast.outsider)).id,
    missing: uuid,
  },
  token_id: {
    own: async (w, caller) => (await newApiToken(w.t, caller.user ?? w.cast.owner)).id,
    foreign: async (w) => (await newApiToken(w.t, w.cast.outsider)).id,
    missing: uuid,
  },
  token: { own: async (w) => (await w.invite()).token, missing: () => `inv_${'0'.repeat(32)}` },
  ...agentPlaceholders,
  ...workflowPlaceholders,
  ...integrationPlaceholders,
};

/** The CORS origin the table's apps allow (the preflight row needs one). */
const TABLE_CORS_ORIGIN = 'https://app.example.test';
export const tableEnv = { CORS_ORIGINS: TABLE_CORS_ORIGIN };

const allRoles: WorkspaceRole[] = ['owner', 'admin', 'member', 'guest'];
const managers: WorkspaceRole[] = ['owner', 'admin'];
const view = { kind: 'permission', permission: 'workspace.view', roles: allRoles } as const;
const manageMembers = { kind: 'permission', permission: 'members.manage', roles: managers } as const;
const publicAccess = { kind: 'public' } as const;
const authenticated = { kind: 'authenticated' } as const;
const emailOf = () => `invitee-${unique()}@example.test`;

/** Infrastructure routes: public by design, answered the same to everyone. */
export const platformRoutes: RouteCase[] = [
  // The web app: 503 with a hint until it is built, so the status follows the checkout.
  {
    method: 'GET',
    url: '/',
    access: publicAccess,
    ok: (_caller, t) => (existsSync(path.join(t.config.webDistDir, 'index.html')) ? 200 : 503),
  },
  { method: 'GET', url: '/*', access: publicAccess, ok: 404, target: { url: '/assets/no-such-file.js' } },
  { method: 'GET', url: '/health', access: publicAccess, ok: 200 },
  { method: 'GET', url: '/ready', access: publicAccess, ok: 200 },
  { method: 'GET', url: '/metrics', access: publicAccess, ok: 200 },
  { method: 'GET', url: '/api/openapi.json', access: publicAccess, ok: 200 },
  // The reference page lives at /api/docs/ (the bare path redirects there).
  { method: 'GET', url: '/api/docs', access: publicAccess, ok: 200, target: { url: '/api/docs/' } },
  { method: 'GET', url: '/api/docs/js/scalar.js', access: publicAccess, ok: 200 },
  {
    method: 'GET',
    url: '/api/dev/mailbox',
    access: publicAccess,
    ok: 200,
    query: () => ({ to: emailOf() }),
  },
  {
    method: 'OPTIONS',
    url: '*',
    access: publicAccess,
    ok: 204,
    target: {
      url: '/api/workspaces',
      headers: { origin: TABLE_CORS_ORIGIN, 'access-control-request-method': 'PATCH' },
    },
  },
];

/** The identity module: better-auth behind /api/auth, the signed-in user, workspaces, members, invitations. */
export const identityRoutes: RouteCase[] = [
  {
    method: 'GET',
    url: '/api/auth/*',
    access: publicAccess,
    ok: 200,
    target: { url: '/api/auth/get-session' },
  },
  {
    method: 'POST',
    url: '/api/auth/*',
    access: publicAccess,
    ok: 200,
    target: { url: '/api/auth/sign-up/email' },
    body: () => ({
      email: `signup-${unique()}@example.test`,
      name: 'New Person',
      password: `pw-${unique()}-long`,
    }),
    optionalBody: () => ({ image: 'https://example.test/me.png' }),
    freeText: ['name', 'password'],
    ignoresUnknownFields: 'better-auth drops fields it does not know; see the mass-assignment test',
  },
  { method: 'GET', url: '/api/auth-methods', access: publicAccess, ok: 200 },
  { method: 'GET', url: '/api/me', access: authenticated, ok: 200 },
  {
    method: 'PATCH',
    url: '/api/me',
    access: authenticated,
    sessionOnly: true,
    ok: 200,
    body: () => ({ name: 'Renamed Person' }),
    atLeastOne: true,
    optionalBody: () => ({ timezone: 'Europe/Paris' }),
    freeText: ['name'],
  },
  { method: 'GET', url: '/api/me/api-tokens', access: authenticated, sessionOnly: true, ok: 200 },
  {
    method: 'POST',
    url: '/api/me/api-tokens',
    access: authenticated,
    sessionOnly: true,
    ok: 201,
    body: () => ({ label: 'CI deploys' }),
    optionalBody: ({ world }) => ({
      workspace: world.workspace.slug,
      expires_at: new Date(Date.now() + 86_400_000).toISOString(),
    }),
    freeText: ['label'],
  },
  {
    method: 'DELETE',
    url: '/api/me/api-tokens/:token_id',
    access: authenticated,
    sessionOnly: true,
    ok: 204,
  },
  { method: 'GET', url: '/api/workspaces', access: authenticated, ok: 200 },
  {
    method: 'POST',
    url: '/api/workspaces',
    access: authenticated,
    ok: 201,
    body: () => ({ slug: `new-${unique()}`, name: 'New Studio' }),
    optionalBody: () => ({ timezone: 'Europe/Berlin' }),
    freeText: ['name'],
  },
  { method: 'GET', url: '/api/workspaces/:slug', access: view, ok: 200 },
  {
    method: 'PATCH',
    url: '/api/workspaces/:slug',
    access: { kind: 'permission', permission: 'workspace.settings', roles: managers },
    ok: 200,
    body: () => ({ name: 'Renamed Studio' }),
    atLeastOne: true,
    optionalBody: () => ({ timezone: 'Asia/Tokyo' }),
    freeText: ['name'],
  },
  {
    method: 'DELETE',
    url: '/api/workspaces/:slug',
    access: { kind: 'permission', permission: 'workspace.delete', roles: ['owner'] },
    ok: 204,
  },
  { method: 'GET', url: '/api/workspaces/:slug/members', access: view, ok: 200 },
  {
    method: 'PATCH',
    url: '/api/workspaces/:slug/members/:user_id',
    access: manageMembers,
    ok: 204,
    body: () => ({ role: 'guest' }),
  },
  { method: 'DELETE', url: '/api/workspaces/:slug/members/:user_id', access: manageMembers, ok: 204 },
  {
    method: 'POST',
    url: '/api/workspaces/:slug/leave',
    access: view,
    // The world's only owner may not leave it.
    ok: (caller) => (caller.role === 'owner' ? 409 : 204),
  },
  { method: 'GET', url: '/api/workspaces/:slug/invitations', access: manageMembers, ok: 200 },
  {
    method: 'POST',
    url: '/api/workspaces/:slug/invitations',
    access: manageMembers,
    ok: 201,
    body: () => ({ email: emailOf(), role: 'member' }),
  },
  {
    method: 'DELETE',
    url: '/api/workspaces/:slug/invitations/:invitation_id',
    access: manageMembers,
    ok: 204,
  },
  {
    method: 'GET',
    url: '/api/workspaces/:slug/activity',
    access: view,
    ok: 200,
    query: () => ({ per_page: '10' }),
  },
  { method: 'GET', url: '/api/invitations/:token', access: publicAccess, ok: 200 },
  {
    method: 'POST',
    url: '/api/invitations/accept',
    access: authenticated,
    ok: 200,
    // An invitation addressed to the caller (or to nobody in particular when there is no caller).
    body: async ({ world, caller }) => ({ token: (await world.invite(caller.user?.email)).token }),
  },
];

export const routeTable: RouteCase[] = [
  ...platformRoutes,
  ...identityRoutes,
  ...agentRoutes,
  ...workflowRoutes,
  ...integrationRoutes,
];

/**
 * Plane's public API (modules/work) answers in Plane's dialect and checks project roles, which this table does
 * not model; its role matrix is modules/work/work-roles.test.ts. Every other route, /api/v1 agents included,
 * needs a row here.
 */
export const isPlaneApiRoute = (url: string) =>
  /^\/api\/v1\/(\*$|users\/|workspaces\/:slug\/(projects|issues|work-items|members|stickies|users)(\/|$))/.test(
    url,
  );

export const routeKey = (route: { method: string; url: string }) => `${route.method} ${route.url}`;

/** The routes the running app serves, read from its router (Fastify's automatic HEAD routes left out). */
export function appRoutes(app: FastifyInstance): Array<{ method: string; url: string }> {
  const found: Array<{ method: string; url: string }> = [];
  const segments: string[] = [];
  for (const line of app.printRoutes().split('\n')) {
    const match = /^([│ ]*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    segments.length = depth;
    segments.push(match[2] === '(empty root node)' ? '' : match[2]!);
    for (const method of match[3]?.split(', ') ?? []) found.push({ method, url: segments.join('') });
  }
  const gets = new Set(found.filter((r) => r.method === 'GET').map((r) => r.url));
  return found.filter((r) => !(r.method === 'HEAD' && gets.has(r.url)));
}

/** Makes the cast: the four roles, an outsider, a target member, an owner's key and a revoked one. */
export async function createCast(t: TestApp): Promise<Cast> {
  const [owner, admin, member, guest, outsider, target] = await Promise.all(
    Array.from({ length: 6 }, () => newUser(t)),
  );
  const outsiderWorkspace = await t.container.identity.workspaces.create(
    { actor: { type: 'user', id: outsider!.id } },
    outsider!.id,
    { slug: `elsewhere-${unique()}`, name: 'Elsewhere' },
  );
  const ownerKey = await newApiToken(t, owner!);
  const revoked = await newApiToken(t, owner!);
  await t.container.identity.apiTokens.revoke(
    { actor: { type: 'user', id: owner!.id } },
    owner!.id,
    revoked.id,
  );
  return {
    owner: owner!,
    admin: admin!,
    member: member!,
    guest: guest!,
    outsider: outsider!,
    target: target!,
    outsiderWorkspace,
    ownerKey: ownerKey.token,
    revokedKey: revoked.token,
  };
}

export function callerOf(cast: Cast, name: CallerName): Caller {
  const session = (user: TestUser, role: WorkspaceRole | undefined): Caller => ({
    name,
    role,
    user,
    headers: { cookie: user.cookie },
  });
  switch (name) {
    case 'owner':
    case 'admin':
    case 'member':
    case 'guest':
      return session(cast[name], name);
    case 'outsider':
      return session(cast.outsider, undefined);
    case 'anonymous':
      return { name, role: undefined, user: undefined, headers: {} };
    case 'revokedKey':
      return { name, role: undefined, user: undefined, headers: { 'x-api-key': cast.revokedKey } };
    case 'ownerKey':
      return { name, role: 'owner', user: cast.owner, headers: { 'x-api-key': cast.ownerKey } };
  }
}

export async function newWorld(t: TestApp, cast: Cast): Promise<World> {
  const { workspaces, members } = t.container.identity;
  const ctx = { actor: { type: 'user' as const, id: cast.owner.id } };
  const workspace = await workspaces.create(ctx, cast.owner.id, { slug: `world-${unique()}`, name: 'World' });
  for (const [user, role] of [
    [cast.admin, 'admin'],
    [cast.member, 'member'],
    [cast.guest, 'guest'],
    [cast.target, 'member'],
  ] as const) {
    await members.add(ctx, workspace, user.id, role);
  }
  return { t, cast, workspace, invite: (email) => inviteTo(t, workspace.slug, cast.owner, email) };
}

/** A pending invitation (role member) of the workspace, made by `inviter`, who must be able to invite. */
async function inviteTo(
  t: TestApp,
  slug: string,
  inviter: TestUser,
  email = emailOf(),
): Promise<{ id: string; token: string }> {
  const { workspaces, invitations } = t.container.identity;
  const { invitation, acceptUrl } = await invitations.invite(
    { actor: { type: 'user', id: inviter.id } },
    await workspaces.findBySlug(slug),
    'owner',
    { email, role: 'member' },
    inviter.name,
  );
  return { id: invitation.id, token: acceptUrl.split('/').pop()! };
}

export interface PreparedRequest {
  method: RouteCase['method'];
  url: string;
  headers: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
}

/** A valid call of `route` by the context's caller (inject options); `fill` overrides placeholder values. */
export async function buildRequest(
  route: RouteCase,
  context: RouteContext,
  fill: Record<string, string> = {},
): Promise<PreparedRequest> {
  let url = route.target?.url ?? route.url;
  for (const name of placeholderNames(route.url)) {
    const value = fill[name] ?? (await placeholderOf(name).own(context.world, context.caller));
    url = url.replace(`:${name}`, encodeURIComponent(value));
  }
  return {
    method: route.method,
    url,
    headers: { ...context.caller.headers, ...route.target?.headers },
    ...(route.query ? { query: route.query() } : {}),
    ...(route.body ? { body: await route.body(context) } : {}),
  };
}

export function placeholderNames(url: string): string[] {
  return [...url.matchAll(/:([a-z_]+)/g)].map((m) => m[1]!);
}

export function placeholderOf(name: string): Placeholder {
  const placeholder = placeholders[name];
  if (!placeholder) throw new Error(`route-table: no placeholder filler for :${name}; add one`);
  return placeholder;
}

export function okStatus(route: RouteCase, caller: Caller, t: TestApp): number {
  return typeof route.ok === 'number' ? route.ok : route.ok(caller, t);
}

/**
 * A fingerprint of every table's rows, to prove a refused request changed nothing. The dispatcher's
 * bookkeeping is left out: it moves on its own and holds no data.
 */
export async function databaseDigest(t: TestApp): Promise<Record<string, string>> {
  const { db } = t.database;
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`),
  ).filter((r) => r.name !== 'event_consumers');
  const perTable = tables.map(
    ({ name }) =>
      sql`select ${name} as name, count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${sql.identifier(name)} x`,
  );
  const rows = rowsOf<{ name: string; n: number; h: string }>(
    await db.execute(sql.join(perTable, sql` union all `)),
  );
  return Object.fromEntries(rows.map((r) => [r.name, `${r.n} rows, ${r.h}`]));
}
