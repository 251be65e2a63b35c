import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db/database.ts';
import { runMigrations } from '../src/platform/db/migrate.ts';
import { adminQuery, templateName } from './postgres-admin.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

/**
 * Migrates one template database per run; every test file then starts from a copy of it. PGlite: a data-dir
 * dump on disk. PostgreSQL (TEST_DATABASE_URL): a template database that CREATE DATABASE ... TEMPLATE clones.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'agency-os-test-'));
  const pglite = await PGlite.create();
  const database = await openDatabase({ kind: 'pglite', dataDir: dir }, { pglite });
  await runMigrations(database);
  const dump = await pglite.dumpDataDir('none');
  const dumpPath = path.join(dir, 'template.tar');
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', dumpPath);

  const adminUrl = process.env.TEST_DATABASE_URL;
  let template = '';
  if (adminUrl) {
    template = templateName();
    await adminQuery(adminUrl, `create database ${template}`);
    const pg = await openDatabase(
      { kind: 'postgres', url: withDatabase(adminUrl, template) },
      { poolSize: 2 },
    );
    await runMigrations(pg);
    await pg.close();
  }
  project.provide('postgresTemplate', template);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (adminUrl && template) await adminQuery(adminUrl, `drop database if exists ${template}`);
  };
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
