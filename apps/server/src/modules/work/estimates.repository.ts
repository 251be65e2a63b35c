import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { estimatePoints, estimates } from './estimates.schema.ts';
import { ProjectRows } from './project-rows.ts';
import { projects } from './projects.schema.ts';
import { workItems } from './work-items.schema.ts';

export type EstimateRow = typeof estimates.$inferSelect;
export type NewEstimate = typeof estimates.$inferInsert;
export type EstimatePointRow = typeof estimatePoints.$inferSelect;
export type NewEstimatePoint = typeof estimatePoints.$inferInsert;

const livePoint = isNull(estimatePoints.deletedAt);
const numeric = '^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$';

/** A work-item column named with its table, so that it means the outer row inside a subquery too. */
const itemColumn = (name: string) => sql.raw(`"work_items"."${name}"`);

/**
 * A work item's points for progress and burndown: the numeric value of its estimate point when the estimate
 * counts (points or time) and the value is a number, else the legacy `point` column, else 0. Drizzle leaves
 * columns unqualified in one-table selects, hence the spelled-out names.
 */
export const workItemPoints: SQL<number> = sql<number>`coalesce(
  (select case when e.type in ('points', 'time') and p.value ~ ${numeric} then trim(p.value)::float8 end
    from ${estimatePoints} p join ${estimates} e on e.id = p.estimate_id and e.deleted_at is null
    where p.id = ${itemColumn('estimate_point_id')} and p.deleted_at is null),
  ${itemColumn('point')}, 0)::float8`;

export class EstimatesRepository {
  private readonly db: Db;
  private readonly estimates: ProjectRows<typeof estimates>;
  private readonly pointRows: ProjectRows<typeof estimatePoints>;

  constructor(db: Db) {
    this.db = db;
    this.estimates = new ProjectRows(db, estimates);
    this.pointRows = new ProjectRows(db, estimatePoints, estimatePoints.estimateId);
  }

  with(tx: Db): EstimatesRepository {
    return new EstimatesRepository(tx);
  }

  /** The project's live estimate (there is at most one). */
  async ofProject(projectId: string): Promise<EstimateRow | undefined> {
    const [row] = await this.db.select().from(estimates).where(this.estimates.live(projectId)).limit(1);
    return row;
  }

  async find(projectId: string, id: string): Promise<EstimateRow | undefined> {
    return this.estimates.find(projectId, id);
  }

  async insert(row: NewEstimate): Promise<EstimateRow> {
    return this.estimates.insert(row);
  }

  async update(id: string, patch: Partial<NewEstimate>): Promise<EstimateRow> {
    return this.estimates.update(id, patch);
  }

  /**
   * Soft-deletes the estimate and its points, takes its points off every work item and unlinks it from the
   * project (as a deleted label leaves its work items).
   */
  async softDelete(estimate: EstimateRow, by: string | null): Promise<void> {
    const stamp = { deletedAt: sql`now()`, updatedBy: by, updatedAt: sql`now()` };
    await this.clearFromWorkItems(eq(estimatePoints.estimateId, estimate.id));
    await this.db.update(estimatePoints).set(stamp).where(eq(estimatePoints.estimateId, estimate.id));
    await this.db.update(estimates).set(stamp).where(eq(estimates.id, estimate.id));
    await this.db
      .update(projects)
      .set({ estimateId: null, updatedAt: sql`now()` })
      .where(and(eq(projects.id, estimate.projectId), eq(projects.estimateId, estimate.id)));
  }

  async points(estimateId: string): Promise<EstimatePointRow[]> {
    return this.db
      .select()
      .from(estimatePoints)
      .where(this.pointRows.live(estimateId))
      .orderBy(asc(estimatePoints.key), asc(estimatePoints.createdAt), asc(estimatePoints.id));
  }

  async findPoint(estimateId: string, id: string): Promise<EstimatePointRow | undefined> {
    return this.pointRows.find(estimateId, id);
  }

  async insertPoints(rows: NewEstimatePoint[]): Promise<EstimatePointRow[]> {
    return this.db.insert(estimatePoints).values(rows).returning();
  }

  async updatePoint(id: string, patch: Partial<NewEstimatePoint>): Promise<EstimatePointRow> {
    return this.pointRows.update(id, patch);
  }

  async deletePoint(id: string, by: string | null): Promise<void> {
    await this.clearFromWorkItems(eq(estimatePoints.id, id));
    await this.db
      .update(estimatePoints)
      .set({ deletedAt: sql`now()`, updatedBy: by, updatedAt: sql`now()` })
      .where(eq(estimatePoints.id, id));
  }

  /** A live point of the estimate already using one of these external pairs. */
  async findPointByExternal(
    estimateId: string,
    pairs: Array<{ source: string; id: string }>,
    exceptId?: string,
  ): Promise<EstimatePointRow | undefined> {
    if (pairs.length === 0) return undefined;
    const [row] = await this.db
      .select()
      .from(estimatePoints)
      .where(
        this.pointRows.live(
          estimateId,
          and(
            or(
              ...pairs.map((p) =>
                and(eq(estimatePoints.externalSource, p.source), eq(estimatePoints.externalId, p.id)),
              ),
            ),
            exceptId ? sql`${estimatePoints.id} <> ${exceptId}` : undefined,
          ),
        ),
      )
      .limit(1);
    return row;
  }

  /** A live point of a live estimate of this workspace, with the project it belongs to. */
  async findLivePoint(workspaceId: string, id: string): Promise<EstimatePointRow | undefined> {
    const [row] = await this.db
      .select({ point: estimatePoints })
      .from(estimatePoints)
      .innerJoin(estimates, and(eq(estimates.id, estimatePoints.estimateId), isNull(estimates.deletedAt)))
      .where(and(eq(estimatePoints.id, id), eq(estimatePoints.workspaceId, workspaceId), livePoint));
    return row?.point;
  }

  /** Points with these ids, deleted or not (work-item `expand=estimate_point`). */
  async findPointsByIds(ids: string[]): Promise<EstimatePointRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(estimatePoints).where(inArray(estimatePoints.id, ids));
  }

  private async clearFromWorkItems(which: SQL): Promise<void> {
    await this.db
      .update(workItems)
      .set({ estimatePointId: null, updatedAt: sql`now()` })
      .where(
        inArray(
          workItems.estimatePointId,
          this.db.select({ id: estimatePoints.id }).from(estimatePoints).where(which),
        ),
      );
  }
}
