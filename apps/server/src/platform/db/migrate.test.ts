import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmptyPostgresDatabase } from '../../../test/test-database.ts';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock.ts';
import { openDatabase, rowsOf, type Database } from './database.ts';
import { migrationsFolder, runMigrations } from './migrate.ts';

const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
  entries: Array<{ tag: string; when: number }>;
};
const foundationTables = [
  'users',
  'workspaces',
  'workspace_members',
  'api_tokens',
  'domain_events',
  'activity_log',
];

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'agency-os-migrate-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function appliedMigrations(database: Database): Promise<number[]> {
  const rows = rowsOf<{ created_at: string }>(
    await database.db.execute(sql`select created_at from drizzle.__drizzle_migrations order by id`),
  );
  return rows.map((r) => Number(r.created_at));
}

async function tables(database: Database): Promise<string[]> {
  const rows = rowsOf<{ table_name: string }>(
    await database.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public'`,
    ),
  );
  return rows.map((r) => r.table_name);
}

async function expectFullyMigrated(database: Database) {
  expect(await appliedMigrations(database)).toEqual(journal.entries.map((e) => e.when));
  expect(await tables(database)).toEqual(expect.arrayContaining(foundationTables));
}

describe('migrations', () => {
  it('apply on an empty embedded database, and a second run changes nothing', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: tempDir() });
    try {
      await runMigrations(database);
      await expectFullyMigrated(database);
      await runMigrations(database);
      await expectFullyMigrated(database);
    } finally {
      await database.close();
    }
  });

  it('apply on an empty PostgreSQL database', async () => {
    const empty = await createEmptyPostgresDatabase();
    cleanups.push(() => empty.drop());
    const database = await openDatabase({ kind: 'postgres', url: empty.url }, { poolSize: 2 });
    try {
      expect(await tables(database)).toEqual([]);
      await runMigrations(database);
      await expectFullyMigrated(database);
    } finally {
      await database.close();
    }
  });

  it('run twice at once on PostgreSQL (two instances starting together) without error, recorded once', async () => {
    const empty = await createEmptyPostgresDatabase();
    cleanups.push(() => empty.drop());
    const first = await openDatabase({ kind: 'postgres', url: empty.url }, { poolSize: 2 });
    const second = await openDatabase({ kind: 'postgres', url: empty.url }, { poolSize: 2 });
    try {
      await Promise.all([runMigrations(first), runMigrations(second)]);
      await expectFullyMigrated(first);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});

describe('the data directory lock', () => {
  async function deadPid(): Promise<number> {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    return child.pid!;
  }

  it('refuses a data directory that a live process holds, naming it', () => {
    const dataDir = tempDir();
    const lockFile = path.join(dataDir, 'agency-os.lock');
    // The test runner's parent process is alive for as long as this test runs.
    writeFileSync(lockFile, String(process.ppid));
    expect(() => acquireDataDirLock(dataDir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dataDir)).toThrow(
      `The embedded database in ${dataDir} is in use by another Agency OS process (pid ${process.ppid}).`,
    );
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.ppid));
  });

  it('takes over the lock of a process that is gone, and releases only its own', async () => {
    const dataDir = tempDir();
    const lockFile = path.join(dataDir, 'agency-os.lock');
    writeFileSync(lockFile, String(await deadPid()));
    const lock = acquireDataDirLock(dataDir);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(existsSync(lockFile)).toBe(false);

    const again = acquireDataDirLock(dataDir);
    writeFileSync(lockFile, String(process.ppid));
    again.release();
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.ppid));
  });

  it('keeps a second opening of the embedded database out, even from the same process', async () => {
    const dataDir = tempDir();
    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toThrow(DataDirLockedError);
    } finally {
      await database.close();
    }
    expect(existsSync(path.join(dataDir, 'agency-os.lock'))).toBe(false);
  });
});
