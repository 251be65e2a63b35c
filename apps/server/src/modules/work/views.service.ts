import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { Writer } from './db-errors.ts';
import { ADMIN } from './directory.ts';
import { parseOrdering, type Ordering } from './plane/ordering.ts';
import type { ProjectScope } from './project-access.ts';
import type { Window } from './projects.repository.ts';
import type { ViewInput } from './views.dto.ts';
import type { NewView, ViewRow, ViewsRepository } from './views.repository.ts';
import { WorkErrors } from './work.errors.ts';
import {
  filterNames,
  filtersToJson,
  parseWorkItemFilters,
  type WorkItemFilters,
} from './work-item-filters.ts';
import { workItemSortKeys } from './work-items.repository.ts';

export const DEFAULT_VIEW_ORDER = '-created_at';

/** Saved views of a project's work items (ours: Plane CE's v1 has none). */
export class ViewsService {
  private readonly transactor: Writer;
  private readonly views: ViewsRepository;

  constructor(transactor: Writer, views: ViewsRepository) {
    this.transactor = transactor;
    this.views = views;
  }

  async list(scope: ProjectScope, window: Window): Promise<{ rows: ViewRow[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.views.list(scope.project.id, window),
      this.views.count(scope.project.id),
    ]);
    return { rows, total };
  }

  async get(scope: ProjectScope, id: string): Promise<ViewRow> {
    const view = await this.views.find(scope.project.id, id);
    if (!view) throw new AppError('NOT_FOUND');
    return view;
  }

  /** The view's filters and ordering, ready for the work-item list; `orderBy` from the request wins. */
  async query(
    scope: ProjectScope,
    id: string,
    orderBy: string | undefined,
  ): Promise<{ filters: WorkItemFilters; order: Ordering }> {
    const view = await this.get(scope, id);
    return {
      filters: parseWorkItemFilters(view.filters),
      order: parseOrdering(orderBy?.trim() || view.orderBy, workItemSortKeys, DEFAULT_VIEW_ORDER),
    };
  }

  async create(
    ctx: ChangeContext,
    scope: ProjectScope,
    input: ViewInput & { name: string },
  ): Promise<ViewRow> {
    const columns = checked(input);
    return this.transactor.run(async (tx) => {
      const view = await this.views.with(tx).insert({
        id: randomUUID(),
        workspaceId: scope.project.workspaceId,
        projectId: scope.project.id,
        name: input.name,
        description: input.description ?? '',
        filters: columns.filters ?? {},
        orderBy: columns.orderBy ?? DEFAULT_VIEW_ORDER,
        display: columns.display ?? { group_by: null, sub_group_by: null },
        ownedBy: scope.userId,
        createdBy: scope.userId,
      });
      await this.record(tx, ctx, 'work_item_view.created', view, undefined);
      return view;
    });
  }

  async update(ctx: ChangeContext, scope: ProjectScope, id: string, input: ViewInput): Promise<ViewRow> {
    const before = await this.editable(scope, id);
    const columns = checked(input);
    return this.transactor.run(async (tx) => {
      const view = await this.views.with(tx).update(id, { ...columns, updatedBy: scope.userId });
      await this.record(tx, ctx, 'work_item_view.updated', view, before);
      return view;
    });
  }

  async delete(ctx: ChangeContext, scope: ProjectScope, id: string): Promise<void> {
    const before = await this.editable(scope, id);
    await this.transactor.run(async (tx) => {
      await this.views.with(tx).update(id, { deletedAt: new Date().toISOString(), updatedBy: scope.userId });
      await this.record(tx, ctx, 'work_item_view.deleted', undefined, before);
    });
  }

  /** Its owner or a project admin may change or delete a view. */
  private async editable(scope: ProjectScope, id: string): Promise<ViewRow> {
    const view = await this.get(scope, id);
    if (view.ownedBy !== scope.userId && scope.projectRole !== ADMIN) {
      throw new AppError(WorkErrors.VIEW_EDIT_FORBIDDEN);
    }
    return view;
  }

  private async record(
    tx: Db,
    ctx: ChangeContext,
    action: string,
    after: ViewRow | undefined,
    before: ViewRow | undefined,
  ): Promise<void> {
    const view = (after ?? before)!;
    await recordChange(tx, ctx, {
      workspaceId: view.workspaceId,
      action,
      objectType: 'work_item_view',
      objectId: view.id,
      before: before ? snapshot(before) : null,
      after: after ? snapshot(after) : null,
    });
  }
}

/** Validates filters, ordering and grouping; returns the columns to write. */
function checked(input: ViewInput): Partial<NewView> {
  const columns: Partial<NewView> = {};
  if (input.name !== undefined) columns.name = input.name;
  if (input.description !== undefined) columns.description = input.description;
  if (input.filters !== undefined) {
    const unknown = Object.keys(input.filters).filter((k) => !(filterNames as readonly string[]).includes(k));
    if (unknown.length > 0) {
      throw new AppError('VALIDATION_FAILED', {
        field: 'filters',
        message: `Unknown filter "${unknown[0]}".`,
        details: { fields: { filters: Object.fromEntries(unknown.map((k) => [k, ['Unknown filter.']])) } },
      });
    }
    columns.filters = filtersToJson(parseWorkItemFilters(input.filters, 'filters'));
  }
  if (input.order_by !== undefined) {
    columns.orderBy = input.order_by.trim() || DEFAULT_VIEW_ORDER;
    parseOrdering(columns.orderBy, workItemSortKeys, DEFAULT_VIEW_ORDER);
  }
  if (input.display !== undefined) {
    const display = {
      group_by: input.display.group_by ?? null,
      sub_group_by: input.display.sub_group_by ?? null,
    };
    if (display.sub_group_by && (!display.group_by || display.sub_group_by === display.group_by)) {
      throw new AppError('VALIDATION_FAILED', {
        field: 'display',
        message: 'sub_group_by needs a group_by, and a different one.',
        details: { fields: { display: { sub_group_by: ['Needs a group_by, and a different one.'] } } },
      });
    }
    columns.display = display;
  }
  return columns;
}

const snapshot = (v: ViewRow) => ({
  project_id: v.projectId,
  name: v.name,
  filters: v.filters,
  order_by: v.orderBy,
  display: v.display,
  owned_by: v.ownedBy,
});
