import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { labels } from './labels.schema.ts';
import { ProjectRows } from './project-rows.ts';
import type { Window } from './projects.repository.ts';
import { workItemLabels } from './work-items.schema.ts';

export type LabelRow = typeof labels.$inferSelect;
export type NewLabel = typeof labels.$inferInsert;

const live = isNull(labels.deletedAt);
const newestFirst = [desc(labels.createdAt), desc(labels.id)];

export class LabelsRepository {
  private readonly db: Db;
  private readonly rows: ProjectRows<typeof labels>;

  constructor(db: Db) {
    this.db = db;
    this.rows = new ProjectRows(db, labels);
  }

  with(tx: Db): LabelsRepository {
    return new LabelsRepository(tx);
  }

  async insert(row: NewLabel): Promise<LabelRow> {
    return this.rows.insert(row);
  }

  async update(id: string, patch: Partial<NewLabel>): Promise<LabelRow> {
    return this.rows.update(id, patch);
  }

  /** Soft-deletes the label, takes it off every work item and lifts its children to the top level. */
  async softDelete(id: string, by: string | null): Promise<void> {
    await this.db.delete(workItemLabels).where(eq(workItemLabels.labelId, id));
    await this.db
      .update(labels)
      .set({ parentId: null, updatedAt: sql`now()` })
      .where(eq(labels.parentId, id));
    await this.db
      .update(labels)
      .set({ deletedAt: sql`now()`, updatedBy: by, updatedAt: sql`now()` })
      .where(eq(labels.id, id));
  }

  async list(projectId: string, window: Window): Promise<LabelRow[]> {
    return this.rows.list(projectId, window, newestFirst);
  }

  async count(projectId: string): Promise<number> {
    return this.rows.count(projectId);
  }

  async find(projectId: string, id: string): Promise<LabelRow | undefined> {
    return this.rows.find(projectId, id);
  }

  /** Live labels with these ids; with a workspace, only that workspace's. */
  async findByIds(ids: string[], workspaceId?: string): Promise<LabelRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(labels)
      .where(
        and(inArray(labels.id, ids), live, workspaceId ? eq(labels.workspaceId, workspaceId) : undefined),
      );
  }

  async findByName(projectId: string, name: string, exceptId?: string): Promise<LabelRow | undefined> {
    return this.rows.findByName(projectId, name, exceptId);
  }

  async findByExternal(
    projectId: string,
    source: string,
    externalId: string,
    exceptId?: string,
  ): Promise<LabelRow | undefined> {
    return this.rows.findByExternal(projectId, source, externalId, exceptId);
  }

  async maxSortOrder(projectId: string): Promise<number | null> {
    return this.rows.extreme(projectId, 'max', labels.sortOrder);
  }
}
