import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { installJobQueueSchema } from '../jobs/job-queue.ts';
import type { Database } from './database.ts';

export const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url));

/** Arbitrary constant shared by every Agency OS process: the advisory lock that serializes migrations. */
const MIGRATION_LOCK_KEY = 727_001;

/**
 * Applies the committed SQL migrations, then creates or upgrades the job queue's schema. Several instances starting at once queue on a session advisory lock;
 * whoever comes second finds the journal up to date and does nothing.
 */
export async function runMigrations(database: Database): Promise<void> {
  await database.withConnection(async (conn) => {
    await conn.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      if (database.kind === 'pglite') {
        await migratePglite(conn as never, { migrationsFolder });
      } else {
        await migratePg(conn as never, { migrationsFolder });
      }
      await installJobQueueSchema(database);
    } finally {
      await conn.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  });
}
