import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { withDatabase } from './global-setup.ts';
import { adminQuery, cloneName } from './postgres-admin.ts';

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** A fresh database, already migrated: a copy of the run's template. Closing it drops the copy. */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = cloneName();
    await adminQuery(adminUrl, `create database ${name} template ${inject('postgresTemplate')}`);
    const url = withDatabase(adminUrl, name);
    const database = await openDatabase({ kind: 'postgres', url }, { poolSize: 10 });
    return {
      ...database,
      url,
      async close() {
        await database.close();
        await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
      },
    };
  }
  const dump = readFileSync(inject('pgliteTemplate'));
  const pglite = await PGlite.create({ loadDataDir: new Blob([dump]) });
  return openDatabase({ kind: 'pglite', dataDir: '' }, { pglite });
}

/** The machine's PostgreSQL, which every developer and CI machine runs, for tests that need it on any run. */
export const postgresAdminUrl =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The PostgreSQL URL of a fresh empty database (no migrations), for tests of migrating itself. */
export async function createEmptyPostgresDatabase(
  adminUrl = postgresAdminUrl,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = cloneName();
  await adminQuery(adminUrl, `create database ${name}`);
  return {
    url: withDatabase(adminUrl, name),
    drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`),
  };
}
