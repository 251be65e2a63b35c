import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { changedAt, type ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { ActivitiesRepository } from './activities.repository.ts';
import type { Writer } from './db-errors.ts';
import { ADMIN, displayName, type PeopleDirectory } from './directory.ts';
import type { EstimatesRepository } from './estimates.repository.ts';
import type { LabelsRepository } from './labels.repository.ts';
import type { NotificationsService } from './notifications.service.ts';
import type { ProjectScope } from './project-access.ts';
import type { Window } from './projects.repository.ts';
import type { StatesRepository } from './states.repository.ts';
import { WorkErrors } from './work.errors.ts';
import { activityRows, changeRows, createdRow, deletedRow, type HistoryNames } from './work-item-history.ts';
import type { WorkItemFilters } from './work-item-filters.ts';
import type { WorkItemInput, WorkItemReferences } from './work-item-input.ts';
import type { WorkItemOrder, WorkItemRecord, WorkItemsRepository } from './work-items.repository.ts';
import { sortOrderAfter } from './plane/ordering.ts';

export interface WorkItemsDeps {
  transactor: Writer;
  workItems: WorkItemsRepository;
  states: StatesRepository;
  labels: LabelsRepository;
  estimates: EstimatesRepository;
  activities: ActivitiesRepository;
  references: WorkItemReferences;
  people: PeopleDirectory;
  /** Tells assignees, mentioned people and followers, inside the change's transaction. */
  notifications?: NotificationsService;
}

/** The `order_by` names the list accepts (a leading `-` reverses them). */
export { workItemSortKeys } from './work-items.repository.ts';

export class WorkItemsService {
  private readonly deps: WorkItemsDeps;

  constructor(deps: WorkItemsDeps) {
    this.deps = deps;
  }

  /**
   * Items of an archived project are not shown (contract §2.6, "visible"). `filters` (ours, beyond Plane CE)
   * narrow the rows and the total alike.
   */
  async list(scope: ProjectScope, order: WorkItemOrder, window: Window, filters: WorkItemFilters = {}) {
    if (scope.project.archivedAt) return { rows: [], total: 0 };
    return this.deps.workItems.listPage(scope.project.id, order, window, filters);
  }

  async get(scope: ProjectScope, id: string): Promise<WorkItemRecord> {
    const item = scope.project.archivedAt
      ? undefined
      : await this.deps.workItems.findVisible(scope.project.id, { id });
    if (!item) throw new AppError('NOT_FOUND');
    return item;
  }

  async getBySequence(scope: ProjectScope, sequenceId: number): Promise<WorkItemRecord> {
    const item = scope.project.archivedAt
      ? undefined
      : await this.deps.workItems.findVisible(scope.project.id, { sequenceId });
    if (!item) throw new AppError('NOT_FOUND');
    return item;
  }

  async getByExternal(scope: ProjectScope, source: string, externalId: string): Promise<WorkItemRecord> {
    const item = await this.deps.workItems.findByExternal(scope.project.id, source, externalId);
    if (!item) throw new AppError('NOT_FOUND');
    return item;
  }

  /** Any live item of the project, for routes that hang off one (comments, links, activity). */
  async requireItem(scope: ProjectScope, id: string): Promise<WorkItemRecord> {
    const item = await this.deps.workItems.find(scope.project.id, id);
    if (!item) throw new AppError('NOT_FOUND');
    return item;
  }

  async create(ctx: ChangeContext, scope: ProjectScope, input: WorkItemInput & { name: string }) {
    const { references } = this.deps;
    const resolved = await references.resolve(scope, input);
    const state = resolved.state ?? (await this.deps.states.defaultFor(scope.project.id));
    if (!state)
      throw new AppError('VALIDATION_FAILED', { field: 'state', message: 'The project has no states.' });
    const assigneeIds = resolved.assigneeIds?.length
      ? resolved.assigneeIds
      : await references.defaultAssignees(scope);
    const nameable = await this.deps.notifications?.nameable(scope, input.description_html);
    return this.deps.transactor.run(async (tx) => {
      const items = this.deps.workItems.with(tx);
      await this.refuseExternalClash(items, scope, input.external_source, input.external_id);
      const sequenceId = await items.nextSequence(scope.project.id);
      const highest = input.sort_order === undefined ? await items.maxSortOrderInState(state.id) : null;
      const at = changedAt(ctx).toISOString();
      const row = await items.insert({
        createdBy: scope.userId,
        ...(ctx.at ? { createdAt: at, updatedAt: at } : {}),
        ...resolved.columns,
        id: randomUUID(),
        workspaceId: scope.project.workspaceId,
        projectId: scope.project.id,
        sequenceId,
        name: input.name,
        stateId: state.id,
        sortOrder: input.sort_order ?? sortOrderAfter(highest),
        completedAt: state.group === 'completed' ? at : null,
      });
      await items.replaceAssignees(row, assigneeIds, scope.userId);
      await items.replaceLabels(row, resolved.labelIds ?? [], scope.userId);
      const item = (await items.find(scope.project.id, row.id))!;
      await this.deps.activities.with(tx).insert(activityRows(ctx, item, [createdRow]));
      await this.record(tx, ctx, 'work_item.created', item, undefined);
      await this.deps.notifications?.itemCreated(tx, ctx, scope, item, nameable);
      return item;
    });
  }

  async update(ctx: ChangeContext, scope: ProjectScope, id: string, input: WorkItemInput) {
    const current = await this.requireItem(scope, id);
    const resolved = await this.deps.references.resolve(scope, input, current);
    // Read before the transaction: PGlite has one connection, which the transaction holds.
    const people = resolved.assigneeIds ? await this.deps.people.workspaceMembers(scope.workspace) : [];
    const nameable = await this.deps.notifications?.nameable(scope, input.description_html);
    return this.deps.transactor.run(async (tx) => {
      const items = this.deps.workItems.with(tx);
      const before = (await items.find(scope.project.id, id, { lock: true }))!;
      if (input.external_id && input.external_id !== before.externalId) {
        const source = input.external_source ?? before.externalSource;
        if (source && (await items.findByExternal(scope.project.id, source, input.external_id))) {
          throw new AppError(WorkErrors.WORK_ITEM_EXTERNAL_TAKEN, { details: { id } });
        }
      }
      const columns = { ...resolved.columns };
      const at = changedAt(ctx).toISOString();
      if (resolved.state && resolved.state.id !== before.stateId) {
        columns.completedAt = resolved.state.group === 'completed' ? at : null;
      }
      if (ctx.at) columns.updatedAt = at;
      await items.update(id, { ...columns, updatedBy: scope.userId });
      if (resolved.assigneeIds) await items.replaceAssignees(before, resolved.assigneeIds, scope.userId);
      if (resolved.labelIds) await items.replaceLabels(before, resolved.labelIds, scope.userId);
      const after = (await items.find(scope.project.id, id))!;
      const names = await this.names(tx, scope, before, after);
      names.people = new Map(people.map((p) => [p.id, displayName(p)]));
      const rows = changeRows(before, after, names);
      await this.deps.activities.with(tx).insert(activityRows(ctx, after, rows));
      await this.record(tx, ctx, 'work_item.updated', after, before);
      const fields = rows.map((r) => r.field).filter((f): f is string => f !== null && f !== undefined);
      await this.deps.notifications?.itemUpdated(tx, ctx, scope, before, after, fields, nameable);
      return after;
    });
  }

  async delete(ctx: ChangeContext, scope: ProjectScope, id: string): Promise<void> {
    const item = await this.requireItem(scope, id);
    if (scope.projectRole !== ADMIN && item.createdBy !== scope.userId) {
      throw new AppError(WorkErrors.WORK_ITEM_DELETE_FORBIDDEN);
    }
    await this.deps.transactor.run(async (tx) => {
      await this.deps.workItems
        .with(tx)
        .update(id, { deletedAt: new Date().toISOString(), updatedBy: scope.userId });
      const history = activityRows(ctx, item, [deletedRow]);
      await this.deps.activities.with(tx).insert(history);
      await this.record(tx, ctx, 'work_item.deleted', undefined, item);
      await this.deps.notifications?.historyWritten(tx, ctx, history);
    });
  }

  private async refuseExternalClash(
    items: WorkItemsRepository,
    scope: ProjectScope,
    source: string | null | undefined,
    externalId: string | null | undefined,
  ): Promise<void> {
    if (!source || !externalId) return;
    const clash = await items.findByExternal(scope.project.id, source, externalId);
    if (clash) throw new AppError(WorkErrors.WORK_ITEM_EXTERNAL_TAKEN, { details: { id: clash.id } });
  }

  /** The names the history shows for the states, labels and parents that changed. */
  private async names(
    tx: Db,
    scope: ProjectScope,
    before: WorkItemRecord,
    after: WorkItemRecord,
  ): Promise<HistoryNames> {
    const parentIds = [before.parentId, after.parentId].filter((p): p is string => p !== null);
    const pointIds = [before.estimatePointId, after.estimatePointId].filter((p): p is string => p !== null);
    const [states, labels, parents, points] = await Promise.all([
      this.deps.states.with(tx).findByIds([...new Set([before.stateId, after.stateId])]),
      this.deps.labels.with(tx).findByIds([...new Set([...before.labelIds, ...after.labelIds])]),
      this.deps.workItems.with(tx).findByIds(parentIds),
      before.estimatePointId === after.estimatePointId
        ? []
        : this.deps.estimates.with(tx).findPointsByIds(pointIds),
    ]);
    return {
      states: new Map(states.map((s) => [s.id, s.name])),
      labels: new Map(labels.map((l) => [l.id, l.name])),
      items: new Map(parents.map((p) => [p.id, `${scope.project.identifier}-${p.sequenceId}`])),
      people: new Map(),
      points: new Map(points.map((p) => [p.id, p.value])),
    };
  }

  private async record(
    tx: Db,
    ctx: ChangeContext,
    action: string,
    after: WorkItemRecord | undefined,
    before: WorkItemRecord | undefined,
  ): Promise<void> {
    const item = (after ?? before)!;
    await recordChange(tx, ctx, {
      workspaceId: item.workspaceId,
      action,
      objectType: 'work_item',
      objectId: item.id,
      before: before ? snapshot(before) : null,
      after: after ? snapshot(after) : null,
    });
  }
}

const snapshot = (i: WorkItemRecord) => ({
  project_id: i.projectId,
  sequence_id: i.sequenceId,
  name: i.name,
  state_id: i.stateId,
  priority: i.priority,
  parent_id: i.parentId,
  assignee_ids: i.assigneeIds,
  label_ids: i.labelIds,
  start_date: i.startDate,
  target_date: i.targetDate,
});
