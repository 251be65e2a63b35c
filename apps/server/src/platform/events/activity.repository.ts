import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { activityLog } from './events.schema.ts';

export type ActivityRow = typeof activityLog.$inferSelect;

/** Reads the audit trail, newest first, a page at a time (keyset on the sequence, which follows commit order). */
export class ActivityRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async list(
    workspaceId: string,
    page: { limit: number; before?: number },
  ): Promise<{ rows: ActivityRow[]; nextBefore: number | null }> {
    const conditions = [eq(activityLog.workspaceId, workspaceId)];
    if (page.before) conditions.push(lt(activityLog.seq, page.before));
    const rows = await this.db
      .select()
      .from(activityLog)
      .where(and(...conditions))
      .orderBy(desc(activityLog.seq))
      .limit(page.limit + 1);
    const more = rows.length > page.limit;
    const visible = more ? rows.slice(0, page.limit) : rows;
    return { rows: visible, nextBefore: more ? visible[visible.length - 1]!.seq : null };
  }
}
