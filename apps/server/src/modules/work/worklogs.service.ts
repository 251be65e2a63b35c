import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { ActivitiesRepository } from './activities.repository.ts';
import type { Writer } from './db-errors.ts';
import { ADMIN, MEMBER } from './directory.ts';
import type { ProjectScope } from './project-access.ts';
import { WorkErrors } from './work.errors.ts';
import { activityRows } from './work-item-history.ts';
import type { WorkItemRecord, WorkItemsRepository } from './work-items.repository.ts';
import type { ItemTotal, NewWorklog, WorklogRow, WorklogsRepository } from './worklogs.repository.ts';

export interface WorklogInput {
  duration?: number;
  description?: string;
}

/** Minutes logged in a project (or one of its cycles): per work item, and their sum. */
export interface WorklogTotals {
  items: ItemTotal[];
  total: number;
}

export interface WorklogsDeps {
  transactor: Writer;
  worklogs: WorklogsRepository;
  workItems: WorkItemsRepository;
  activities: ActivitiesRepository;
}

/**
 * Time spent on work items (Plane's commercial worklogs, docs/decisions/0014): durations in minutes. Project
 * admins and members log time — always as themselves — and read it; guests do neither. A log is changed or
 * removed by the person who logged it or by a project admin. The project's `is_time_tracking_enabled` switches it
 * on, as in Plane.
 */
export class WorklogsService {
  private readonly deps: WorklogsDeps;

  constructor(deps: WorklogsDeps) {
    this.deps = deps;
  }

  async list(scope: ProjectScope, itemId: string): Promise<WorklogRow[]> {
    const item = await this.item(scope, itemId);
    return this.deps.worklogs.list(item.id);
  }

  async create(
    ctx: ChangeContext,
    scope: ProjectScope,
    itemId: string,
    input: { duration: number; description: string },
  ): Promise<WorklogRow> {
    const item = await this.item(scope, itemId);
    checkDuration(input.duration);
    return this.deps.transactor.run(async (tx) => {
      const worklog = await this.deps.worklogs.with(tx).insert({
        id: randomUUID(),
        workspaceId: item.workspaceId,
        projectId: item.projectId,
        workItemId: item.id,
        loggedBy: scope.userId,
        duration: input.duration,
        description: input.description,
        createdBy: scope.userId,
        ...(ctx.at ? { createdAt: ctx.at.toISOString(), updatedAt: ctx.at.toISOString() } : {}),
      });
      await this.history(tx, ctx, item, worklog, 'created', undefined);
      return worklog;
    });
  }

  async update(
    ctx: ChangeContext,
    scope: ProjectScope,
    itemId: string,
    id: string,
    input: WorklogInput,
  ): Promise<WorklogRow> {
    const item = await this.item(scope, itemId);
    const before = await this.editable(scope, item, id);
    if (input.duration !== undefined) checkDuration(input.duration);
    const patch: Partial<NewWorklog> = {};
    if (input.duration !== undefined) patch.duration = input.duration;
    if (input.description !== undefined) patch.description = input.description;
    return this.deps.transactor.run(async (tx) => {
      const worklog = await this.deps.worklogs.with(tx).update(id, { ...patch, updatedBy: scope.userId });
      await this.history(tx, ctx, item, worklog, 'updated', before);
      return worklog;
    });
  }

  async delete(ctx: ChangeContext, scope: ProjectScope, itemId: string, id: string): Promise<void> {
    const item = await this.item(scope, itemId);
    const before = await this.editable(scope, item, id);
    await this.deps.transactor.run(async (tx) => {
      const worklog = await this.deps.worklogs
        .with(tx)
        .update(id, { deletedAt: new Date().toISOString(), updatedBy: scope.userId });
      await this.history(tx, ctx, item, worklog, 'deleted', before);
    });
  }

  /** Minutes per work item of the project, with their sum; with `cycleId`, of that cycle's items only. */
  async totals(scope: ProjectScope, filter: { cycleId?: string } = {}): Promise<WorklogTotals> {
    this.checkTracking(scope);
    const items = await this.deps.worklogs.totalsByItem(scope.project.id, filter.cycleId);
    return { items, total: items.reduce((sum, i) => sum + i.duration, 0) };
  }

  /** Guests are refused before anything is read; then the project must track time. */
  private checkTracking(scope: ProjectScope): void {
    if (scope.projectRole === null || scope.projectRole < MEMBER) throw new AppError('FORBIDDEN');
    if (!scope.project.isTimeTrackingEnabled) {
      throw new AppError(WorkErrors.WORKLOG_DISABLED, {
        details: { message: 'Worklog is not enabled for the project' },
      });
    }
  }

  /** Any live item of the project; guests and projects without time tracking are refused first. */
  private async item(scope: ProjectScope, itemId: string): Promise<WorkItemRecord> {
    this.checkTracking(scope);
    const item = await this.deps.workItems.find(scope.project.id, itemId);
    if (!item) throw new AppError('NOT_FOUND');
    return item;
  }

  private async editable(scope: ProjectScope, item: WorkItemRecord, id: string): Promise<WorklogRow> {
    const worklog = await this.deps.worklogs.find(item.id, id);
    if (!worklog) throw new AppError('NOT_FOUND');
    if (worklog.loggedBy !== scope.userId && scope.projectRole !== ADMIN) {
      throw new AppError(WorkErrors.WORKLOG_EDIT_FORBIDDEN);
    }
    return worklog;
  }

  /** A `worklog` row in the work item's history (minutes as the values), and the audit trail. */
  private async history(
    tx: Db,
    ctx: ChangeContext,
    item: WorkItemRecord,
    worklog: WorklogRow,
    verb: 'created' | 'updated' | 'deleted',
    before: WorklogRow | undefined,
  ): Promise<void> {
    const minutes = (w: WorklogRow | undefined) => (w ? String(w.duration) : null);
    await this.deps.activities.with(tx).insert(
      activityRows(ctx, item, [
        {
          verb,
          field: 'worklog',
          oldValue: minutes(before),
          newValue: verb === 'deleted' ? null : minutes(worklog),
          comment: `${verb} a work log`,
          ...(verb === 'deleted' ? { oldIdentifier: worklog.id } : { newIdentifier: worklog.id }),
        },
      ]),
    );
    // Plane touches the work item when its time changes.
    await this.deps.workItems.with(tx).update(item.id, ctx.at ? { updatedAt: ctx.at.toISOString() } : {});
    await recordChange(tx, ctx, {
      workspaceId: item.workspaceId,
      action: `work_item.worklog.${verb}`,
      objectType: 'work_item_worklog',
      objectId: worklog.id,
      before: before ? snapshot(before) : null,
      after: verb === 'deleted' ? null : snapshot(worklog),
    });
  }
}

function checkDuration(duration: number): void {
  if (duration < 0) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'non_field_errors',
      message: 'Duration cannot be negative',
    });
  }
}

const snapshot = (w: WorklogRow) => ({
  work_item_id: w.workItemId,
  logged_by: w.loggedBy,
  duration: w.duration,
  description: w.description,
});
