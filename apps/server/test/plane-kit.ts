import { HttpError, PlaneClient } from '@makeplane/plane-node-sdk';
import { afterAll, expect } from 'vitest';
import type { WorkspaceRole } from '../src/modules/identity/index.ts';
import {
  newApiToken,
  newMember,
  newUser,
  newWorkspace,
  type TestUser,
  type TestWorkspace,
} from './factories.ts';
import { createTestApp, type TestApp } from './test-app.ts';

/** The real app on 127.0.0.1 (port chosen by the OS), as Plane's SDK and MCP server reach it. */
export interface PlaneServer {
  t: TestApp;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startPlaneServer(env: Record<string, string> = {}): Promise<PlaneServer> {
  const t = await createTestApp({ API_KEY_RATE_LIMIT: '100000', ...env });
  const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
  return { t, baseUrl: address, close: () => t.close() };
}

export interface Caller {
  user: TestUser;
  token: string;
  sdk: PlaneClient;
}

export async function callerFor(server: PlaneServer, user: TestUser): Promise<Caller> {
  const { token } = await newApiToken(server.t, user);
  return { user, token, sdk: new PlaneClient({ baseUrl: server.baseUrl, apiKey: token }) };
}

/** A workspace with its owner, who calls through the SDK with an API key. */
export async function ownerWithWorkspace(
  server: PlaneServer,
): Promise<{ owner: Caller; workspace: TestWorkspace }> {
  const user = await newUser(server.t);
  const workspace = await newWorkspace(server.t, user);
  return { owner: await callerFor(server, user), workspace };
}

/**
 * The start of every Plane test file: the server, a workspace and its owner, the server closed after the file's
 * tests. Await it at the file's top level (`const { server, owner, workspace } = await planeWorkspace();`): the
 * names are then constants every test and hook can use, without a `let` for each.
 */
export async function planeWorkspace(
  env?: Record<string, string>,
): Promise<{ server: PlaneServer; owner: Caller; workspace: TestWorkspace }> {
  const server = await startPlaneServer(env);
  afterAll(() => server.close());
  return { server, ...(await ownerWithWorkspace(server)) };
}

export async function memberCaller(
  server: PlaneServer,
  workspace: TestWorkspace,
  role: WorkspaceRole,
): Promise<Caller> {
  return callerFor(server, await newMember(server.t, workspace, role));
}

/** Awaits a rejected SDK call and returns the HttpError it raised, checking its status (and body, if given). */
export async function httpError(call: Promise<unknown>, status: number, body?: unknown): Promise<HttpError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  const http = error as HttpError;
  expect({ status: http.statusCode, body: http.response }).toMatchObject({
    status,
    ...(body === undefined ? {} : { body }),
  });
  return http;
}

/** Raw HTTP against the server (for what the SDK cannot send: other methods, no key, odd paths). */
export async function raw(
  server: PlaneServer,
  method: string,
  path: string,
  options: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: {
      ...(options.key ? { 'x-api-key': options.key } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}
