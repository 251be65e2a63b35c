import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { cycleWorkItems } from './cycles.schema.ts';
import { workItems } from './work-items.schema.ts';
import { worklogs } from './worklogs.schema.ts';

export type WorklogRow = typeof worklogs.$inferSelect;
export type NewWorklog = typeof worklogs.$inferInsert;

/** Minutes logged on one work item. */
export interface ItemTotal {
  workItemId: string;
  duration: number;
}

const live = isNull(worklogs.deletedAt);

export class WorklogsRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  with(tx: Db): WorklogsRepository {
    return new WorklogsRepository(tx);
  }

  async insert(row: NewWorklog): Promise<WorklogRow> {
    const [created] = await this.db.insert(worklogs).values(row).returning();
    return created!;
  }

  async update(id: string, patch: Partial<NewWorklog>): Promise<WorklogRow> {
    const [row] = await this.db
      .update(worklogs)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(worklogs.id, id))
      .returning();
    return row!;
  }

  /** The work item's logs, newest first. */
  async list(workItemId: string): Promise<WorklogRow[]> {
    return this.db
      .select()
      .from(worklogs)
      .where(and(eq(worklogs.workItemId, workItemId), live))
      .orderBy(desc(worklogs.createdAt), desc(worklogs.id));
  }

  async find(workItemId: string, id: string): Promise<WorklogRow | undefined> {
    const [row] = await this.db
      .select()
      .from(worklogs)
      .where(and(eq(worklogs.workItemId, workItemId), eq(worklogs.id, id), live));
    return row;
  }

  /**
   * Minutes per work item of the project (live logs on live items), in work-item number order; with `cycleId`,
   * only the items now in that cycle.
   */
  async totalsByItem(projectId: string, cycleId?: string): Promise<ItemTotal[]> {
    const within = cycleId
      ? sql`exists (select 1 from ${cycleWorkItems} c where c.work_item_id = ${workItems.id}
          and c.cycle_id = ${cycleId} and c.deleted_at is null)`
      : undefined;
    const rows = await this.db
      .select({
        workItemId: worklogs.workItemId,
        duration: sql<number>`sum(${worklogs.duration})::bigint`.mapWith(Number),
      })
      .from(worklogs)
      .innerJoin(workItems, eq(workItems.id, worklogs.workItemId))
      .where(and(eq(worklogs.projectId, projectId), live, isNull(workItems.deletedAt), within))
      .groupBy(worklogs.workItemId, workItems.sequenceId)
      .orderBy(asc(workItems.sequenceId));
    return rows;
  }
}
