import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { ActivitiesRepository } from './activities.repository.ts';
import {
  addDays,
  cycleEnd,
  cycleStart,
  cycleStatus,
  localDate,
  pgInstant,
  zonedInstant,
  type CycleStatus,
} from './cycle-dates.ts';
import {
  burndown,
  pointIdsOf,
  progressOf,
  type BurndownPoint,
  type CycleProgress,
} from './cycle-progress.ts';
import type {
  CycleLink,
  CycleLinkRow,
  CycleRow,
  CycleView,
  CyclesRepository,
  NewCycle,
} from './cycles.repository.ts';
import type { Writer } from './db-errors.ts';
import { ADMIN, type PeopleDirectory } from './directory.ts';
import type { EstimatesRepository } from './estimates.repository.ts';
import type { NotificationsService } from './notifications.service.ts';
import type { ProjectScope } from './project-access.ts';
import type { Window } from './projects.repository.ts';
import { WorkErrors } from './work.errors.ts';
import { activityRows } from './work-item-history.ts';
import type { WorkItemOrder, WorkItemRecord, WorkItemsRepository } from './work-items.repository.ts';
import { sortOrderBefore } from './plane/ordering.ts';

export interface CycleInput {
  name?: string;
  description?: string;
  start_date?: string | null;
  end_date?: string | null;
  owned_by?: string;
  view_props?: Record<string, unknown>;
  logo_props?: Record<string, unknown>;
  sort_order?: number;
  timezone?: string;
  external_source?: string | null;
  external_id?: string | null;
}

/** A cycle as responses show it: its status now, and on reads its progress. */
export interface CycleRecord {
  cycle: CycleRow;
  status: CycleStatus;
  progress?: CycleProgress;
  /** The archived list also shows the points (Plane's `*_estimates`). */
  withEstimates?: boolean;
}

export interface CycleBurndown {
  cycle_id: string;
  status: CycleStatus;
  time_zone: string;
  start_date: string | null;
  end_date: string | null;
  days: BurndownPoint[];
}

export interface CyclesDeps {
  transactor: Writer;
  cycles: CyclesRepository;
  workItems: WorkItemsRepository;
  activities: ActivitiesRepository;
  /** What the estimate points items had count for, for the burndown. */
  estimates: EstimatesRepository;
  people: PeopleDirectory;
  /** Tells the items' followers, inside the change's transaction. */
  notifications?: NotificationsService;
  /** The clock; tests may stop it. */
  now?: () => Date;
}

// A cycle spanning more days than this gets a burndown of its first ten years.
const MAX_BURNDOWN_DAYS = 3660;

const invalidItems = (ids: string[]) =>
  new AppError('VALIDATION_FAILED', {
    field: 'issues',
    message: `Invalid pk "${ids[0]}" - object does not exist.`,
    details: { fields: { issues: ids.map((id) => `Invalid pk "${id}" - object does not exist.`) } },
  });

/**
 * Cycles (contract §2.12) with what Plane's web app adds: status from the dates, progress per state group, and a
 * burndown replayed from the items' history. Every move of an item in or out of a cycle is in its history.
 */
export class CyclesService {
  private readonly deps: CyclesDeps;
  private readonly now: () => Date;

  constructor(deps: CyclesDeps) {
    this.deps = deps;
    this.now = deps.now ?? (() => new Date());
  }

  async list(scope: ProjectScope, view: CycleView, archived: boolean, window: Window) {
    const now = this.now();
    const [rows, total] = await Promise.all([
      this.deps.cycles.list(scope.project.id, view, archived, now, window),
      this.deps.cycles.count(scope.project.id, view, archived, now),
    ]);
    return { rows: await this.withProgress(rows, now, archived), total };
  }

  /** `cycle_view=current`: every current cycle, not a page. */
  async current(scope: ProjectScope): Promise<CycleRecord[]> {
    const now = this.now();
    const rows = await this.deps.cycles.list(scope.project.id, 'current', false, now, {
      limit: 1000,
      offset: 0,
    });
    return this.withProgress(rows, now, false);
  }

  async get(scope: ProjectScope, id: string): Promise<CycleRecord> {
    const cycle = await this.require(scope, id, { archived: false });
    const [record] = await this.withProgress([cycle], this.now(), false);
    return record!;
  }

  async create(
    ctx: ChangeContext,
    scope: ProjectScope,
    input: CycleInput & { name: string },
  ): Promise<CycleRecord> {
    if (!scope.project.cycleView) throw new AppError(WorkErrors.CYCLES_DISABLED);
    const given = [input.start_date, input.end_date].filter((d) => d !== undefined && d !== null);
    if (given.length === 1) throw new AppError(WorkErrors.CYCLE_DATES_PAIRED);
    const now = ctx.at ?? this.now();
    const dates = this.dates(scope, input, now);
    await this.checkOwner(scope, input.owned_by);
    return this.deps.transactor.run(async (tx) => {
      const cycles = this.deps.cycles.with(tx);
      if (input.external_source && input.external_id) {
        const clash = await cycles.findByExternal(scope.project.id, input.external_source, input.external_id);
        if (clash) throw new AppError(WorkErrors.CYCLE_EXTERNAL_TAKEN, { details: { id: clash.id } });
      }
      const lowest = input.sort_order === undefined ? await cycles.minSortOrder(scope.project.id) : null;
      const cycle = await cycles.insert({
        id: randomUUID(),
        workspaceId: scope.project.workspaceId,
        projectId: scope.project.id,
        ...this.columns(input),
        name: input.name,
        ...dates,
        ownedBy: input.owned_by ?? scope.userId,
        sortOrder: input.sort_order ?? sortOrderBefore(lowest),
        createdBy: scope.userId,
      });
      await this.record(tx, ctx, 'cycle.created', cycle, undefined);
      return { cycle, status: cycleStatus(cycle, now) };
    });
  }

  async update(ctx: ChangeContext, scope: ProjectScope, id: string, input: CycleInput): Promise<CycleRecord> {
    const before = await this.require(scope, id);
    if (before.archivedAt) throw new AppError(WorkErrors.CYCLE_ARCHIVED);
    const now = this.now();
    let patch: Partial<NewCycle>;
    if (cycleStatus(before, now) === 'completed') {
      // An ended cycle only takes a new place in the list.
      if (input.sort_order === undefined) throw new AppError(WorkErrors.CYCLE_ENDED);
      patch = { sortOrder: input.sort_order };
    } else {
      const dates = this.dates(scope, input, now);
      const start = dates.startDate === undefined ? before.startDate : dates.startDate;
      const end = dates.endDate === undefined ? before.endDate : dates.endDate;
      if ((start === null) !== (end === null)) throw new AppError(WorkErrors.CYCLE_DATES_PAIRED);
      if (start && end && pgInstant(start) > pgInstant(end)) throw startAfterEnd();
      await this.checkOwner(scope, input.owned_by);
      patch = { ...this.columns(input), ...dates };
      if (input.owned_by !== undefined) patch.ownedBy = input.owned_by;
    }
    return this.deps.transactor.run(async (tx) => {
      const cycles = this.deps.cycles.with(tx);
      if (input.external_id && input.external_id !== before.externalId) {
        const source = input.external_source ?? before.externalSource;
        if (source && (await cycles.findByExternal(scope.project.id, source, input.external_id, id))) {
          // Plane names the cycle being patched here, not the one holding the pair (contract §1.9).
          throw new AppError(WorkErrors.CYCLE_EXTERNAL_TAKEN, { details: { id } });
        }
      }
      const cycle = await cycles.update(id, { ...patch, updatedBy: scope.userId });
      await this.record(tx, ctx, 'cycle.updated', cycle, before);
      return { cycle, status: cycleStatus(cycle, now) };
    });
  }

  /** The owner or a project admin; its items leave it (each history says so). */
  async delete(ctx: ChangeContext, scope: ProjectScope, id: string): Promise<void> {
    const cycle = await this.require(scope, id);
    if (cycle.ownedBy !== scope.userId && scope.projectRole !== ADMIN) {
      throw new AppError(WorkErrors.CYCLE_DELETE_FORBIDDEN);
    }
    await this.deps.transactor.run(async (tx) => {
      const cycles = this.deps.cycles.with(tx);
      const links = await cycles.links(id);
      await cycles.removeLinks(
        links.map((l) => l.id),
        scope.userId,
      );
      await this.itemHistory(tx, ctx, links, () => removedRow(cycle));
      const deleted = await cycles.update(id, {
        deletedAt: new Date().toISOString(),
        updatedBy: scope.userId,
      });
      await this.record(tx, ctx, 'cycle.deleted', undefined, deleted);
    });
  }

  async archive(ctx: ChangeContext, scope: ProjectScope, id: string): Promise<void> {
    const cycle = await this.require(scope, id);
    if (cycleStatus(cycle, this.now()) !== 'completed') throw new AppError(WorkErrors.CYCLE_NOT_COMPLETED);
    if (cycle.archivedAt) return;
    await this.deps.transactor.run(async (tx) => {
      const after = await this.deps.cycles.with(tx).update(id, { archivedAt: new Date().toISOString() });
      await this.record(tx, ctx, 'cycle.archived', after, cycle);
    });
  }

  async unarchive(ctx: ChangeContext, scope: ProjectScope, id: string): Promise<void> {
    const cycle = await this.require(scope, id, { archived: true });
    await this.deps.transactor.run(async (tx) => {
      const after = await this.deps.cycles.with(tx).update(id, { archivedAt: null });
      await this.record(tx, ctx, 'cycle.unarchived', after, cycle);
    });
  }

  /** The cycle's visible work items, as the work-item list shows them. */
  async items(scope: ProjectScope, id: string, order: WorkItemOrder, window: Window) {
    await this.require(scope, id);
    if (scope.project.archivedAt) return { rows: [], total: 0 };
    const filters = { cycle: [id] };
    const [rows, total] = await Promise.all([
      this.deps.workItems.list(scope.project.id, order, window, filters),
      this.deps.workItems.countVisible(scope.project.id, filters),
    ]);
    return { rows, total };
  }

  async link(scope: ProjectScope, id: string, workItemId: string): Promise<CycleLink> {
    await this.require(scope, id);
    const link = await this.deps.cycles.link(id, workItemId);
    if (!link) throw new AppError('NOT_FOUND');
    return link;
  }

  /** Adds items to a cycle that has not ended; an item in another cycle moves. Answers every link of the cycle. */
  async addItems(ctx: ChangeContext, scope: ProjectScope, id: string, ids: string[]): Promise<CycleLink[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) {
      throw new AppError(WorkErrors.CYCLE_WORK_ITEMS_REQUIRED, { details: { code: 'MISSING_WORK_ITEMS' } });
    }
    const cycle = await this.require(scope, id);
    // A change dated in the past (the demo seed's) is judged by the cycle's status then.
    if (cycleStatus(cycle, ctx.at ?? this.now()) === 'completed') {
      const message = 'The Cycle has already been completed so no new issues can be added';
      throw new AppError(WorkErrors.CYCLE_COMPLETED, { details: { code: 'CYCLE_COMPLETED', message } });
    }
    const items = (await this.deps.workItems.findByIds(unique)).filter(
      (i) => i.projectId === scope.project.id,
    );
    const missing = unique.filter((i) => !items.some((item) => item.id === i));
    if (missing.length > 0) throw invalidItems(missing);
    return this.deps.transactor.run(async (tx) => {
      const cycles = this.deps.cycles.with(tx);
      const current = new Map((await cycles.linksOfItems(unique)).map((l) => [l.workItemId, l]));
      const others = new Map(
        (
          await cycles.findByIds(
            scope.project.id,
            [...current.values()].map((l) => l.cycleId),
          )
        ).map((c) => [c.id, c]),
      );
      const moved = [...current.values()].filter((l) => l.cycleId !== id);
      const added = items.filter((i) => !current.has(i.id));
      await cycles.moveLinks(
        moved.map((l) => l.id),
        id,
        scope.userId,
      );
      await cycles.insertLinks(
        added.map((item) => ({
          id: randomUUID(),
          workspaceId: item.workspaceId,
          projectId: item.projectId,
          cycleId: id,
          workItemId: item.id,
          createdBy: scope.userId,
        })),
      );
      const activities = this.deps.activities.with(tx);
      for (const item of items) {
        const link = current.get(item.id);
        if (link?.cycleId === id) continue;
        const from = link && others.get(link.cycleId);
        const history = activityRows(ctx, item, [from ? movedRow(from, cycle) : addedRow(cycle)]);
        await activities.insert(history);
        await this.deps.notifications?.historyWritten(tx, ctx, history);
      }
      await this.record(tx, ctx, 'cycle.items_added', cycle, undefined, {
        work_item_ids: [...moved.map((l) => l.workItemId), ...added.map((i) => i.id)],
      });
      return cycles.links(id);
    });
  }

  async removeItem(ctx: ChangeContext, scope: ProjectScope, id: string, workItemId: string): Promise<void> {
    const cycle = await this.require(scope, id);
    const link = await this.deps.cycles.link(id, workItemId);
    if (!link) throw new AppError('NOT_FOUND');
    await this.deps.transactor.run(async (tx) => {
      await this.deps.cycles.with(tx).removeLinks([link.id], scope.userId);
      await this.itemHistory(tx, ctx, [link], () => removedRow(cycle));
      await this.record(tx, ctx, 'cycle.item_removed', cycle, undefined, { work_item_ids: [workItemId] });
    });
  }

  /**
   * Moves the unfinished items (backlog, unstarted, started) of an ended cycle to one that has not ended, and keeps
   * the ended cycle's progress as it was in `progress_snapshot`.
   */
  async transfer(ctx: ChangeContext, scope: ProjectScope, id: string, targetId: string | undefined) {
    if (!targetId) throw new AppError(WorkErrors.CYCLE_TRANSFER_TARGET_REQUIRED);
    const source = await this.require(scope, id);
    const target = await this.require(scope, targetId);
    const now = this.now();
    if (cycleStatus(source, now) !== 'completed') throw new AppError(WorkErrors.CYCLE_TRANSFER_SOURCE_OPEN);
    if (cycleStatus(target, now) === 'completed' || target.archivedAt) {
      throw new AppError(WorkErrors.CYCLE_TRANSFER_TARGET_ENDED);
    }
    await this.deps.transactor.run(async (tx) => {
      const cycles = this.deps.cycles.with(tx);
      const snapshot = progressOf(await cycles.tally([id]));
      const open = await cycles.openLinks(id);
      await cycles.moveLinks(
        open.map((l) => l.id),
        targetId,
        scope.userId,
      );
      await this.itemHistory(tx, ctx, open, () => movedRow(source, target));
      const after = await cycles.update(id, {
        progressSnapshot: snapshot as unknown as Record<string, unknown>,
        updatedBy: scope.userId,
      });
      await this.record(tx, ctx, 'cycle.items_transferred', after, source, {
        to_cycle_id: targetId,
        work_item_ids: open.map((l) => l.workItemId),
      });
    });
  }

  async progress(
    scope: ProjectScope,
    id: string,
  ): Promise<CycleProgress & { cycle_id: string; status: CycleStatus }> {
    const cycle = await this.require(scope, id);
    const progress = progressOf(await this.deps.cycles.tally([id]));
    return { cycle_id: id, status: cycleStatus(cycle, this.now()), ...progress };
  }

  /** Day by day from the start date to the end date, in the reader's time zone. */
  async burndown(scope: ProjectScope, id: string, timeZone: string): Promise<CycleBurndown> {
    const cycle = await this.require(scope, id);
    const now = this.now();
    const status = cycleStatus(cycle, now);
    if (!cycle.startDate || !cycle.endDate) {
      return { cycle_id: id, status, time_zone: timeZone, start_date: null, end_date: null, days: [] };
    }
    const first = localDate(pgInstant(cycle.startDate), timeZone);
    const last = localDate(pgInstant(cycle.endDate), timeZone);
    const days = [];
    for (let date = first; date <= last && days.length < MAX_BURNDOWN_DAYS; date = addDays(date, 1)) {
      const start = zonedInstant(date, '00:00:00', timeZone);
      const next = zonedInstant(addDays(date, 1), '00:00:00', timeZone);
      days.push({ date, start, end: new Date(next.getTime() - 1) });
    }
    const [history, groups] = await Promise.all([
      this.deps.cycles.history(id),
      this.deps.cycles.stateGroups(scope.project.id),
    ]);
    const points = await this.deps.estimates.countedValues(pointIdsOf(history));
    return {
      cycle_id: id,
      status,
      time_zone: timeZone,
      start_date: first,
      end_date: last,
      days: burndown(id, { ...history, points }, groups, days, now),
    };
  }

  private async require(
    scope: ProjectScope,
    id: string,
    options: { archived?: boolean } = {},
  ): Promise<CycleRow> {
    const cycle = await this.deps.cycles.find(scope.project.id, id, options);
    if (!cycle) throw new AppError('NOT_FOUND');
    return cycle;
  }

  private async withProgress(rows: CycleRow[], now: Date, withEstimates: boolean): Promise<CycleRecord[]> {
    const tally = await this.deps.cycles.tally(rows.map((r) => r.id));
    return rows.map((cycle) => ({
      cycle,
      status: cycleStatus(cycle, now),
      progress: progressOf(tally.filter((t) => t.cycleId === cycle.id)),
      withEstimates,
    }));
  }

  /** The dates given in the body, read as Plane reads them in the project's time zone; absent ones stay absent. */
  private dates(scope: ProjectScope, input: CycleInput, now: Date): Pick<NewCycle, 'startDate' | 'endDate'> {
    const zone = scope.project.timezone;
    const dates: Pick<NewCycle, 'startDate' | 'endDate'> = {};
    if (input.start_date !== undefined) {
      dates.startDate =
        input.start_date === null ? null : cycleStart(input.start_date, zone, now).toISOString();
    }
    if (input.end_date !== undefined) {
      dates.endDate = input.end_date === null ? null : cycleEnd(input.end_date, zone).toISOString();
    }
    if (dates.startDate && dates.endDate && dates.startDate > dates.endDate) throw startAfterEnd();
    return dates;
  }

  private columns(input: CycleInput): Partial<NewCycle> {
    const columns: Partial<NewCycle> = {};
    if (input.name !== undefined) columns.name = input.name;
    if (input.description !== undefined) columns.description = input.description;
    if (input.view_props !== undefined) columns.viewProps = input.view_props;
    if (input.logo_props !== undefined) columns.logoProps = input.logo_props;
    if (input.sort_order !== undefined) columns.sortOrder = input.sort_order;
    if (input.timezone !== undefined) columns.timezone = input.timezone;
    if (input.external_source !== undefined) columns.externalSource = input.external_source;
    if (input.external_id !== undefined) columns.externalId = input.external_id;
    return columns;
  }

  /** The owner must be a member of the workspace. */
  private async checkOwner(scope: ProjectScope, ownerId: string | undefined): Promise<void> {
    if (ownerId === undefined || ownerId === scope.userId) return;
    const members = await this.deps.people.workspaceMembers(scope.workspace);
    if (!members.some((m) => m.id === ownerId)) {
      throw new AppError('VALIDATION_FAILED', {
        field: 'owned_by',
        message: `Invalid pk "${ownerId}" - object does not exist.`,
      });
    }
  }

  /** One history row per item of `links`. */
  private async itemHistory(
    tx: Db,
    ctx: ChangeContext,
    links: CycleLinkRow[],
    row: () => Parameters<typeof activityRows>[2][number],
  ): Promise<void> {
    const items = await this.deps.workItems.with(tx).findByIds(links.map((l) => l.workItemId));
    const history = items.flatMap((item: WorkItemRecord) => activityRows(ctx, item, [row()]));
    await this.deps.activities.with(tx).insert(history);
    await this.deps.notifications?.historyWritten(tx, ctx, history);
  }

  private async record(
    tx: Db,
    ctx: ChangeContext,
    action: string,
    after: CycleRow | undefined,
    before: CycleRow | undefined,
    extra?: Record<string, unknown>,
  ): Promise<void> {
    const cycle = (after ?? before)!;
    await recordChange(tx, ctx, {
      workspaceId: cycle.workspaceId,
      action,
      objectType: 'cycle',
      objectId: cycle.id,
      before: before ? snapshot(before) : null,
      after: after ? { ...snapshot(after), ...extra } : null,
    });
  }
}

const startAfterEnd = () =>
  new AppError('VALIDATION_FAILED', {
    field: 'non_field_errors',
    message: 'Start date cannot exceed end date',
  });

const addedRow = (cycle: CycleRow) => ({
  verb: 'created',
  field: 'cycles',
  oldValue: null,
  newValue: cycle.name,
  newIdentifier: cycle.id,
  comment: `added cycle ${cycle.name}`,
});
const movedRow = (from: CycleRow, to: CycleRow) => ({
  verb: 'updated',
  field: 'cycles',
  oldValue: from.name,
  newValue: to.name,
  oldIdentifier: from.id,
  newIdentifier: to.id,
  comment: `updated cycle from ${from.name} to ${to.name}`,
});
const removedRow = (cycle: CycleRow) => ({
  verb: 'deleted',
  field: 'cycles',
  oldValue: cycle.name,
  newValue: null,
  oldIdentifier: cycle.id,
  comment: `removed this issue from ${cycle.name}`,
});

const snapshot = (c: CycleRow) => ({
  project_id: c.projectId,
  name: c.name,
  start_date: c.startDate,
  end_date: c.endDate,
  owned_by: c.ownedBy,
  archived_at: c.archivedAt,
});
