import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/database.ts';

/** Any key will do as long as every sequencer uses the same one. */
const SEQUENCER_LOCK = 727_002;
/** Events given positions per statement; a larger backlog takes more statements. */
const BATCH = 1000;

/**
 * Gives committed outbox events their positions (`domain_events.seq`), in commit order (decision 0028).
 *
 * Writers insert events without a position. A statement here sees only committed rows, and draws positions for
 * them in insert order while holding a transaction-scoped advisory lock, so every pass commits its positions
 * before the next pass draws any: a consumer that has read up to position N will never see a smaller one appear.
 * The lock is taken before the first position is drawn; a pass that waited for it may find rows the previous
 * pass has already numbered, and leaves them as they are (the update re-checks `seq is null`).
 *
 * Calls overlapping a pass in flight share one more pass after it, which sees every event committed before they
 * were made.
 */
export class OutboxSequencer {
  private readonly db: Db;
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  constructor(db: Db) {
    this.db = db;
  }

  /** Resolves once every event that committed before the call has its position. */
  sequence(): Promise<void> {
    if (!this.running) {
      this.running = numberEvents(this.db).finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    // The pass in flight may have read the outbox before the caller's events committed.
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.sequence();
      });
    return this.next;
  }
}

/**
 * Numbers the events visible to `db` that have no position yet. Inside a transaction that includes the
 * transaction's own events, and the sequencer's lock is held until it ends, so every event committed later gets
 * a larger position: `max(seq)` read afterwards in that transaction is where "events after this one" start.
 */
export async function numberEvents(db: Db): Promise<void> {
  while ((await numberBatch(db)) === BATCH) {
    /* a backlog: keep going */
  }
}

/** Numbers up to BATCH unnumbered events; returns how many it numbered. */
async function numberBatch(db: Db): Promise<number> {
  // `nextval` is evaluated over the sorted, limited rows, so positions follow insert order; the lock joins
  // the scan, so it is held before the sort hands out the first row.
  const rows = rowsOf<{ n: string | number }>(
    await db.execute(sql`
        with numbered as (
          update domain_events d set seq = p.seq
          from (
            select o.insert_seq, nextval('domain_events_position_seq') as seq
            from (
              select e.insert_seq
              from domain_events e cross join (select pg_advisory_xact_lock(${SEQUENCER_LOCK})) lock
              where e.seq is null
              order by e.insert_seq
              limit ${BATCH}
            ) o
          ) p
          where d.insert_seq = p.insert_seq and d.seq is null
          returning 1
        )
        select count(*) as n from numbered`),
  );
  return Number(rows[0]!.n);
}
