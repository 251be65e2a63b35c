import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyPostgresDatabase, createTestDatabase } from '../../../test/test-database.ts';
import { LogSink } from '../../../test/test-app.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { runMigrations } from '../db/migrate.ts';
import type { ChangeContext } from './actor.ts';
import { EventDispatcher, type DomainEvent } from './dispatcher.ts';
import { activityLog, domainEvents, eventConsumers } from './events.schema.ts';
import { recordChange } from './outbox.ts';
import { Transactor } from './transactor.ts';

let database: Database;
const logs = new LogSink();
const logger = pino({ level: 'info' }, logs);
const context: ChangeContext = {
  actor: { type: 'user', id: randomUUID() },
  requestId: 'req-1',
  ip: '127.0.0.1',
};

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

let recorded = 0;

/** Events of a type no other test uses, committed one transaction each (as services do). */
async function record(type: string, count: number): Promise<string[]> {
  const transactor = new Transactor(database.db);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const objectId = `${type}-${recorded++}`;
    await transactor.run((tx) =>
      recordChange(tx, context, {
        workspaceId: null,
        action: type,
        objectType: 'thing',
        objectId,
        after: { i },
      }),
    );
    ids.push(objectId);
  }
  return ids;
}

const uniqueType = () => `test.${randomUUID().slice(0, 8)}`;
const dispatcher = (options = {}) =>
  new EventDispatcher(database.db, logger, { pollIntervalMs: 10, ...options });

describe('recordChange', () => {
  it('writes the audit row and the event in the same transaction', async () => {
    const objectId = randomUUID();
    let woken = 0;
    await new Transactor(database.db, () => woken++).run((tx) =>
      recordChange(tx, context, {
        workspaceId: null,
        action: 'thing.renamed',
        objectType: 'thing',
        objectId,
        before: { name: 'old' },
        after: { name: 'new' },
      }),
    );
    expect(woken).toBe(1);
    const [audit] = await database.db.select().from(activityLog).where(eq(activityLog.objectId, objectId));
    expect(audit).toMatchObject({
      actorType: 'user',
      actorId: context.actor.id,
      action: 'thing.renamed',
      objectType: 'thing',
      before: { name: 'old' },
      after: { name: 'new' },
      requestId: 'req-1',
      ip: '127.0.0.1',
    });
    const [event] = await database.db
      .select()
      .from(domainEvents)
      .where(eq(domainEvents.aggregateId, objectId));
    expect(event).toMatchObject({
      type: 'thing.renamed',
      aggregateType: 'thing',
      actorType: 'user',
      payload: { before: { name: 'old' }, after: { name: 'new' } },
    });
  });

  it('leaves neither the audit row nor the event when the transaction rolls back', async () => {
    const objectId = randomUUID();
    let woken = 0;
    const failed = new Transactor(database.db, () => woken++).run(async (tx) => {
      await recordChange(tx, context, {
        workspaceId: null,
        action: 'thing.deleted',
        objectType: 'thing',
        objectId,
      });
      throw new Error('the change itself failed');
    });
    await expect(failed).rejects.toThrow('the change itself failed');
    expect(woken).toBe(0);
    expect(await database.db.select().from(activityLog).where(eq(activityLog.objectId, objectId))).toEqual(
      [],
    );
    expect(
      await database.db.select().from(domainEvents).where(eq(domainEvents.aggregateId, objectId)),
    ).toEqual([]);
  });
});

describe('EventDispatcher', () => {
  it('delivers every event to each consumer, in order', async () => {
    const type = uniqueType();
    const expected = await record(type, 12);
    const seen = { audit: [] as DomainEvent[], mailer: [] as DomainEvent[] };
    const d = dispatcher({ batchSize: 5 });
    d.subscribe({ name: `audit-${type}`, handle: async (e) => void seen.audit.push(e) });
    d.subscribe({ name: `mailer-${type}`, handle: async (e) => void seen.mailer.push(e) });
    await d.drain();
    for (const events of [seen.audit, seen.mailer]) {
      const seqs = events.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(events.filter((e) => e.type === type).map((e) => e.aggregateId)).toEqual(expected);
    }
  });

  it('retries a handler that throws from the event that failed, without skipping or repeating earlier ones', async () => {
    const type = uniqueType();
    const expected = await record(type, 4);
    const attempts: string[] = [];
    let failures = 0;
    const d = dispatcher();
    d.subscribe({
      name: `flaky-${type}`,
      types: [type],
      handle: async (event) => {
        attempts.push(event.aggregateId);
        if (event.aggregateId === expected[2] && failures++ < 2) throw new Error('downstream unavailable');
      },
    });
    // A round that made progress is followed by another, which stops at the same failure; the next round
    // (a poll in the running server, a drain here) starts from it again.
    await d.drain();
    expect(attempts).toEqual([...expected.slice(0, 3), expected[2]]);
    await d.drain();
    expect(attempts).toEqual([...expected.slice(0, 3), expected[2], expected[2], expected[3]]);
    expect(
      logs.find((l) => l.msg === 'event handler failed; will retry' && l.consumer === `flaky-${type}`),
    ).toBeDefined();
  });

  it('resumes from its stored position in a new dispatcher instance (a restart)', async () => {
    const type = uniqueType();
    const before = await record(type, 3);
    const name = `restart-${type}`;
    const first: string[] = [];
    const d1 = dispatcher();
    d1.subscribe({ name, types: [type], handle: async (e) => void first.push(e.aggregateId) });
    await d1.drain();
    await d1.stop();
    expect(first).toEqual(before);

    const after = (await record(`${type}.more`, 2)).concat(await record(type, 2));
    const second: string[] = [];
    const d2 = dispatcher();
    d2.subscribe({
      name,
      types: [type, `${type}.more`],
      handle: async (e) => void second.push(e.aggregateId),
    });
    await d2.drain();
    expect(second).toEqual(after);
  });

  it('hands only the subscribed event types to a consumer', async () => {
    const wanted = uniqueType();
    const other = uniqueType();
    await record(other, 2);
    const expected = await record(wanted, 2);
    await record(other, 2);
    const got: DomainEvent[] = [];
    const d = dispatcher();
    d.subscribe({ name: `filtered-${wanted}`, types: [wanted], handle: async (e) => void got.push(e) });
    await d.drain();
    expect(got.map((e) => e.type)).toEqual([wanted, wanted]);
    expect(got.map((e) => e.aggregateId)).toEqual(expected);
  });

  it('never hands the same event to one consumer in two dispatchers at the same time', async () => {
    const type = uniqueType();
    const name = `shared-${type}`;
    const handled: string[] = [];
    let active = 0;
    let maxActive = 0;
    const handle = async (event: DomainEvent) => {
      active++;
      maxActive = Math.max(maxActive, active);
      // Give the other dispatcher every chance to interleave while this one is mid-event.
      await new Promise((resolve) => setTimeout(resolve, 2));
      handled.push(event.aggregateId);
      active--;
    };
    const d1 = dispatcher({ batchSize: 3 });
    const d2 = dispatcher({ batchSize: 3 });
    d1.subscribe({ name, types: [type], handle });
    d2.subscribe({ name, types: [type], handle });
    d1.start();
    d2.start();
    const expected: string[] = [];
    for (let round = 0; round < 4; round++) {
      expected.push(...(await record(type, 5)));
      d1.wake();
      d2.wake();
    }
    // Bounded wait for both to catch up; they poll every 10 ms.
    for (let i = 0; i < 500 && handled.length < expected.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await Promise.all([d1.stop(), d2.stop()]);
    expect(maxActive).toBe(1);
    expect(handled).toEqual(expected);
  });

  it('leaves a consumer alone while another holder’s lease runs, and takes over once it expires', async () => {
    const type = uniqueType();
    const name = `leased-${type}`;
    const expected = await record(type, 2);
    await database.db
      .insert(eventConsumers)
      .values({ name, leaseOwner: 'another-process', leaseUntil: new Date(Date.now() + 60_000) });
    const got: string[] = [];
    const d = dispatcher();
    d.subscribe({ name, types: [type], handle: async (e) => void got.push(e.aggregateId) });
    await d.drain();
    expect(got).toEqual([]);

    // The other process died: its lease runs out and the consumer continues from the stored position.
    await database.db
      .update(eventConsumers)
      .set({ leaseUntil: sql`now() - interval '1 second'` })
      .where(eq(eventConsumers.name, name));
    await d.drain();
    expect(got).toEqual(expected);
    const [row] = await database.db.select().from(eventConsumers).where(eq(eventConsumers.name, name));
    expect(row).toMatchObject({ leaseOwner: null, leaseUntil: null });
    expect(row!.position).toBeGreaterThan(0);
  });

  it('never skips an event whose transaction commits after a later one’s (concurrent writers, PostgreSQL)', async () => {
    // PGlite has one connection, so transactions cannot overlap there: this runs on the machine's PostgreSQL.
    const empty = await createEmptyPostgresDatabase();
    const pg = await openDatabase({ kind: 'postgres', url: empty.url }, { poolSize: 4 });
    try {
      await runMigrations(pg);
      const transactor = new Transactor(pg.db);
      const change = (objectId: string) => ({
        workspaceId: null,
        action: 'thing.late',
        objectType: 'thing',
        objectId,
      });
      let written!: () => void;
      const firstWritten = new Promise<void>((resolve) => (written = resolve));
      let commit!: () => void;
      const mayCommit = new Promise<void>((resolve) => (commit = resolve));
      // Writes its event first, commits last.
      const slow = transactor.run(async (tx) => {
        await recordChange(tx, context, change('first-written'));
        written();
        await mayCommit;
      });
      await firstWritten;
      await transactor.run((tx) => recordChange(tx, context, change('first-committed')));
      const got: string[] = [];
      const d = new EventDispatcher(pg.db, logger, { pollIntervalMs: 10 });
      d.subscribe({ name: 'late', types: ['thing.late'], handle: async (e) => void got.push(e.aggregateId) });
      await d.drain();
      expect(got).toEqual(['first-committed']);
      commit();
      await slow;
      await d.drain();
      expect(got).toEqual(['first-committed', 'first-written']);
    } finally {
      await pg.close();
      await empty.drop();
    }
  });
});
