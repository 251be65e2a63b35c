import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../db/database.ts';
import { domainEvents, eventConsumers } from './events.schema.ts';
import { OutboxSequencer } from './sequencer.ts';

/** An outbox event as consumers get it: committed, so it has its position. */
export type DomainEvent = Omit<typeof domainEvents.$inferSelect, 'seq'> & { seq: number };

export interface Subscription {
  /** Stable name: the consumer's position is stored under it. */
  name: string;
  /** Event types to receive; all when omitted. */
  types?: string[];
  handle(event: DomainEvent): Promise<void>;
}

export interface DispatcherOptions {
  pollIntervalMs?: number;
  batchSize?: number;
  leaseMs?: number;
  /** Numbers committed events before each read; dispatchers of one process share one. */
  sequencer?: OutboxSequencer;
}

/**
 * Delivers outbox events to subscribers at least once, in order, each consumer from its stored position.
 * A consumer takes a lease on its position row, so several processes may run dispatchers over one database
 * and each event is still handled by one of them at a time. A handler that throws is retried on the next
 * round, from the event that failed.
 */
export class EventDispatcher {
  private readonly subscriptions: Subscription[] = [];
  private readonly owner = randomUUID();
  /** Consumers whose position row this dispatcher has seen. */
  private readonly known = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private wakeRequested = false;
  private stopped = true;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly sequencer: OutboxSequencer;
  private readonly db: Db;
  private readonly logger: Logger;

  constructor(db: Db, logger: Logger, options: DispatcherOptions = {}) {
    this.db = db;
    this.logger = logger;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.batchSize = options.batchSize ?? 100;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.sequencer = options.sequencer ?? new OutboxSequencer(db);
  }

  subscribe(subscription: Subscription): void {
    this.subscriptions.push(subscription);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Asks for a delivery round soon; cheap to call after every commit. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    this.schedule(0);
  }

  /** Runs delivery rounds until every consumer has caught up; for tests and shutdown. */
  async drain(): Promise<void> {
    while (await this.round()) {
      /* keep going while something was delivered */
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delay);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = this.round()
      .then((delivered) => {
        // A commit that woke us during this round may have landed after the round read the outbox.
        const again = delivered || this.wakeRequested;
        this.wakeRequested = false;
        if (!this.stopped) this.schedule(again ? 0 : this.pollIntervalMs);
      })
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'event dispatch round failed');
        if (!this.stopped) this.schedule(this.pollIntervalMs);
      })
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }

  /** One pass over every consumer; true if any event was handled. */
  private async round(): Promise<boolean> {
    let delivered = false;
    for (const subscription of this.subscriptions) {
      if (await this.deliver(subscription)) delivered = true;
    }
    return delivered;
  }

  private async deliver(subscription: Subscription): Promise<boolean> {
    const position = await this.claim(subscription.name);
    if (position === undefined) return false;
    let last = position;
    try {
      // Positions go to committed events only, in commit order: nothing after `position` can still appear below it.
      await this.sequencer.sequence();
      const conditions = [gt(domainEvents.seq, position)];
      if (subscription.types) conditions.push(inArray(domainEvents.type, subscription.types));
      const events = (await this.db
        .select()
        .from(domainEvents)
        .where(and(...conditions))
        .orderBy(asc(domainEvents.seq))
        .limit(this.batchSize)) as DomainEvent[];
      for (const event of events) {
        try {
          await subscription.handle(event);
        } catch (error) {
          this.logger.warn(
            { err: error, consumer: subscription.name, event: event.id },
            'event handler failed; will retry',
          );
          break;
        }
        last = event.seq;
      }
      return last > position;
    } finally {
      await this.release(subscription.name, last);
    }
  }

  /** Takes the consumer's lease; undefined if another process holds it. */
  private async claim(name: string): Promise<number | undefined> {
    // The position row is made once, not on every round (a round trip per round per consumer).
    if (!this.known.has(name)) {
      await this.db.insert(eventConsumers).values({ name }).onConflictDoNothing();
      this.known.add(name);
    }
    const now = new Date();
    const [row] = await this.db
      .update(eventConsumers)
      .set({ leaseOwner: this.owner, leaseUntil: new Date(now.getTime() + this.leaseMs) })
      .where(
        and(
          eq(eventConsumers.name, name),
          or(
            isNull(eventConsumers.leaseUntil),
            lt(eventConsumers.leaseUntil, now),
            eq(eventConsumers.leaseOwner, this.owner),
          ),
        ),
      )
      .returning({ position: eventConsumers.position });
    // Leased elsewhere, or the row is gone: make sure of it again next time.
    if (!row) this.known.delete(name);
    return row?.position;
  }

  private async release(name: string, position: number): Promise<void> {
    await this.db
      .update(eventConsumers)
      .set({ position, leaseOwner: null, leaseUntil: null, updatedAt: sql`now()` })
      .where(and(eq(eventConsumers.name, name), eq(eventConsumers.leaseOwner, this.owner)));
  }
}
