import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { runMigrations } from '../src/platform/db/migrate.ts';
import { newApiToken, newUser, newWorkspace, type TestWorkspace } from './factories.ts';
import { withDatabase } from './global-setup.ts';
import { adminQuery } from './postgres-admin.ts';
import {
  call,
  cleanupProcesses,
  PROCESS_TEST_TIMEOUT_MS,
  startAgencyServer,
  tempDataDir,
  type ServerProcess,
} from './process.ts';
import { closeAllClients, connectClient, type Received, type TestClient } from './realtime-client.ts';
import { createTestApp, TEST_SECRET_KEY, type TestApp } from './test-app.ts';

/**
 * Scale-out: two real `agency-os start` processes on one PostgreSQL database and one Redis, both running the
 * realtime role. A client connected to either one gets the events produced on the other.
 */
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const cleanDiff = readFileSync(new URL('./fixtures/code-review/clean.diff', import.meta.url), 'utf8');

let databaseName: string;
let database: Database;
let t: TestApp;
let workspace: TestWorkspace;
let token: string;
let reviewerId: string;
let first: ServerProcess;
let second: ServerProcess;

function env(): Record<string, string> {
  return {
    DATABASE_URL: withDatabase(adminUrl, databaseName),
    REDIS_URL: redisUrl,
    AGENCY_SECRET_KEY: TEST_SECRET_KEY,
    AGENCY_DATA_DIR: tempDataDir(),
    AGENCY_DEMO: 'false',
    LOG_LEVEL: 'warn',
  };
}

beforeAll(async () => {
  databaseName = `agency_realtime_${randomBytes(5).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${databaseName}`);
  database = await openDatabase(
    { kind: 'postgres', url: withDatabase(adminUrl, databaseName) },
    { poolSize: 3 },
  );
  await runMigrations(database);
  t = await createTestApp({}, database);
  const owner = await newUser(t);
  workspace = await newWorkspace(t, owner);
  token = (await newApiToken(t, owner)).token;
  reviewerId = (
    await t.container.agents.service.createAgent({ actor: { type: 'user', id: owner.id } }, workspace.id, {
      name: 'Reviewer',
      agentType: 'code_review',
    })
  ).id;
  // The first serves WebSockets only (its own HTTP server); the second runs every role.
  [first, second] = await Promise.all([
    startAgencyServer(env(), ['--role', 'realtime']),
    startAgencyServer(env(), ['--role', 'api,worker,realtime']),
  ]);
}, PROCESS_TEST_TIMEOUT_MS);

afterAll(async () => {
  closeAllClients();
  await cleanupProcesses();
  await t?.close();
  if (databaseName) await adminQuery(adminUrl, `drop database if exists ${databaseName} with (force)`);
});

async function watch(server: ServerProcess): Promise<TestClient> {
  const client = await connectClient(server.url, { apiKey: token });
  expect(await client.join(workspace.slug)).toMatchObject({ ok: true });
  expect(await client.subscribe('agent_tasks')).toMatchObject({ ok: true });
  return client;
}

const stepsOf = (received: Received[], taskId: string) =>
  received.filter((r) => r.payload.object_id === taskId).map((r) => r.event);

describe('two realtime processes with Redis', () => {
  it(
    'deliver an event produced on one process to the clients of both, in order',
    async () => {
      const onFirst = await watch(first);
      const onSecond = await watch(second);
      const created = await call<{ id: string }>(
        second,
        'POST',
        `/api/v1/workspaces/${workspace.slug}/agent-tasks/`,
        {
          apiKey: token,
          body: { agent_id: reviewerId, task_type: 'review_diff', input: { diff: cleanDiff } },
        },
      );
      expect(created.status).toBe(201);
      const taskId = created.body.id;
      for (const client of [onFirst, onSecond]) {
        await client.until(
          (r) => stepsOf(r, taskId).includes('agent_task.completed'),
          'the task to complete',
          60_000,
        );
        expect(stepsOf(client.received, taskId)).toEqual([
          'agent_task.created',
          'agent_task.started',
          'agent_task.completed',
        ]);
      }

      // A client that reconnects to the other process carries on there.
      onFirst.close();
      const moved = await watch(second);
      const third = await call<{ id: string }>(
        second,
        'POST',
        `/api/v1/workspaces/${workspace.slug}/agent-tasks/`,
        {
          apiKey: token,
          body: { agent_id: reviewerId, task_type: 'review_diff', input: { diff: cleanDiff } },
        },
      );
      await moved.until(
        (r) => stepsOf(r, third.body.id).includes('agent_task.completed'),
        'the third task',
        60_000,
      );
      onSecond.close();
      moved.close();

      // The realtime-only process answers health checks and nothing else over HTTP, and stops cleanly.
      expect((await fetch(`${first.url}/health`)).status).toBe(200);
      expect((await fetch(`${first.url}/api/workspaces`)).status).toBe(404);
      for (const server of [first, second]) {
        server.signal('SIGTERM');
        expect((await server.exited).code).toBe(0);
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
