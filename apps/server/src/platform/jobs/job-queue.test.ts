import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { waitFor } from '../../../test/agents.ts';
import { rowsOf, type Database } from '../db/database.ts';
import { runMigrations } from '../db/migrate.ts';
import { JobQueue } from './job-queue.ts';

/** The queue on this run's database kind (PGlite, or PostgreSQL with TEST_DATABASE_URL): one code path. */
let database: Database;
let queue: JobQueue;
const ran: Array<{ id: string; data: { n: number } }> = [];
const gates = new Map<number, () => void>();

beforeAll(async () => {
  database = await createTestDatabase();
  queue = new JobQueue(database, pino({ level: 'silent' }));
  queue.define({ name: 'test-jobs', retryLimit: 1 });
  queue.handle<{ n: number; hold?: boolean }>(
    'test-jobs',
    async (job) => {
      if (job.data.hold) await new Promise<void>((resolve) => gates.set(job.data.n, resolve));
      ran.push({ id: job.id, data: job.data });
    },
    { concurrency: 2 },
  );
  await queue.open();
});
afterAll(async () => {
  await queue?.stop();
  await database?.close();
});

const jobState = async (id: string) =>
  rowsOf<{ state: string }>(await database.db.execute(sql`select state from pgboss.job where id = ${id}`))[0]
    ?.state;

describe('job queue', () => {
  it('creates a job in the caller’s transaction: none if it rolls back, one if it commits', async () => {
    const rolledBack = randomUUID();
    await expect(
      database.db.transaction(async (tx) => {
        await queue.send('test-jobs', { n: 1 }, { tx: tx as never, id: rolledBack });
        throw new Error('the caller changed its mind');
      }),
    ).rejects.toThrow('the caller changed its mind');
    expect(await jobState(rolledBack)).toBeUndefined();

    const committed = randomUUID();
    await database.db.transaction(async (tx) => {
      await queue.send('test-jobs', { n: 2 }, { tx: tx as never, id: committed });
    });
    expect(await jobState(committed)).toBe('created');
    // Nothing runs until this process takes the worker role.
    expect(ran).toEqual([]);
    await queue.startWorkers();
    await waitFor(async () => ran.length > 0, 'the committed job to run');
    expect(ran).toEqual([{ id: committed, data: { n: 2 } }]);
    await waitFor(async () => (await jobState(committed)) === 'completed', 'the job to complete');
  });

  it('cancels a job inside a transaction so that it never runs', async () => {
    const id = await queue.send('test-jobs', { n: 3 }, { startAfter: new Date(Date.now() + 1500) });
    await database.db.transaction(async (tx) => queue.cancel('test-jobs', id, { tx: tx as never }));
    expect(await jobState(id)).toBe('cancelled');
    const later = await queue.send('test-jobs', { n: 4 }, { startAfter: new Date(Date.now() + 1600) });
    await waitFor(async () => ran.some((r) => r.id === later), 'a job due after the cancelled one');
    expect(ran.some((r) => r.id === id)).toBe(false);
  });

  it('lets a running job finish when it stops', async () => {
    await queue.send('test-jobs', { n: 5, hold: true });
    await waitFor(async () => gates.has(5), 'the held job to start');
    const stopping = queue.stop(10_000);
    gates.get(5)!();
    await stopping;
    expect(ran.at(-1)?.data).toEqual({ n: 5, hold: true });
    await expect(queue.send('test-jobs', { n: 6 })).rejects.toThrow('the job queue is not open');
  });

  it('installs its schema idempotently with the migrations', async () => {
    await runMigrations(database);
    await runMigrations(database);
    const [row] = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from pgboss.queue where name = 'test-jobs'`),
    );
    expect(row!.n).toBe(1);
  });
});
