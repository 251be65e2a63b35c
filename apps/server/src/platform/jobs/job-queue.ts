import { sql } from 'drizzle-orm';
import {
  PgBoss,
  fromDrizzle,
  fromPglite,
  type ConstructorOptions,
  type DrizzleTransactionLike,
} from 'pg-boss';
import type { Logger } from 'pino';
import type { Database, Db } from '../db/database.ts';

/** pg-boss keeps its tables in a schema of its own, beside ours, in the same database. */
const SCHEMA = 'pgboss';
/** The largest per-group limit a job may ask for (see `EnqueueOptions.group`). */
const MAX_GROUP_LIMIT = 50;
// pg-boss limits a group by the tier named on each job; naming tiers after their limits lets every job
// carry its own group's current limit.
const groupTiers = Object.fromEntries(Array.from({ length: MAX_GROUP_LIMIT }, (_, i) => [`${i + 1}`, i + 1]));

export interface QueueDefinition {
  name: string;
  /** Runs again after a lost worker or a handler that threw; business retries are the handler's affair. */
  retryLimit: number;
  /** Queue that receives a job after its last retry; define it before the queues that name it. */
  deadLetter?: string;
}

export interface EnqueueOptions {
  /** The caller's transaction: the job exists if and only if that transaction commits. */
  tx?: Db;
  id?: string;
  /** Higher runs first. */
  priority?: number;
  startAfter?: Date;
  /** Hard bound on one run: after it the job is failed (and retried) and its signal aborted. */
  expireInSeconds?: number;
  /** Jobs of one group run at most `limit` at a time across every worker (best effort under races). */
  group?: { id: string; limit: number };
}

export interface JobRun<T> {
  id: string;
  data: T;
  /** Aborted when the job is cancelled, expires, loses its claim or the queue shuts down. */
  signal: AbortSignal;
}

export type JobHandler<T> = (job: JobRun<T>) => Promise<void>;

export interface JobQueueOptions {
  /** How often an idle worker looks for due jobs (NOTIFY wakes it sooner for new ones). */
  pollingIntervalSeconds?: number;
  /** A running job proves its worker alive this often; a SIGKILLed worker's jobs run again after it. */
  heartbeatSeconds?: number;
  /** How often workers look for jobs of dead workers and expired jobs. */
  superviseIntervalSeconds?: number;
  /** PostgreSQL only: pg-boss's own pool (it needs a dedicated LISTEN connection ours cannot lend). */
  poolSize?: number;
}

interface Registration {
  queue: string;
  handler: JobHandler<object>;
  concurrency: number;
}

/**
 * The one job queue of the process, over pg-boss on the app's database (PGlite or PostgreSQL, one code
 * path). Every role opens it to enqueue; only the worker role runs handlers, supervises (finds the jobs
 * of dead workers) and listens for NOTIFY wake-ups.
 */
export class JobQueue {
  private readonly database: Database;
  private readonly logger: Logger;
  private readonly options: Required<JobQueueOptions>;
  private readonly queues: QueueDefinition[] = [];
  private readonly registrations: Registration[] = [];
  private boss: PgBoss | undefined;
  private working = false;
  private opening: Promise<void> | undefined;

  constructor(database: Database, logger: Logger, options: JobQueueOptions = {}) {
    this.database = database;
    this.logger = logger;
    this.options = {
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1,
      heartbeatSeconds: options.heartbeatSeconds ?? 10,
      superviseIntervalSeconds: options.superviseIntervalSeconds ?? 5,
      poolSize: options.poolSize ?? 5,
    };
  }

  /** Declares a queue; it is created (or updated) when the queue opens. */
  define(queue: QueueDefinition): void {
    this.queues.push(queue);
  }

  /** Registers the handler of a queue; it runs only once `startWorkers` is called. */
  handle<T extends object>(queue: string, handler: JobHandler<T>, options: { concurrency?: number } = {}) {
    this.registrations.push({
      queue,
      handler: handler as JobHandler<object>,
      concurrency: options.concurrency ?? 1,
    });
  }

  /** Opens the queue for enqueueing (every role). Safe to call more than once. */
  async open(): Promise<void> {
    if (this.boss) return;
    this.opening ??= this.begin(false).finally(() => (this.opening = undefined));
    await this.opening;
  }

  /** Worker role: runs the registered handlers, supervises and listens for wake-ups. */
  async startWorkers(): Promise<void> {
    await this.opening;
    if (this.working) return;
    // Supervision and the listener are fixed when pg-boss starts, so a producer instance is replaced.
    if (this.boss) await this.end();
    await this.begin(true);
    for (const registration of this.registrations) await this.run(this.boss!, registration);
  }

  async send<T extends object>(queue: string, data: T, options: EnqueueOptions = {}): Promise<string> {
    const { tx, group, ...rest } = options;
    // pg-boss refuses options present but undefined.
    const given = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
    const id = await this.require().send(queue, data, {
      ...given,
      heartbeatSeconds: this.options.heartbeatSeconds,
      ...(group ? { group: { id: group.id, tier: `${clampGroupLimit(group.limit)}` } } : {}),
      ...(tx ? { db: inTransaction(tx) } : {}),
    });
    if (!id) throw new Error(`queue ${queue} refused a job`);
    return id;
  }

  /** Cancels a job that has not finished; a running handler sees its signal aborted at its next heartbeat. */
  async cancel(queue: string, id: string, options: { tx?: Db } = {}): Promise<void> {
    await this.require().cancel(queue, id, options.tx ? { db: inTransaction(options.tx) } : {});
  }

  /** Stops taking jobs, waits up to `timeoutMs` for running handlers, then fails what is left (it will run again). */
  async stop(timeoutMs = 10_000): Promise<void> {
    await this.opening?.catch(() => undefined);
    if (this.boss) await this.end(timeoutMs);
  }

  private require(): PgBoss {
    if (!this.boss) throw new Error('the job queue is not open');
    return this.boss;
  }

  private async begin(workers: boolean): Promise<void> {
    const boss = new PgBoss({
      ...connectionOptions(this.database, this.options.poolSize),
      schema: SCHEMA,
      migrate: false,
      schedule: false,
      supervise: workers,
      useListenNotify: workers,
      registerInstance: workers,
      superviseIntervalSeconds: this.options.superviseIntervalSeconds,
      monitorIntervalSeconds: this.options.superviseIntervalSeconds,
    });
    boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
    boss.on('warning', (warning) => this.logger.warn({ data: warning.data }, warning.message));
    await boss.start();
    try {
      for (const { name, ...definition } of this.queues) {
        // Retries after lost workers back off, so a database outage does not burn them in seconds.
        const options = { ...definition, retryBackoff: true, retryDelay: 1, retryDelayMax: 60, notify: true };
        await boss.createQueue(name, options);
        await boss.updateQueue(name, options);
      }
    } catch (error) {
      await boss.stop({ graceful: false });
      throw error;
    }
    this.boss = boss;
    this.working = workers;
  }

  private async end(timeoutMs = 10_000): Promise<void> {
    const boss = this.boss!;
    this.boss = undefined;
    this.working = false;
    await boss.stop({ graceful: true, timeout: timeoutMs });
  }

  private async run(boss: PgBoss, { queue, handler, concurrency }: Registration): Promise<void> {
    const options = {
      pollingIntervalSeconds: this.options.pollingIntervalSeconds,
      notifyPollingIntervalSeconds: this.options.pollingIntervalSeconds,
      groupConcurrency: { default: 1, tiers: groupTiers },
    };
    // One single-job worker per slot, so each can be told to fetch again the moment its job ends
    // (pg-boss would otherwise wait out the polling interval between jobs).
    for (let slot = 0; slot < concurrency; slot++) {
      let workerId = '';
      workerId = await boss.work<object>(queue, options, async ([job]) => {
        try {
          await handler({ id: job!.id, data: job!.data, signal: job!.signal });
        } finally {
          boss.notifyWorker(workerId);
        }
      });
    }
  }
}

/**
 * Creates or upgrades pg-boss's schema; part of migrating the database, under the same lock.
 */
export async function installJobQueueSchema(database: Database): Promise<void> {
  const boss = new PgBoss({
    ...connectionOptions(database, 1),
    schema: SCHEMA,
    migrate: true,
    schedule: false,
    supervise: false,
    registerInstance: false,
  });
  let failure: unknown;
  boss.on('error', (error) => (failure ??= error));
  await boss.start();
  await boss.stop({ graceful: false });
  if (failure) throw failure;
}

function connectionOptions(database: Database, poolSize: number): ConstructorOptions {
  if (database.kind === 'pglite') {
    if (!database.pglite) throw new Error('PGlite database without its instance');
    return { db: fromPglite(database.pglite), backend: 'pglite' };
  }
  if (!database.url) throw new Error('PostgreSQL database without its URL');
  return { connectionString: database.url, max: poolSize };
}

function inTransaction(tx: Db): ReturnType<typeof fromDrizzle> {
  return fromDrizzle(tx as unknown as DrizzleTransactionLike, sql);
}

function clampGroupLimit(limit: number): number {
  return Math.min(MAX_GROUP_LIMIT, Math.max(1, Math.floor(limit)));
}
