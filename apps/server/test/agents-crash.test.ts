import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type Database } from '../src/platform/db/database.ts';
import { runMigrations } from '../src/platform/db/migrate.ts';
import { systemContext } from '../src/platform/events/actor.ts';
import { waitFor } from './agents.ts';
import { newUser, newWorkspace } from './factories.ts';
import { withDatabase } from './global-setup.ts';
import { adminQuery } from './postgres-admin.ts';
import { cleanupProcesses, spawnAgency, tempDataDir, type AgencyProcess } from './process.ts';
import { createTestApp, TEST_SECRET_KEY, type TestApp } from './test-app.ts';

/**
 * Crash safety on real PostgreSQL: two `agency-os start --role worker` processes share one fresh database
 * while code reviews flow in; one of them is SIGKILLed in the middle of tasks, again and again. Every task
 * must end, the interrupted ones included, and no effect (the security task a review hands over) may happen
 * twice.
 */
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const KILLS = 4;
const BURST = 12;

let databaseName: string;
let database: Database;
let t: TestApp;
let reviewerId: string;
let workspaceId: string;

// A realistic review (a Python change with security findings) plus a long generated module, so that each run
// takes a moment and a kill can land in the middle of one.
const pythonChange = readFileSync(new URL('./fixtures/code-review/python.diff', import.meta.url), 'utf8');
const bulk = [
  'diff --git a/src/generated/catalog.ts b/src/generated/catalog.ts',
  '--- a/src/generated/catalog.ts',
  '+++ b/src/generated/catalog.ts',
  '@@ -0,0 +1,3000 @@',
  ...Array.from(
    { length: 3000 },
    (_, i) => `+export const item${i} = { id: ${i}, label: 'Item ${i}', price: ${(i * 7) % 100} };`,
  ),
].join('\n');
const diff = `${pythonChange}${bulk}\n`;

beforeAll(async () => {
  databaseName = `agency_crash_${randomBytes(5).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${databaseName}`);
  database = await openDatabase(
    { kind: 'postgres', url: withDatabase(adminUrl, databaseName) },
    { poolSize: 5 },
  );
  await runMigrations(database);
  t = await createTestApp({}, database);
  const owner = await newUser(t);
  const workspace = await newWorkspace(t, owner);
  workspaceId = workspace.id;
  const { service } = t.container.agents;
  const ctx = { actor: { type: 'user' as const, id: owner.id } };
  reviewerId = (
    await service.createAgent(ctx, workspace.id, {
      name: 'Reviewer',
      agentType: 'code_review',
      maxConcurrency: 8,
    })
  ).id;
  await service.createAgent(ctx, workspace.id, {
    name: 'Security',
    agentType: 'security',
    maxConcurrency: 8,
  });
}, 120_000);

afterAll(async () => {
  await cleanupProcesses();
  await t?.close();
  if (databaseName) await adminQuery(adminUrl, `drop database if exists ${databaseName} with (force)`);
});

function startWorker(): AgencyProcess {
  return spawnAgency(['start', '--role', 'worker'], {
    DATABASE_URL: withDatabase(adminUrl, databaseName),
    AGENCY_SECRET_KEY: TEST_SECRET_KEY,
    AGENCY_DATA_DIR: tempDataDir(),
    AGENCY_DEMO: 'false',
    LOG_LEVEL: 'warn',
  });
}

async function ready(worker: AgencyProcess): Promise<AgencyProcess> {
  await worker.waitForOutput(/Agency OS is running \(worker\)/);
  return worker;
}

const query = async <T>(statement: ReturnType<typeof sql>) =>
  rowsOf<T>(await t.database.db.execute(statement));

/** Tasks a worker process is running right now (its runs stamp their rows with host:pid:…). */
const runningOn = (worker: AgencyProcess) =>
  query<{ id: string }>(
    sql`select id from agent_tasks where worker_id like ${`%:${worker.pid}:%`} and status in ('in_progress', 'approved')`,
  );

async function addReviews(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await t.container.agents.service.createTask(systemContext, workspaceId, reviewerId, {
      taskType: 'review_diff',
      input: { diff, title: `Change ${i}` },
      maxAttempts: 10,
    });
  }
}

/** Signs off every security triage that waits for a person, as someone watching the console would. */
async function approveWaiting(): Promise<void> {
  const waiting = await query<{ id: string }>(
    sql`select id from agent_tasks where status = 'needs_approval'`,
  );
  for (const { id } of waiting) {
    await t.container.agents.service.approve(systemContext, workspaceId, id).catch(() => undefined);
  }
}

/** Runs `work` while signing off, every 200 ms, each security triage that waits for a person. */
async function whileApproving<T>(work: () => Promise<T>): Promise<T> {
  let approving = true;
  const approver = (async () => {
    while (approving) {
      await approveWaiting().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  try {
    return await work();
  } finally {
    approving = false;
    await approver;
  }
}

describe('crash safety with two worker processes on PostgreSQL', () => {
  it('finishes every task and performs every effect once while a worker is SIGKILLed mid-task, repeatedly', async () => {
    const steady = await ready(startWorker());
    let victim = await ready(startWorker());
    const interrupted = new Set<string>();
    let reviewCount = 0;
    const total = await whileApproving(async () => {
      // A kill counts when the dead process still held a task; rounds are bounded in case one keeps missing.
      let kills = 0;
      for (let round = 0; kills < KILLS && round < 3 * KILLS; round++) {
        await addReviews(BURST);
        reviewCount += BURST;
        await waitFor(
          async () => (await runningOn(victim)).length > 0,
          `worker ${victim.pid} to be in the middle of a task`,
          60_000,
        );
        victim.signal('SIGKILL');
        await victim.exited;
        // What the dead process still holds was cut short (no other worker takes it before its heartbeat lapses).
        const cut = await runningOn(victim);
        if (cut.length > 0) kills++;
        for (const { id } of cut) interrupted.add(id);
        victim = await ready(startWorker());
      }
      expect(kills).toBe(KILLS);
      return waitFor(
        async () => {
          await approveWaiting();
          const [row] = await query<{ open: number; all: number }>(
            sql`select count(*) filter (where status not in ('completed', 'failed', 'rejected', 'cancelled', 'dead_letter'))::int as open, count(*)::int as all from agent_tasks`,
          );
          return row!.open === 0 && row!.all;
        },
        'every task to reach a final state',
        150_000,
      );
    });
    expect(steady.child.exitCode).toBeNull();

    const reviews = await query<{ id: string; status: string; attempts: number; children: number }>(sql`
        select r.id, r.status, r.attempts, (select count(*)::int from agent_tasks c where c.parent_task_id = r.id) as children
        from agent_tasks r where r.agent_id = ${reviewerId}`);
    expect(reviews).toHaveLength(reviewCount);
    expect(total).toBe(2 * reviewCount);
    // Every review completed and handed over exactly one security task, however often it ran.
    expect(reviews.filter((r) => r.status !== 'completed' || r.children !== 1)).toEqual([]);
    const statuses = await query<{ status: string; n: number }>(
      sql`select status, count(*)::int as n from agent_tasks group by status`,
    );
    expect(statuses).toEqual([{ status: 'completed', n: 2 * reviewCount }]);
    const [effects] = await query<{ n: number; keys: number }>(
      sql`select count(*)::int as n, count(distinct key)::int as keys from agent_effects`,
    );
    expect(effects).toEqual({ n: reviewCount, keys: reviewCount });
    const [collaborations] = await query<{ n: number }>(
      sql`select count(*)::int as n from agent_collaborations`,
    );
    expect(collaborations!.n).toBe(reviewCount);

    // The runs cut short by a kill were started again (as a recovered attempt) and run to the end.
    const recoveredIds = await query<{ id: string }>(
      sql`select distinct aggregate_id as id from domain_events where type = 'agent_task.started' and payload->>'recovered' = 'true'`,
    );
    const recovered = new Set(recoveredIds.map((row) => row.id));
    expect([...interrupted].filter((id) => !recovered.has(id))).toEqual([]);
  }, 300_000);
});
