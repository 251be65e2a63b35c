import { randomBytes } from 'node:crypto';
import { withDatabase } from '../../apps/server/test/global-setup.ts';
import { adminQuery } from '../../apps/server/test/postgres-admin.ts';
import { deferCleanup } from './cleanup.ts';

export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new empty database on the local PostgreSQL server; `drop()` (or the runner's clean-up) removes it. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `agency_bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(ADMIN_URL, `create database ${name}`);
  const drop = deferCleanup(() => adminQuery(ADMIN_URL, `drop database if exists ${name} with (force)`));
  return { url: withDatabase(ADMIN_URL, name), drop };
}
