import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { sql } from 'drizzle-orm';
import { afterAll } from 'vitest';
import { openDatabase, rowsOf } from '../src/platform/db/database.ts';
import { runMigrations } from '../src/platform/db/migrate.ts';
import { newUser, newWorkspace } from './factories.ts';
import { withDatabase } from './global-setup.ts';
import { adminQuery } from './postgres-admin.ts';
import { cleanupProcesses, spawnAgency, tempDataDir, type AgencyProcess } from './process.ts';
import { createTestApp, TEST_SECRET_KEY, type TestApp } from './test-app.ts';

/**
 * Crash tests with real `agency-os start --role worker` processes on one fresh PostgreSQL database. This test
 * process plays the API (it runs no worker); the workspace has a code reviewer and the security agent it hands
 * findings to.
 */
export interface WorkerRig {
  t: TestApp;
  ownerId: string;
  workspaceId: string;
  reviewerId: string;
  /** A worker process, once it says it is running. */
  startWorker(): Promise<AgencyProcess>;
  kill(worker: AgencyProcess): Promise<void>;
  query<T>(statement: ReturnType<typeof sql>): Promise<T[]>;
}

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A realistic review (a Python change with security findings) plus a long generated module, so that each run
 * takes a moment and a kill can land in the middle of one.
 */
export const slowReviewDiff = `${readFileSync(new URL('./fixtures/code-review/python.diff', import.meta.url), 'utf8')}${[
  'diff --git a/src/generated/catalog.ts b/src/generated/catalog.ts',
  '--- a/src/generated/catalog.ts',
  '+++ b/src/generated/catalog.ts',
  '@@ -0,0 +1,3000 @@',
  ...Array.from(
    { length: 3000 },
    (_, i) => `+export const item${i} = { id: ${i}, label: 'Item ${i}', price: ${(i * 7) % 100} };`,
  ),
].join('\n')}\n`;

/**
 * Creates the database (named `prefix_<random>`), migrates it and sets up the workspace; await it at the test
 * file's top level. Worker processes, the app and the database go after the file's tests.
 */
export async function workerRig(prefix: string): Promise<WorkerRig> {
  const databaseName = `${prefix}_${randomBytes(5).toString('hex')}`;
  const databaseUrl = withDatabase(adminUrl, databaseName);
  let t: TestApp | undefined;
  afterAll(async () => {
    await cleanupProcesses();
    await t?.close();
    await adminQuery(adminUrl, `drop database if exists ${databaseName} with (force)`);
  });
  await adminQuery(adminUrl, `create database ${databaseName}`);
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl }, { poolSize: 5 });
  await runMigrations(database);
  const app = (t = await createTestApp({}, database));
  const owner = await newUser(app);
  const workspace = await newWorkspace(app, owner);
  const ctx = { actor: { type: 'user' as const, id: owner.id } };
  const { service } = app.container.agents;
  const reviewer = await service.createAgent(ctx, workspace.id, {
    name: 'Reviewer',
    agentType: 'code_review',
    maxConcurrency: 8,
  });
  await service.createAgent(ctx, workspace.id, {
    name: 'Security',
    agentType: 'security',
    maxConcurrency: 8,
  });

  return {
    t: app,
    ownerId: owner.id,
    workspaceId: workspace.id,
    reviewerId: reviewer.id,
    async startWorker() {
      const worker = spawnAgency(['start', '--role', 'worker'], {
        DATABASE_URL: databaseUrl,
        AGENCY_SECRET_KEY: TEST_SECRET_KEY,
        AGENCY_DATA_DIR: tempDataDir(),
        AGENCY_DEMO: 'false',
        LOG_LEVEL: 'warn',
      });
      await worker.waitForOutput(/Agency OS is running \(worker\)/);
      return worker;
    },
    async kill(worker) {
      worker.signal('SIGKILL');
      await worker.exited;
    },
    query: async <T>(statement: ReturnType<typeof sql>) =>
      rowsOf<T>(await app.database.db.execute(statement)),
  };
}
