import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import type { Window } from './projects.repository.ts';
import { workItemViews } from './views.schema.ts';

export type ViewRow = typeof workItemViews.$inferSelect;
export type NewView = typeof workItemViews.$inferInsert;

const live = isNull(workItemViews.deletedAt);

export class ViewsRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  with(tx: Db): ViewsRepository {
    return new ViewsRepository(tx);
  }

  async insert(row: NewView): Promise<ViewRow> {
    const [created] = await this.db.insert(workItemViews).values(row).returning();
    return created!;
  }

  async update(id: string, patch: Partial<NewView>): Promise<ViewRow> {
    const [row] = await this.db
      .update(workItemViews)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(workItemViews.id, id))
      .returning();
    return row!;
  }

  async list(projectId: string, window: Window): Promise<ViewRow[]> {
    return this.db
      .select()
      .from(workItemViews)
      .where(and(eq(workItemViews.projectId, projectId), live))
      .orderBy(desc(workItemViews.createdAt), desc(workItemViews.id))
      .limit(window.limit)
      .offset(window.offset);
  }

  async count(projectId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(workItemViews)
      .where(and(eq(workItemViews.projectId, projectId), live));
    return row?.n ?? 0;
  }

  async find(projectId: string, id: string): Promise<ViewRow | undefined> {
    const [row] = await this.db
      .select()
      .from(workItemViews)
      .where(and(eq(workItemViews.projectId, projectId), eq(workItemViews.id, id), live));
    return row;
  }
}
