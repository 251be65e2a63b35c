import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Runs one statement on the server of TEST_DATABASE_URL (CREATE/DROP DATABASE cannot run in a transaction). */
export async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export function templateName(): string {
  return `agency_tpl_${process.pid}_${randomBytes(3).toString('hex')}`;
}

export function cloneName(): string {
  return `agency_t_${randomBytes(6).toString('hex')}`;
}
