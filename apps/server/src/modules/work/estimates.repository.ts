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

/** A live work item that lost its estimate point: which point it had. */
export interface ClearedPoint {
  id: string;
  workspaceId: string;
  projectId: string;
  estimatePointId: string;
}

const livePoint = isNull(estimatePoints.deletedAt);
const numeric = '^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$';

/** A work-item column named with its table, so that it means the outer row inside a subquery too. */
const itemColumn = (name: string) => sql.raw(`"work_items"."${name}"`);

/** What a point counts for in cycle points: its value when the estimate counts (points or time) and it is a number. */
const counted = (type: SQL, value: SQL) =>
  sql`case when ${type} in ('points', 'time') and ${value} ~ ${numeric} then trim(${value})::float8 end`;

/**
 * A work item's points for progress and burndown: the numeric value of its estimate point when the estimate
 * counts (points or time) and the value is a number, else the legacy `point` column, else 0. Drizzle leaves
 * columns unqualified in one-table selects, hence the spelled-out names.
 */
export const workItemPoints: SQL<number> = sql<number>`coalesce(
  (select ${counted(sql`e.type`, sql`p.value`)}
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
   * project (as a deleted label leaves its work items). Answers the live items that lost a point.
   */
  async softDelete(estimate: EstimateRow, by: string | null): Promise<ClearedPoint[]> {
    const stamp = { deletedAt: sql`now()`, updatedBy: by, updatedAt: sql`now()` };
    const cleared = await this.clearFromWorkItems(eq(estimatePoints.estimateId, estimate.id));
    await this.db.update(estimatePoints).set(stamp).where(eq(estimatePoints.estimateId, estimate.id));
    await this.db.update(estimates).set(stamp).where(eq(estimates.id, estimate.id));
    await this.db
      .update(projects)
      .set({ estimateId: null, updatedAt: sql`now()` })
      .where(and(eq(projects.id, estimate.projectId), eq(projects.estimateId, estimate.id)));
    return cleared;
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

  /** Soft-deletes the point and takes it off its work items; answers the live items that had it. */
  async deletePoint(id: string, by: string | null): Promise<ClearedPoint[]> {
    const cleared = await this.clearFromWorkItems(eq(estimatePoints.id, id));
    await this.db
      .update(estimatePoints)
      .set({ deletedAt: sql`now()`, updatedBy: by, updatedAt: sql`now()` })
      .where(eq(estimatePoints.id, id));
    return cleared;
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

  /**
   * What each of these points counts for in cycle points (null: nothing, see workItemPoints), deleted points and
   * estimates included: the burndown reads the points items had on past days.
   */
  async countedValues(ids: string[]): Promise<Map<string, number | null>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .select({ id: estimatePoints.id, value: counted(sql`${estimates.type}`, sql`${estimatePoints.value}`) })
      .from(estimatePoints)
      .innerJoin(estimates, eq(estimates.id, estimatePoints.estimateId))
      .where(inArray(estimatePoints.id, ids));
    return new Map(rows.map((r) => [r.id, r.value === null ? null : Number(r.value)]));
  }

  /** Points with these ids, deleted or not (work-item `expand=estimate_point`). */
  async findPointsByIds(ids: string[]): Promise<EstimatePointRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(estimatePoints).where(inArray(estimatePoints.id, ids));
  }

  /**
   * Takes the points `which` selects off every work item that has one (deleted items too, locked first), and
   * answers the live ones with the point each had: their history says so.
   */
  private async clearFromWorkItems(which: SQL): Promise<ClearedPoint[]> {
    const had = await this.db
      .select({
        id: workItems.id,
        workspaceId: workItems.workspaceId,
        projectId: workItems.projectId,
        estimatePointId: workItems.estimatePointId,
        deletedAt: workItems.deletedAt,
      })
      .from(workItems)
      .where(
        inArray(
          workItems.estimatePointId,
          this.db.select({ id: estimatePoints.id }).from(estimatePoints).where(which),
        ),
      )
      .orderBy(workItems.id)
      .for('update');
    if (had.length === 0) return [];
    await this.db
      .update(workItems)
      .set({ estimatePointId: null, updatedAt: sql`now()` })
      .where(
        inArray(
          workItems.id,
          had.map((item) => item.id),
        ),
      );
    return had
      .filter((item) => item.deletedAt === null)
      .map((item) => ({
        id: item.id,
        workspaceId: item.workspaceId,
        projectId: item.projectId,
        estimatePointId: item.estimatePointId!,
      }));
  }
}
