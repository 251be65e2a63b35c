import { and, asc, count, desc, eq, isNull, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { workItemActivities } from './activities.schema.ts';
import type { Window } from './projects.repository.ts';

export type ActivityRow = typeof workItemActivities.$inferSelect;
export type NewActivity = Omit<typeof workItemActivities.$inferInsert, 'seq' | 'epoch'>;

// Plane keeps these in the history but leaves them out of the activity endpoints.
const hiddenFields = ['comment', 'vote', 'reaction', 'draft'];
const shown = and(
  isNull(workItemActivities.deletedAt),
  sql`(${workItemActivities.field} is null or ${notInArray(workItemActivities.field, hiddenFields)})`,
);

const orderKeys: Record<string, SQL> = {
  created_at: sql`${workItemActivities.createdAt}`,
  updated_at: sql`${workItemActivities.updatedAt}`,
  field: sql`${workItemActivities.field}`,
  verb: sql`${workItemActivities.verb}`,
  epoch: sql`${workItemActivities.epoch}`,
};

export const activitySortKeys = Object.keys(orderKeys);

export class ActivitiesRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  with(tx: Db): ActivitiesRepository {
    return new ActivitiesRepository(tx);
  }

  /**
   * Rows of one change share the transaction's clock; `epoch` is derived from it in the database (or from the
   * row's own `created_at` when the change carries its date).
   */
  async insert(rows: NewActivity[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.insert(workItemActivities).values(
      rows.map((row) => ({
        ...row,
        epoch: row.createdAt ? Date.parse(row.createdAt) / 1000 : sql`extract(epoch from now())`,
      })),
    );
  }

  async list(
    workItemId: string,
    order: { key: string; descending: boolean },
    window: Window,
  ): Promise<ActivityRow[]> {
    const key = orderKeys[order.key]!;
    return this.db
      .select()
      .from(workItemActivities)
      .where(and(eq(workItemActivities.workItemId, workItemId), shown))
      .orderBy(
        order.descending ? sql`${key} desc nulls last` : sql`${key} asc nulls last`,
        order.descending ? desc(workItemActivities.seq) : asc(workItemActivities.seq),
      )
      .limit(window.limit)
      .offset(window.offset);
  }

  async count(workItemId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(workItemActivities)
      .where(and(eq(workItemActivities.workItemId, workItemId), shown));
    return row?.n ?? 0;
  }

  async find(workItemId: string, id: string): Promise<ActivityRow | undefined> {
    const [row] = await this.db
      .select()
      .from(workItemActivities)
      .where(and(eq(workItemActivities.workItemId, workItemId), eq(workItemActivities.id, id), shown));
    return row;
  }
}
