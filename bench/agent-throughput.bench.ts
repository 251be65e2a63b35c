import { sql } from 'drizzle-orm';
import { fromPglite, PgBoss, type ConstructorOptions } from 'pg-boss';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { createContainer, createLogger, type Container } from '../apps/server/src/container.ts';
import type { AgentKind } from '../apps/server/src/modules/agents/index.ts';
import { loadConfig } from '../apps/server/src/platform/config/config.ts';
import { openDatabase, rowsOf, type Database } from '../apps/server/src/platform/db/database.ts';
import { runMigrations } from '../apps/server/src/platform/db/migrate.ts';
import { systemContext, type ChangeContext } from '../apps/server/src/platform/events/actor.ts';
import { withCleanup } from './lib/cleanup.ts';
import { createBenchDatabase } from './lib/postgres.ts';
import { measurement, type Benchmark, type Measurement } from './lib/report.ts';
import { newSecretKey } from './lib/servers.ts';
import { median, percentile } from './lib/stats.ts';
import { tempDir } from './lib/temp.ts';

const name = 'agent-throughput';
const ROUNDS = 3;
/** Parallel creators of tasks (and senders of jobs on the baseline's side). */
const CREATORS = 4;
/** The same as the runtime's worker slots (agents/index.ts WORKER_CONCURRENCY). */
const WORKER_SLOTS = 4;
const LATENCY_SAMPLES = 20;
/** A round that has not finished within this long fails the benchmark (a bound, not a goal). */
const ROUND_TIMEOUT_MS = 60_000;
const BASELINE_QUEUE = 'bench-noop';
const KIND = 'bench_noop';

const sizes = { postgres: { tasks: 300 }, pglite: { tasks: 100 } };

/** What the no-op handlers saw: when each started, by task or job id. */
const starts = new Map<string, number>();

const noopKind: AgentKind = {
  type: KIND,
  role: 'executor',
  description: 'Does nothing: what is measured is the runtime around it.',
  capabilities: [],
  taskTypes: { noop: z.looseObject({}) },
  configuration: z.strictObject({}),
  defaults: { maxAttempts: 1 },
  async execute(ctx) {
    starts.set(ctx.task.id, performance.now());
    return { output: {} };
  },
};

interface Setup {
  container: Container;
  database: Database;
  workspaceId: string;
  agentId: string;
  ctx: ChangeContext;
  boss: PgBoss;
}

/** The worker role in this process (outbox dispatcher, bus, job workers), with the no-op kind and an agent of it. */
async function setUp(
  env: Record<string, string>,
  defer: (undo: () => Promise<void>) => void,
): Promise<Setup> {
  const config = loadConfig({ ...env, LOG_LEVEL: 'warn' });
  const database = await openDatabase(config.database);
  await runMigrations(database);
  const container = createContainer(config, database, createLogger(config, process.stderr));
  defer(() => container.close());
  container.agents.kinds.register(noopKind);
  const { user } = await (
    await container.identity.auth.get()
  ).api.signUpEmail({
    body: { email: 'owner@bench.example', password: 'bench-password-long-enough', name: 'Bench Owner' },
  });
  const workspace = await container.identity.workspaces.create(systemContext, user.id, {
    slug: 'bench-agents',
    name: 'Bench Agents',
  });
  const ctx: ChangeContext = { actor: { type: 'user', id: user.id } };
  // The highest per-agent limit there is, so the agent's own limit never holds a task back.
  const agent = await container.agents.service.createAgent(ctx, workspace.id, {
    name: 'No-op',
    agentType: KIND,
    maxConcurrency: 50,
  });
  container.dispatcher.start();
  await container.bus.start();
  await container.jobs.startWorkers();

  // The baseline: pg-boss 12 itself on the same database and schema, used the way job-queue.ts uses it (a
  // notify queue, one single-job worker per slot told to fetch again as its job ends), with no task rows.
  const boss = new PgBoss({
    ...bossConnection(database),
    schema: 'pgboss',
    migrate: false,
    schedule: false,
    supervise: true,
    useListenNotify: true,
  });
  boss.on('error', (error) => console.error('  baseline pg-boss error:', error));
  await boss.start();
  defer(() => boss.stop({ graceful: false }));
  await boss.createQueue(BASELINE_QUEUE, { retryLimit: 0, notify: true });
  for (let slot = 0; slot < WORKER_SLOTS; slot++) {
    let workerId = '';
    workerId = await boss.work<{ n: number }>(
      BASELINE_QUEUE,
      { pollingIntervalSeconds: 1, notifyPollingIntervalSeconds: 1 },
      async ([job]) => {
        starts.set(job!.id, performance.now());
        boss.notifyWorker(workerId);
      },
    );
  }
  return { container, database, workspaceId: workspace.id, agentId: agent.id, ctx, boss };
}

function bossConnection(database: Database): ConstructorOptions {
  if (database.kind === 'pglite') return { db: fromPglite(database.pglite!), backend: 'pglite' };
  return { connectionString: database.url!, max: 5 };
}

async function countOf(database: Database, query: ReturnType<typeof sql>): Promise<number> {
  return Number(rowsOf<{ n: string | number }>(await database.db.execute(query))[0]!.n);
}

/** `count` calls of `create` by `CREATORS` parallel creators. */
async function createAll(count: number, create: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CREATORS }, async () => {
      while (next < count) await create(next++);
    }),
  );
}

async function until(done: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = performance.now() + ROUND_TIMEOUT_MS;
  while (!(await done())) {
    if (performance.now() > deadline) throw new Error(`${what} not done within ${ROUND_TIMEOUT_MS} ms`);
    await sleep(10);
  }
}

/** Tasks (or jobs) per second from the first creation to the last completion. */
async function throughput(
  count: number,
  create: (i: number) => Promise<unknown>,
  completed: () => Promise<number>,
  what: string,
): Promise<number> {
  const before = await completed();
  const t0 = performance.now();
  await createAll(count, create);
  await until(async () => (await completed()) - before >= count, what);
  return count / ((performance.now() - t0) / 1000);
}

/**
 * One at a time, with the workers idle: from the call that enqueues (creates the task, or sends the job) to the
 * handler's start. Not from the call's return: pg-boss's in-process handler may start before `send` returns.
 */
async function wakeUps(create: () => Promise<string>): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const created = performance.now();
    const id = await create();
    await until(async () => starts.has(id), 'a wake-up');
    latencies.push(starts.get(id)! - created);
    // Let the run finish and the workers go back to waiting.
    await sleep(100);
  }
  return latencies;
}

function onDatabase(kind: 'postgres' | 'pglite'): () => Promise<Measurement[]> {
  return () =>
    withCleanup(async (defer) => {
      const dataDir = tempDir(`${name}-${kind}`);
      defer(dataDir.remove);
      const env: Record<string, string> = {
        AGENCY_DATA_DIR: dataDir.path,
        AGENCY_SECRET_KEY: newSecretKey(),
        AGENCY_DEMO: 'false',
      };
      if (kind === 'postgres') {
        const database = await createBenchDatabase();
        defer(database.drop);
        env.DATABASE_URL = database.url;
      }
      const s = await setUp(env, defer);
      const { tasks } = sizes[kind];
      const createTask = async () =>
        (
          await s.container.agents.service.createTask(s.ctx, s.workspaceId, s.agentId, {
            taskType: 'noop',
            input: {},
          })
        ).task.id;
      const sendJob = async (n: number) => (await s.boss.send(BASELINE_QUEUE, { n }))!;
      const tasksDone = () =>
        countOf(
          s.database,
          sql`select count(*) as n from agent_tasks where agent_id = ${s.agentId} and status = 'completed'`,
        );
      const jobsDone = () =>
        countOf(
          s.database,
          sql`select count(*) as n from pgboss.job where name = ${BASELINE_QUEUE} and state = 'completed'`,
        );

      // Warm-up, then alternating rounds so a busy moment on the shared machine hits both sides alike.
      await throughput(20, createTask, tasksDone, 'warm-up tasks');
      await throughput(20, sendJob, jobsDone, 'warm-up jobs');
      const rates = { product: [] as number[], baseline: [] as number[] };
      for (let i = 0; i < ROUNDS; i++) {
        rates.baseline.push(await throughput(tasks, sendJob, jobsDone, `${tasks} jobs`));
        rates.product.push(await throughput(tasks, createTask, tasksDone, `${tasks} tasks`));
      }
      const latency = { product: [] as number[], baseline: [] as number[] };
      for (let i = 0; i < 2; i++) {
        latency.baseline.push(...(await wakeUps(() => sendJob(-1))));
        latency.product.push(...(await wakeUps(createTask)));
      }

      const db = kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
      return [
        measurement({
          benchmark: name,
          measure: `no-op tasks through the agent runtime, ${db} (${tasks} per round)`,
          unit: 'tasks/s',
          value: median(rates.product),
          baselineLabel: 'raw pg-boss 12 send + work, no-op handler, same database',
          baseline: median(rates.baseline),
          goal: { on: 'ratio', op: '>=', limit: 0.8 },
          runs: { product_per_s: rates.product, baseline_per_s: rates.baseline },
        }),
        measurement({
          benchmark: name,
          measure: `wake-up, create task → handler starts, ${db}, p50`,
          unit: 'ms',
          value: median(latency.product),
          baselineLabel: 'pg-boss send → work handler',
          baseline: median(latency.baseline),
          ...(kind === 'postgres' ? { goal: { on: 'value' as const, op: '<' as const, limit: 50 } } : {}),
          runs: { product_ms: latency.product, baseline_ms: latency.baseline },
        }),
        measurement({
          benchmark: name,
          measure: `wake-up, create task → handler starts, ${db}, p99`,
          unit: 'ms',
          value: percentile(latency.product, 99),
          baselineLabel: 'pg-boss send → work handler',
          baseline: percentile(latency.baseline, 99),
          runs: {},
        }),
      ];
    });
}

export default {
  name,
  description:
    `No-op agent tasks (${CREATORS} parallel creators, the worker role in-process) until all complete, against ` +
    `raw pg-boss 12 send + work with a no-op handler on the same database (${WORKER_SLOTS} worker slots each); ` +
    `and the wake-up latency of one task on idle workers; on PostgreSQL and PGlite, ${ROUNDS} alternating rounds`,
  timeLimitSeconds: 240,
  async run() {
    return [...(await onDatabase('postgres')()), ...(await onDatabase('pglite')())];
  },
} satisfies Benchmark;
