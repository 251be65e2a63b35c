import type { Db } from '../db/database.ts';

/**
 * Runs a unit of work in one transaction and, once it has committed, wakes the event dispatcher so the
 * outbox rows it wrote are delivered without waiting for the next poll.
 */
export class Transactor {
  private readonly db: Db;
  private readonly onCommit: () => void;

  constructor(db: Db, onCommit: () => void = () => undefined) {
    this.db = db;
    this.onCommit = onCommit;
  }

  async run<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    const result = await this.db.transaction((tx) => work(tx as unknown as Db));
    this.onCommit();
    return result;
  }
}
