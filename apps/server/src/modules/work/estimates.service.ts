import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { Writer } from './db-errors.ts';
import type { ActivitiesRepository } from './activities.repository.ts';
import type {
  ClearedPoint,
  EstimatePointRow,
  EstimateRow,
  EstimatesRepository,
  NewEstimatePoint,
} from './estimates.repository.ts';
import type { EstimateType } from './estimates.schema.ts';
import { changedKeys, mapFields } from './fields-map.ts';
import type { NotificationsService } from './notifications.service.ts';
import type { ProjectScope } from './project-access.ts';
import { WorkErrors } from './work.errors.ts';
import { activityRows, estimatePointRow } from './work-item-history.ts';

export interface EstimateInput {
  name?: string;
  description?: string;
  type?: EstimateType;
  last_used?: boolean;
  external_source?: string | null;
  external_id?: string | null;
}

export interface EstimatePointInput {
  key?: number;
  value?: string;
  description?: string;
  external_source?: string | null;
  external_id?: string | null;
}

const estimateColumns = {
  name: 'name',
  description: 'description',
  type: 'type',
  last_used: 'lastUsed',
  external_source: 'externalSource',
  external_id: 'externalId',
} as const;
const pointColumns = {
  key: 'key',
  value: 'value',
  description: 'description',
  external_source: 'externalSource',
  external_id: 'externalId',
} as const;

export interface EstimatesDeps {
  transactor: Writer;
  estimates: EstimatesRepository;
  activities: ActivitiesRepository;
  /** Tells the followers of items that lose their point, inside the deletion's transaction. */
  notifications?: NotificationsService;
}

/**
 * Project estimates (contract §2.16): one live estimate per project, its points a bare list. Reads and writes
 * follow the project-member rule (ProjectEntity); linking to the project is the project's PATCH.
 */
export class EstimatesService {
  private readonly transactor: Writer;
  private readonly estimates: EstimatesRepository;
  private readonly deps: EstimatesDeps;

  constructor(deps: EstimatesDeps) {
    this.transactor = deps.transactor;
    this.estimates = deps.estimates;
    this.deps = deps;
  }

  async get(scope: ProjectScope): Promise<EstimateRow> {
    const estimate = await this.estimates.ofProject(scope.project.id);
    if (!estimate) throw new AppError(WorkErrors.ESTIMATE_NOT_FOUND);
    return estimate;
  }

  async create(
    ctx: ChangeContext,
    scope: ProjectScope,
    input: EstimateInput & { name: string },
  ): Promise<EstimateRow> {
    await this.refuseSecond(scope);
    try {
      return await this.transactor.run(async (tx) => {
        const estimate = await this.estimates.with(tx).insert({
          ...(mapFields(input, estimateColumns) as Partial<EstimateRow>),
          id: randomUUID(),
          workspaceId: scope.project.workspaceId,
          projectId: scope.project.id,
          name: input.name,
          createdBy: scope.userId,
        });
        await record(tx, ctx, 'estimate.created', estimate, undefined);
        return estimate;
      });
    } catch (error) {
      // Another request created the project's estimate between our check and our insert.
      if (error instanceof AppError && error.code === WorkErrors.PAYLOAD_INVALID)
        await this.refuseSecond(scope);
      throw error;
    }
  }

  async update(ctx: ChangeContext, scope: ProjectScope, input: EstimateInput): Promise<EstimateRow> {
    const before = await this.get(scope);
    const patch = mapFields(input, estimateColumns) as Partial<EstimateRow>;
    if (changedKeys(before, patch).length === 0) return before;
    return this.transactor.run(async (tx) => {
      const estimate = await this.estimates.with(tx).update(before.id, { ...patch, updatedBy: scope.userId });
      await record(tx, ctx, 'estimate.updated', estimate, before);
      return estimate;
    });
  }

  async delete(ctx: ChangeContext, scope: ProjectScope): Promise<void> {
    const estimate = await this.get(scope);
    await this.transactor.run(async (tx) => {
      const estimates = this.estimates.with(tx);
      const points = await estimates.points(estimate.id);
      await this.pointsTakenOff(tx, ctx, await estimates.softDelete(estimate, scope.userId), points);
      await record(tx, ctx, 'estimate.deleted', undefined, estimate);
    });
  }

  async points(scope: ProjectScope, estimateId: string): Promise<EstimatePointRow[]> {
    await this.estimate(scope, estimateId);
    return this.estimates.points(estimateId);
  }

  async createPoints(
    ctx: ChangeContext,
    scope: ProjectScope,
    estimateId: string,
    input: Array<EstimatePointInput & { value: string }>,
  ): Promise<EstimatePointRow[]> {
    const estimate = await this.estimate(scope, estimateId);
    if (input.length === 0) throw new AppError(WorkErrors.ESTIMATE_POINTS_REQUIRED);
    const pairs = externalPairs(input);
    if (new Set(pairs.map((p) => `${p.source}\u0000${p.id}`)).size < pairs.length) {
      throw new AppError(WorkErrors.ESTIMATE_POINT_EXTERNAL_TAKEN);
    }
    return this.transactor.run(async (tx) => {
      const estimates = this.estimates.with(tx);
      await this.checkExternal(estimates, estimate.id, pairs, undefined);
      const points = await estimates.insertPoints(
        input.map((p) => ({
          ...(mapFields(p, pointColumns) as Partial<NewEstimatePoint>),
          id: randomUUID(),
          workspaceId: estimate.workspaceId,
          projectId: estimate.projectId,
          estimateId: estimate.id,
          value: p.value,
          createdBy: scope.userId,
        })),
      );
      for (const point of points) await recordPoint(tx, ctx, 'estimate_point.created', point, undefined);
      return points;
    });
  }

  async updatePoint(
    ctx: ChangeContext,
    scope: ProjectScope,
    estimateId: string,
    pointId: string,
    input: EstimatePointInput,
  ): Promise<EstimatePointRow> {
    const before = await this.point(scope, estimateId, pointId);
    const patch = mapFields(input, pointColumns) as Partial<EstimatePointRow>;
    if (changedKeys(before, patch).length === 0) return before;
    return this.transactor.run(async (tx) => {
      const estimates = this.estimates.with(tx);
      await this.checkExternal(estimates, estimateId, externalPairs([input]), pointId);
      const point = await estimates.updatePoint(pointId, { ...patch, updatedBy: scope.userId });
      await recordPoint(tx, ctx, 'estimate_point.updated', point, before);
      return point;
    });
  }

  /** The point goes, and the work items that had it are left without an estimate (each history says so). */
  async deletePoint(ctx: ChangeContext, scope: ProjectScope, estimateId: string, pointId: string) {
    const point = await this.point(scope, estimateId, pointId);
    await this.transactor.run(async (tx) => {
      const cleared = await this.estimates.with(tx).deletePoint(point.id, scope.userId);
      await this.pointsTakenOff(tx, ctx, cleared, [point]);
      await recordPoint(tx, ctx, 'estimate_point.deleted', undefined, point);
    });
  }

  /**
   * Each work item that lost its point gets the field change in its history (its point → none), written and told
   * to its followers as any other change, in the deletion's transaction.
   */
  private async pointsTakenOff(
    tx: Db,
    ctx: ChangeContext,
    cleared: ClearedPoint[],
    points: EstimatePointRow[],
  ): Promise<void> {
    if (cleared.length === 0) return;
    const values = new Map(points.map((p) => [p.id, p.value]));
    const history = cleared.flatMap((item) =>
      activityRows(ctx, item, [
        estimatePointRow({ id: item.estimatePointId, value: values.get(item.estimatePointId) ?? null }, null),
      ]),
    );
    await this.deps.activities.with(tx).insert(history);
    await this.deps.notifications?.historyWritten(tx, ctx, history);
  }

  private async refuseSecond(scope: ProjectScope): Promise<void> {
    const existing = await this.estimates.ofProject(scope.project.id);
    if (existing) throw new AppError(WorkErrors.ESTIMATE_EXISTS, { details: { id: existing.id } });
  }

  private async estimate(scope: ProjectScope, id: string): Promise<EstimateRow> {
    const estimate = await this.estimates.find(scope.project.id, id);
    if (!estimate) throw new AppError(WorkErrors.ESTIMATE_NOT_FOUND);
    return estimate;
  }

  private async point(scope: ProjectScope, estimateId: string, id: string): Promise<EstimatePointRow> {
    const point = await this.estimates.findPoint(estimateId, id);
    if (!point || point.projectId !== scope.project.id)
      throw new AppError(WorkErrors.ESTIMATE_POINT_NOT_FOUND);
    return point;
  }

  private async checkExternal(
    estimates: EstimatesRepository,
    estimateId: string,
    pairs: Array<{ source: string; id: string }>,
    exceptId: string | undefined,
  ): Promise<void> {
    const clash = await estimates.findPointByExternal(estimateId, pairs, exceptId);
    if (clash) throw new AppError(WorkErrors.ESTIMATE_POINT_EXTERNAL_TAKEN, { details: { id: clash.id } });
  }
}

/** The external pairs given in full (Plane checks a pair only when both halves are sent). */
function externalPairs(input: EstimatePointInput[]): Array<{ source: string; id: string }> {
  return input.flatMap((p) =>
    p.external_source && p.external_id ? [{ source: p.external_source, id: p.external_id }] : [],
  );
}

const snapshot = (e: EstimateRow) => ({ name: e.name, type: e.type, description: e.description });
const pointSnapshot = (p: EstimatePointRow) => ({ estimate: p.estimateId, key: p.key, value: p.value });

async function record(
  tx: Db,
  ctx: ChangeContext,
  action: string,
  after: EstimateRow | undefined,
  before: EstimateRow | undefined,
): Promise<void> {
  await recordRow(tx, ctx, action, 'estimate', { after, before }, snapshot);
}

async function recordPoint(
  tx: Db,
  ctx: ChangeContext,
  action: string,
  after: EstimatePointRow | undefined,
  before: EstimatePointRow | undefined,
): Promise<void> {
  await recordRow(tx, ctx, action, 'estimate_point', { after, before }, pointSnapshot);
}

async function recordRow<R extends { id: string; workspaceId: string }>(
  tx: Db,
  ctx: ChangeContext,
  action: string,
  objectType: string,
  rows: { after: R | undefined; before: R | undefined },
  shape: (row: R) => Record<string, unknown>,
): Promise<void> {
  const row = (rows.after ?? rows.before)!;
  await recordChange(tx, ctx, {
    workspaceId: row.workspaceId,
    action,
    objectType,
    objectId: row.id,
    before: rows.before ? shape(rows.before) : null,
    after: rows.after ? shape(rows.after) : null,
  });
}
