import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Config } from '../config/config.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';

/** The one database type every repository uses; PGlite and node-postgres both produce it. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Set only for PostgreSQL: where to open further connections (the job queue's pool and listener). */
  url?: string;
  /** Runs `fn` with exclusive use of one connection (advisory locks are per session). */
  withConnection<T>(fn: (conn: Db) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Set only for PGlite: the raw instance, for dumps and tests. */
  pglite?: PGlite;
}

export interface OpenOptions {
  /** Postgres pool size. */
  poolSize?: number;
  /** For tests: a PGlite instance made elsewhere (in memory or from a dump). */
  pglite?: PGlite;
}

export async function openDatabase(
  database: Config['database'],
  options: OpenOptions = {},
): Promise<Database> {
  if (database.kind === 'postgres') return openPostgres(database.url, options.poolSize ?? 20);
  if (options.pglite) return wrapPglite(options.pglite, undefined);
  mkdirSync(database.dataDir, { recursive: true });
  const lock = acquireDataDirLock(database.dataDir);
  try {
    const client = await PGlite.create(`${database.dataDir}/pgdata`);
    return wrapPglite(client, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

function wrapPglite(client: PGlite, lock: DataDirLock | undefined): Database {
  const db = drizzlePglite(client) as unknown as Db;
  // PGlite is a single connection: queue callers so a session-scoped lock is never shared by accident.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    kind: 'pglite',
    db,
    pglite: client,
    withConnection<T>(fn: (conn: Db) => Promise<T>) {
      const run = queue.then(() => fn(db));
      queue = run.catch(() => undefined);
      return run;
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    url,
    async withConnection<T>(fn: (conn: Db) => Promise<T>) {
      const client = await pool.connect();
      try {
        return await fn(drizzlePg(client) as unknown as Db);
      } finally {
        client.release();
      }
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      await pool.end();
    },
  };
}

/** Rows of a raw `db.execute` on either driver. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
