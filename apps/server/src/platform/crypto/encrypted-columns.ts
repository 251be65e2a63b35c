import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rowsOf } from '../db/database.ts';
import { SecretBox } from './secret-box.ts';

/** A table whose columns hold sealed values; modules register theirs so rotation finds every one. */
export interface EncryptedColumns {
  table: string;
  idColumn: string;
  columns: string[];
}

const registered: EncryptedColumns[] = [];

export function registerEncryptedColumns(entry: EncryptedColumns): void {
  if (!registered.some((r) => r.table === entry.table)) registered.push(entry);
}

export interface RotationReport {
  table: string;
  resealed: number;
}

/** Re-seals every registered value with the box's current key, in the caller's transaction. */
export async function resealAll(tx: Db, box: SecretBox): Promise<RotationReport[]> {
  const report: RotationReport[] = [];
  for (const entry of registered) {
    const id = sql.identifier(entry.idColumn);
    const table = sql.identifier(entry.table);
    const cols = sql.join(
      entry.columns.map((c) => sql.identifier(c)),
      sql`, `,
    );
    const rows = rowsOf<Record<string, string | null>>(
      await tx.execute(sql`select ${id}, ${cols} from ${table}`),
    );
    let resealed = 0;
    for (const row of rows) {
      const updates = entry.columns
        .filter((c) => typeof row[c] === 'string' && SecretBox.isSealed(row[c]) && !box.isCurrent(row[c]))
        .map((c) => sql`${sql.identifier(c)} = ${box.seal(box.open(row[c]!))}`);
      if (updates.length === 0) continue;
      await tx.execute(
        sql`update ${table} set ${sql.join(updates, sql`, `)} where ${id} = ${row[entry.idColumn]}`,
      );
      resealed++;
    }
    report.push({ table: entry.table, resealed });
  }
  return report;
}
