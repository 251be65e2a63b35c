import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Db } from '../db/database.ts';
import { EventDispatcher, type DispatcherOptions, type DomainEvent } from './dispatcher.ts';
import { OutboxSequencer } from './sequencer.ts';

export type { DomainEvent } from './dispatcher.ts';

export type EventHandler = (event: DomainEvent) => Promise<void>;

export interface SubscribeOptions {
  /**
   * Where a consumer seen for the first time starts: at the first event ever recorded (the default: a watcher
   * must not miss what happened before it was deployed), or after the last one (live views, which only care
   * about what happens from now on). A consumer that has a stored position always resumes from it.
   */
  from?: 'beginning' | 'latest';
}

export interface EventBusOptions extends DispatcherOptions {
  /** With Redis, a commit in one process wakes the consumers of every other process at once. */
  redis?: Redis;
}

/** Redis channel on which a process says "I committed outbox rows"; every bus listening wakes its consumers. */
export const OUTBOX_WAKE_CHANNEL = 'agency-os:outbox:committed';

interface Consumer {
  name: string;
  from: 'beginning' | 'latest';
  dispatcher: EventDispatcher;
  started: boolean;
  retryAt: number;
}

/**
 * The event bus over the outbox. Each named consumer reads `domain_events` from its own stored position
 * (`event_consumers`), in sequence order, at least once: its position moves only past events whose handler
 * returned. Every consumer runs its own delivery loop, so a handler that throws or is slow holds back only its
 * own consumer, which retries the same event at its next poll. Any number of processes may run the same
 * consumer: a lease on its position lets one of them at a time deliver, the others take over if it dies.
 *
 * Consumers are woken right after a commit in this process and, with Redis, after a commit in any process;
 * otherwise they poll.
 */
export class EventBus {
  private readonly consumers = new Map<string, Consumer>();
  private readonly db: Db;
  private readonly logger: Logger;
  private readonly options: EventBusOptions;
  private readonly processId = randomUUID();
  /** One for every consumer: a wake-up numbers the new events once, not once per consumer. */
  private readonly sequencer: OutboxSequencer;
  private startAll = false;
  private listener: Redis | undefined;
  private publishPending = false;
  private stopped = false;

  constructor(db: Db, logger: Logger, options: EventBusOptions = {}) {
    this.db = db;
    this.logger = logger;
    this.options = options;
    this.sequencer = options.sequencer ?? new OutboxSequencer(db);
  }

  /**
   * Registers a consumer: `handler` gets every event of the given types (`'*'` for all) after the consumer's
   * position. A handler that throws gets the same event again later; make it idempotent.
   */
  subscribe(
    consumerName: string,
    eventTypes: readonly string[] | '*',
    handler: EventHandler,
    options: SubscribeOptions = {},
  ): void {
    if (this.consumers.has(consumerName))
      throw new Error(`Event consumer ${consumerName} is already subscribed`);
    const dispatcher = new EventDispatcher(this.db, this.logger.child({ consumer: consumerName }), {
      ...this.options,
      sequencer: this.sequencer,
    });
    const consumer: Consumer = {
      name: consumerName,
      from: options.from ?? 'beginning',
      dispatcher,
      started: false,
      retryAt: 0,
    };
    dispatcher.subscribe({
      name: consumerName,
      types: eventTypes === '*' ? undefined : [...eventTypes],
      handle: async (event) => {
        try {
          await handler(event);
          consumer.retryAt = 0;
        } catch (error) {
          // Commits stop waking it until its next poll: a failing handler is retried once per poll interval,
          // not once per commit.
          consumer.retryAt = Date.now() + (this.options.pollIntervalMs ?? 1000);
          throw error;
        }
      },
    });
    this.consumers.set(consumerName, consumer);
    if (this.startAll) {
      this.startConsumer(consumer).catch((error: unknown) =>
        this.logger.error({ err: error, consumer: consumerName }, 'could not start event consumer'),
      );
    }
  }

  /**
   * Starts delivering to the named consumers, or to every consumer (including those subscribed later) when no
   * names are given. A process role starts the consumers it runs; the others only record and notify.
   */
  async start(names?: readonly string[]): Promise<void> {
    this.stopped = false;
    if (!names) this.startAll = true;
    const selected = names
      ? names.map((n) => {
          const consumer = this.consumers.get(n);
          if (!consumer) throw new Error(`No event consumer named ${n}`);
          return consumer;
        })
      : [...this.consumers.values()];
    await this.listen();
    await Promise.all(selected.map((c) => this.startConsumer(c)));
  }

  /** Call after a commit that wrote outbox rows: wakes this process's consumers and, with Redis, everyone's. */
  notify(): void {
    this.wakeLocal();
    const redis = this.options.redis;
    if (!redis || this.publishPending) return;
    // One message for a burst of commits in the same tick.
    this.publishPending = true;
    setImmediate(() => {
      this.publishPending = false;
      redis.publish(OUTBOX_WAKE_CHANNEL, this.processId).catch((error: unknown) => {
        this.logger.warn({ err: error }, 'could not publish the outbox wake-up; other processes will poll');
      });
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.startAll = false;
    const listener = this.listener;
    this.listener = undefined;
    listener?.disconnect();
    await Promise.all(
      [...this.consumers.values()].map(async (c) => {
        c.started = false;
        await c.dispatcher.stop();
      }),
    );
  }

  private wakeLocal(): void {
    const now = Date.now();
    for (const consumer of this.consumers.values()) {
      // A consumer retrying a failed event waits out its delay (its own poll brings it back).
      if (consumer.started && consumer.retryAt <= now) consumer.dispatcher.wake();
    }
  }

  private async startConsumer(consumer: Consumer): Promise<void> {
    if (consumer.started || this.stopped) return;
    consumer.started = true;
    try {
      if (consumer.from === 'latest') {
        // Events committed before the start but not numbered yet would otherwise land after it.
        await this.sequencer.sequence();
        await this.db.execute(sql`
          insert into event_consumers (name, position)
          values (${consumer.name}, (select coalesce(max(seq), 0) from domain_events))
          on conflict (name) do nothing`);
      }
    } catch (error) {
      consumer.started = false;
      throw error;
    }
    if (consumer.started) consumer.dispatcher.start();
  }

  private async listen(): Promise<void> {
    const redis = this.options.redis;
    if (!redis || this.listener) return;
    const listener = redis.duplicate();
    this.listener = listener;
    listener.on('error', (error) => this.logger.warn({ err: error }, 'outbox wake-up listener error'));
    listener.on('message', (_channel: string, from: string) => {
      if (from !== this.processId) this.wakeLocal();
    });
    await listener.subscribe(OUTBOX_WAKE_CHANNEL);
  }
}
