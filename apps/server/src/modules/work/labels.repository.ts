import { and, count, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { sameExternalKey } from './external-key.ts';
import { labels } from './labels.schema.ts';
import type { Window } from './projects.repository.ts';
import { workItemLabels } from './work-items.schema.ts';

export type LabelRow = typeof labels.$inferSelect;
export type NewLabel = typeof labels.$inferInsert;

const live = isNull(labels.deletedAt);

export class LabelsRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  with(tx: Db): LabelsRepository {
    return new LabelsRepository(tx);
  }

  async insert(row: NewLabel): Promise<LabelRow> {
    const [created] = await this.db.insert(labels).values(row).returning();
    return created!;
  }

  async update(id: string, patch: Partial<NewLabel>): Promise<LabelRow> {
    const [row] = await this.db
      .update(labels)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(labels.id, id))
      .returning();
    return row!;
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
    return this.db
      .select()
      .from(labels)
      .where(and(eq(labels.projectId, projectId), live))
      .orderBy(desc(labels.createdAt), desc(labels.id))
      .limit(window.limit)
      .offset(window.offset);
  }

  async count(projectId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(labels)
      .where(and(eq(labels.projectId, projectId), live));
    return row?.n ?? 0;
  }

  async find(projectId: string, id: string): Promise<LabelRow | undefined> {
    const [row] = await this.db
      .select()
      .from(labels)
      .where(and(eq(labels.projectId, projectId), eq(labels.id, id), live));
    return row;
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
    const [row] = await this.db
      .select()
      .from(labels)
      .where(
        and(
          eq(labels.projectId, projectId),
          eq(labels.name, name),
          live,
          exceptId ? ne(labels.id, exceptId) : undefined,
        ),
      );
    return row;
  }

  async findByExternal(
    projectId: string,
    source: string,
    externalId: string,
    exceptId?: string,
  ): Promise<LabelRow | undefined> {
    const [row] = await this.db
      .select()
      .from(labels)
      .where(sameExternalKey(labels, projectId, source, externalId, exceptId));
    return row;
  }

  async maxSortOrder(projectId: string): Promise<number | null> {
    const [row] = await this.db
      .select({ max: sql<number | null>`max(${labels.sortOrder})` })
      .from(labels)
      .where(and(eq(labels.projectId, projectId), live));
    return row?.max ?? null;
  }
}
