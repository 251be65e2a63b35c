/**
 * Rows an outbox consumer checks every event against (steps waiting for events, steps running tasks), read
 * once per batch of events instead of once per event.
 *
 * Sound because an event gets its outbox position only after it has committed, and positions are drawn in
 * commit order (platform/events/sequencer.ts): a read whose newest visible position is at or past an event's was
 * taken after that event committed, so it sees every row that committed before the event. The rows these
 * consumers need for an event always committed before it: a wait takes its start position after numbering its
 * own transaction's events under the sequencer's lock (so an event after it is numbered after the wait
 * committed), and a task's step names the task in the transaction that creates it. Rows read may be stale the
 * other way (no longer waiting, no longer running): the handlers check again under the execution's lock, as
 * they always did.
 */
export class OutboxSnapshot<T> {
  private readonly load: () => Promise<{ rows: T; upTo: number }>;
  private rows: T | undefined;
  private upTo = 0;

  /** `load` reads the rows and the newest outbox position in one statement (one snapshot). */
  constructor(load: () => Promise<{ rows: T; upTo: number }>) {
    this.load = load;
  }

  /** The rows as of a read that saw the event at `seq`. */
  async at(seq: number): Promise<T> {
    if (this.rows === undefined || seq > this.upTo) {
      const { rows, upTo } = await this.load();
      this.rows = rows;
      this.upTo = upTo;
    }
    return this.rows;
  }
}
