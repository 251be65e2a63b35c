import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogSink } from '../../../test/test-app.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import type { Database } from '../db/database.ts';
import type { ChangeContext } from './actor.ts';
import { EventBus, type DomainEvent } from './bus.ts';
import { recordChange } from './outbox.ts';
import { Transactor } from './transactor.ts';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const context: ChangeContext = { actor: { type: 'system', id: null } };
const logs = new LogSink();
const logger = pino({ level: 'info' }, logs);

let database: Database;
const buses: EventBus[] = [];
const redisClients: Redis[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(buses.map((b) => b.stop()));
  for (const r of redisClients) r.disconnect();
  await database?.close();
});

function newBus(options: { pollIntervalMs?: number; redis?: boolean } = {}): EventBus {
  let redis: Redis | undefined;
  if (options.redis) {
    redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
    redisClients.push(redis);
  }
  const bus = new EventBus(database.db, logger, { pollIntervalMs: options.pollIntervalMs ?? 50, redis });
  buses.push(bus);
  return bus;
}

const uniqueType = () => `bus_test.${randomUUID().slice(0, 8)}`;

/** Commits `count` events of `type`, one transaction each as services do, telling `bus` after each commit. */
async function record(type: string, count: number, bus?: EventBus): Promise<string[]> {
  const transactor = new Transactor(database.db, () => bus?.notify());
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const objectId = `${type}-${i}`;
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

/** Collects what a consumer gets; `until` resolves once it has seen `n` events. */
function collector() {
  const seen: DomainEvent[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  return {
    seen,
    ids: () => seen.map((e) => e.aggregateId),
    handler: async (event: DomainEvent) => {
      seen.push(event);
      for (const w of waiters) if (seen.length >= w.n) w.resolve();
    },
    until(n: number, timeoutMs = 10_000): Promise<void> {
      if (seen.length >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`saw ${seen.length} of ${n} events: ${seen.map((e) => e.aggregateId).join(', ')}`),
            ),
          timeoutMs,
        );
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('event bus', () => {
  it('delivers in commit order and, after a restart, resumes where the consumer stopped', async () => {
    const type = uniqueType();
    const consumer = `bus-test-restart-${randomUUID()}`;
    const first = collector();
    const bus = newBus();
    bus.subscribe(consumer, [type], first.handler);
    await bus.start();
    const before = await record(type, 3, bus);
    await first.until(3);
    expect(first.ids()).toEqual(before);
    await bus.stop();

    // Committed while nobody listened.
    const during = await record(type, 4);
    const second = collector();
    const restarted = newBus();
    restarted.subscribe(consumer, [type], second.handler);
    await restarted.start();
    await second.until(4);
    await pause(200);
    expect(second.ids()).toEqual(during);
  });

  it('gives a new live consumer only what happens after it starts', async () => {
    const type = uniqueType();
    await record(type, 2);
    const live = collector();
    const bus = newBus();
    bus.subscribe(`bus-test-latest-${randomUUID()}`, [type], live.handler, { from: 'latest' });
    await bus.start();
    const after = await record(type, 2, bus);
    await live.until(2);
    await pause(100);
    expect(live.ids()).toEqual(after);
  });

  it('retries a handler that throws from the same event, without holding back other consumers', async () => {
    const type = uniqueType();
    const bus = newBus();
    const healthy = collector();
    // The second event fails until the test brings the downstream back, so the check below cannot race.
    let failures = 0;
    let downstreamUp = false;
    const flaky = collector();
    bus.subscribe(`bus-test-flaky-${randomUUID()}`, [type], async (event) => {
      if (event.aggregateId.endsWith('-1') && !downstreamUp) {
        failures++;
        throw new Error('downstream is down');
      }
      await flaky.handler(event);
    });
    bus.subscribe(`bus-test-healthy-${randomUUID()}`, [type], healthy.handler);
    await bus.start();
    const ids = await record(type, 3, bus);
    await healthy.until(3);
    await flaky.until(1);
    while (failures < 2) await pause(20);
    // The healthy consumer is done while the flaky one, retried, still waits at event 2.
    expect(flaky.ids()).toEqual(ids.slice(0, 1));
    downstreamUp = true;
    await flaky.until(3);
    expect(flaky.ids()).toEqual(ids);
    expect(logs.find((l) => l.msg === 'event handler failed; will retry')).toBeDefined();
  });

  it('with Redis, wakes consumers in other processes at once: each consumer gets every event', async () => {
    const type = uniqueType();
    // A poll so slow that only the Redis wake-up can deliver within the test's wait.
    const producer = newBus({ redis: true, pollIntervalMs: 60_000 });
    const processA = newBus({ redis: true, pollIntervalMs: 60_000 });
    const processB = newBus({ redis: true, pollIntervalMs: 60_000 });
    const a = collector();
    const b = collector();
    processA.subscribe(`bus-test-a-${randomUUID()}`, [type], a.handler, { from: 'latest' });
    processB.subscribe(`bus-test-b-${randomUUID()}`, [type], b.handler, { from: 'latest' });
    // One consumer run by both processes: each event is handled by one of them.
    const shared = `bus-test-shared-${randomUUID()}`;
    const sharedA = collector();
    const sharedB = collector();
    processA.subscribe(shared, [type], sharedA.handler, { from: 'latest' });
    processB.subscribe(shared, [type], sharedB.handler, { from: 'latest' });
    await Promise.all([processA.start(), processB.start()]);
    // Their first poll has run; from now on only a wake-up delivers.
    await pause(300);
    const started = Date.now();
    const ids = await record(type, 5, producer);
    await Promise.all([a.until(5, 5000), b.until(5, 5000)]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(a.ids()).toEqual(ids);
    expect(b.ids()).toEqual(ids);
    await pause(300);
    const handled = [...sharedA.ids(), ...sharedB.ids()].sort();
    expect(handled).toEqual([...ids].sort());
  });
});
