import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { ActivitiesRepository } from './activities.repository.ts';
import type { Writer } from './db-errors.ts';
import { ADMIN, displayName, type PeopleDirectory } from './directory.ts';
import type { IntakeItemRow, IntakeRepository, IntakeRow, NewIntakeItem } from './intake.repository.ts';
import type { NotificationsService } from './notifications.service.ts';
import { sanitizeRichText, stripHtml } from './plane/html.ts';
import type { ProjectScope } from './project-access.ts';
import type { Window } from './projects.repository.ts';
import type { StateRow, StatesRepository } from './states.repository.ts';
import { WorkErrors } from './work.errors.ts';
import { activityRows, changeRows, createdRow, deletedRow } from './work-item-history.ts';
import type { WorkItemReferences } from './work-item-input.ts';
import type { NewWorkItem, WorkItemRecord, WorkItemsRepository } from './work-items.repository.ts';
import { priorities, type Priority } from './work-items.schema.ts';
import { sortOrderAfter } from './plane/ordering.ts';

/** Triage statuses (contract §2.14). */
export const IntakeStatus = { pending: -2, declined: -1, snoozed: 0, accepted: 1, duplicate: 2 } as const;
/** A status's name (`accepted`), from IntakeStatus. */
const outcomeOf = (status: number): string =>
  Object.entries(IntakeStatus).find(([, value]) => value === status)?.[0] ?? String(status);
/** The history's word for a status: `Accepted`. */
const statusName = (status: number): string => {
  const outcome = outcomeOf(status);
  return outcome.charAt(0).toUpperCase() + outcome.slice(1);
};

const GUEST = 5;
/** What a submission says about its work item. */
export interface IntakeIssueInput {
  name?: unknown;
  description_html?: string;
  priority?: unknown;
}

/** Triage fields, which only project admins change. */
export interface TriageInput {
  status?: number;
  snoozed_till?: string | null;
  duplicate_to?: string | null;
  source?: string;
  source_email?: string | null;
}

/** A record of the queue with its work item and that item's state, as responses show them. */
export interface IntakeRecord {
  row: IntakeItemRow;
  item: WorkItemRecord;
  state: StateRow | undefined;
}

export interface IntakeDeps {
  transactor: Writer;
  intake: IntakeRepository;
  workItems: WorkItemsRepository;
  states: StatesRepository;
  activities: ActivitiesRepository;
  references: WorkItemReferences;
  people: PeopleDirectory;
  /** Tells the submitter and the item's followers how it was triaged, inside the triage's transaction. */
  notifications?: NotificationsService;
}

/**
 * Plane's intake (contract §2.14): anyone in the project, guests included, submits work items into a triage queue;
 * they stay in the hidden Triage state, out of every list, until a project admin accepts them (they move to the
 * default state), declines, snoozes or marks them duplicate. Routes name a submission by its work item's id.
 */
export class IntakeService {
  private readonly deps: IntakeDeps;

  constructor(deps: IntakeDeps) {
    this.deps = deps;
  }

  /** An empty queue when intake is off (or was never used). */
  async list(scope: ProjectScope, window: Window): Promise<{ rows: IntakeRecord[]; total: number }> {
    const intake = await this.readable(scope);
    if (!intake) return { rows: [], total: 0 };
    const [rows, total] = await Promise.all([
      this.deps.intake.list(intake.id, window),
      this.deps.intake.count(intake.id),
    ]);
    return { rows: await this.records(rows), total };
  }

  async get(scope: ProjectScope, workItemId: string): Promise<IntakeRecord> {
    const intake = await this.readable(scope);
    const row = intake && (await this.deps.intake.findByItem(intake.id, workItemId, { shownOnly: true }));
    if (!row) throw new AppError('NOT_FOUND');
    return (await this.records([row]))[0]!;
  }

  /** Makes the work item (in Triage, numbered like any other) and its pending record. */
  async create(ctx: ChangeContext, scope: ProjectScope, issue: IntakeIssueInput | undefined) {
    const { project } = scope;
    const name = typeof issue?.name === 'string' ? issue.name.trim() : '';
    if (!name) throw new AppError(WorkErrors.INTAKE_NAME_REQUIRED);
    let intake = await this.deps.intake.findIntake(project.id);
    if (!intake && !project.intakeView) throw new AppError(WorkErrors.INTAKE_DISABLED);
    const priority = issue?.priority ?? 'none';
    if (!priorities.includes(priority as Priority)) throw new AppError(WorkErrors.INTAKE_PRIORITY_INVALID);
    if (name.length > 255) {
      throw new AppError('VALIDATION_FAILED', {
        field: 'name',
        message: 'Ensure this field has no more than 255 characters.',
      });
    }
    const assigneeIds = await this.deps.references.defaultAssignees(scope);
    const row = await this.deps.transactor.run(async (tx) => {
      const repo = this.deps.intake.with(tx);
      intake ??= await repo.ensureIntake(project, scope.userId);
      const triage = await repo.triageState(project, scope.userId);
      const items = this.deps.workItems.with(tx);
      const highest = await items.maxSortOrderInState(triage.id);
      const created = await items.insert({
        id: randomUUID(),
        workspaceId: project.workspaceId,
        projectId: project.id,
        sequenceId: await items.nextSequence(project.id),
        name,
        ...description(issue?.description_html ?? '<p></p>'),
        priority: priority as Priority,
        stateId: triage.id,
        sortOrder: sortOrderAfter(highest),
        createdBy: scope.userId,
      });
      await items.replaceAssignees(created, assigneeIds, scope.userId);
      const item = (await items.find(project.id, created.id))!;
      const record = await repo.insert({
        id: randomUUID(),
        workspaceId: project.workspaceId,
        projectId: project.id,
        intakeId: intake.id,
        workItemId: item.id,
        createdBy: scope.userId,
      });
      await this.deps.activities.with(tx).insert(activityRows(ctx, item, [createdRow]));
      await recordChange(tx, ctx, {
        workspaceId: project.workspaceId,
        action: 'work_item.created',
        objectType: 'work_item',
        objectId: item.id,
        after: { project_id: project.id, sequence_id: item.sequenceId, name: item.name, intake: true },
      });
      return record;
    });
    return (await this.records([row]))[0]!;
  }

  /**
   * Edits the submitted work item (`issue`) and, for project admins, triages it. Guests edit only what they
   * submitted, and only its name and description. Accepting moves a Triage item to the default state; every
   * change lands in the work item's history.
   */
  async update(
    ctx: ChangeContext,
    scope: ProjectScope,
    workItemId: string,
    input: TriageInput & { issue?: { name?: string; description_html?: string; priority?: Priority } },
  ): Promise<IntakeRecord> {
    const { issue, ...triage } = input;
    const triaging = Object.values(triage).some((v) => v !== undefined);
    if (triaging && scope.projectRole !== ADMIN) throw new AppError('FORBIDDEN');
    const intake = await this.writable(scope);
    const found = await this.deps.intake.findByItem(intake.id, workItemId);
    if (!found) throw new AppError('NOT_FOUND');
    const current = (await this.deps.workItems.find(scope.project.id, workItemId))!;
    if (scope.projectRole === GUEST && current.createdBy !== scope.userId) {
      throw new AppError(WorkErrors.INTAKE_EDIT_FORBIDDEN);
    }
    if (triage.duplicate_to) await this.checkDuplicate(scope, workItemId, triage.duplicate_to);
    const columns = issue ? itemColumns(issue, scope.projectRole === GUEST) : {};
    const people = await this.deps.people.workspaceMembers(scope.workspace);
    const row = await this.deps.transactor.run(async (tx) => {
      const repo = this.deps.intake.with(tx);
      const items = this.deps.workItems.with(tx);
      const record = (await repo.findByItem(intake.id, workItemId, { lock: true }))!;
      const before = (await items.find(scope.project.id, workItemId, { lock: true }))!;
      if (triage.status === IntakeStatus.accepted) {
        const [state] = await this.deps.states.with(tx).findByIds([before.stateId]);
        if (state?.isTriage) {
          const target = await repo.defaultState(scope.project.id);
          if (!target) throw new AppError(WorkErrors.INTAKE_NO_DEFAULT_STATE, { field: 'status' });
          columns.stateId = target.id;
        }
      }
      if (Object.keys(columns).length > 0)
        await items.update(workItemId, { ...columns, updatedBy: scope.userId });
      const after = (await items.find(scope.project.id, workItemId))!;
      const updated = triaging
        ? await repo.update(record.id, { ...triageColumns(triage), updatedBy: scope.userId })
        : record;
      await this.history(tx, ctx, before, after, record, updated, people);
      if (updated.status !== record.status) {
        await this.deps.notifications?.intakeTriaged(tx, ctx, scope, after, {
          submitterId: updated.createdBy ?? after.createdBy,
          status: updated.status,
          outcome: outcomeOf(updated.status),
          snoozedTill: updated.snoozedTill,
          duplicateTo: updated.duplicateToId,
        });
      }
      return updated;
    });
    return (await this.records([row]))[0]!;
  }

  /**
   * Removes the record; a submission that was not accepted takes its work item with it (its creator or a project
   * admin only). An accepted item stays in the project.
   */
  async delete(ctx: ChangeContext, scope: ProjectScope, workItemId: string): Promise<void> {
    const item = await this.deps.workItems.find(scope.project.id, workItemId);
    if (!item) throw new AppError('NOT_FOUND');
    const intake = await this.writable(scope);
    const record = await this.deps.intake.findByItem(intake.id, workItemId);
    if (!record) throw new AppError('NOT_FOUND');
    const withItem = record.status !== IntakeStatus.accepted;
    if (withItem && item.createdBy !== scope.userId && scope.projectRole !== ADMIN) {
      throw new AppError(WorkErrors.WORK_ITEM_DELETE_FORBIDDEN);
    }
    await this.deps.transactor.run(async (tx) => {
      const now = new Date().toISOString();
      await this.deps.intake.with(tx).update(record.id, { deletedAt: now, updatedBy: scope.userId });
      if (withItem) {
        await this.deps.workItems.with(tx).update(item.id, { deletedAt: now, updatedBy: scope.userId });
        await this.deps.activities.with(tx).insert(activityRows(ctx, item, [deletedRow]));
      }
      await recordChange(tx, ctx, {
        workspaceId: item.workspaceId,
        action: 'intake.work_item.deleted',
        objectType: 'intake_work_item',
        objectId: record.id,
        before: { work_item_id: item.id, status: record.status },
        after: null,
      });
    });
  }

  /** The intake whose records the project's reads show: none while intake is off. */
  private async readable(scope: ProjectScope): Promise<IntakeRow | undefined> {
    if (!scope.project.intakeView) return undefined;
    return this.deps.intake.findIntake(scope.project.id);
  }

  /** Edits need an intake; with none and intake off, Plane's "not enabled" error. */
  private async writable(scope: ProjectScope): Promise<IntakeRow> {
    const intake = await this.deps.intake.findIntake(scope.project.id);
    if (intake) return intake;
    if (!scope.project.intakeView) throw new AppError(WorkErrors.INTAKE_DISABLED);
    throw new AppError('NOT_FOUND');
  }

  private async checkDuplicate(scope: ProjectScope, self: string, target: string): Promise<void> {
    const found = target !== self && (await this.deps.workItems.find(scope.project.id, target));
    if (!found) {
      throw new AppError('VALIDATION_FAILED', {
        field: 'duplicate_to',
        message: `Invalid pk "${target}" - object does not exist.`,
      });
    }
  }

  private async records(rows: IntakeItemRow[]): Promise<IntakeRecord[]> {
    const items = new Map(
      (await this.deps.workItems.findByIds(rows.map((r) => r.workItemId))).map((i) => [i.id, i]),
    );
    const states = new Map(
      (await this.deps.states.findByIds([...new Set([...items.values()].map((i) => i.stateId))])).map((s) => [
        s.id,
        s,
      ]),
    );
    return rows.map((row) => {
      const item = items.get(row.workItemId)!;
      return { row, item, state: states.get(item.stateId) };
    });
  }

  /** The work item's history: one row per changed field (the state by name), one for the triage status. */
  private async history(
    tx: Db,
    ctx: ChangeContext,
    before: WorkItemRecord,
    after: WorkItemRecord,
    was: IntakeItemRow,
    now: IntakeItemRow,
    people: Array<{ id: string; email: string }>,
  ): Promise<void> {
    const stateNames = new Map(
      (await this.deps.states.with(tx).findByIds([before.stateId, after.stateId])).map((s) => [s.id, s.name]),
    );
    const rows = changeRows(before, after, {
      states: stateNames,
      labels: new Map(),
      people: new Map(people.map((p) => [p.id, displayName(p)])),
      items: new Map(),
      points: new Map(),
    });
    if (was.status !== now.status) {
      rows.push({
        verb: 'updated',
        field: 'intake',
        oldValue: statusName(was.status),
        newValue: statusName(now.status),
        comment: 'updated the intake status',
      });
    }
    await this.deps.activities.with(tx).insert(activityRows(ctx, after, rows));
    if (rows.length === 0 && JSON.stringify(was) === JSON.stringify(now)) return;
    await recordChange(tx, ctx, {
      workspaceId: now.workspaceId,
      action: 'intake.work_item.updated',
      objectType: 'intake_work_item',
      objectId: now.id,
      before: { status: was.status, state_id: before.stateId, name: before.name },
      after: { status: now.status, state_id: after.stateId, name: after.name },
    });
  }
}

function description(html: string): Pick<NewWorkItem, 'descriptionHtml' | 'descriptionStripped'> {
  const clean = sanitizeRichText(html) || '<p></p>';
  return { descriptionHtml: clean, descriptionStripped: stripHtml(clean) };
}

/** The submitted item's editable fields; a guest's edit keeps to name and description. */
function itemColumns(
  issue: { name?: string; description_html?: string; priority?: Priority },
  guest: boolean,
): Partial<NewWorkItem> {
  const columns: Partial<NewWorkItem> = {};
  if (issue.name !== undefined) columns.name = issue.name;
  if (issue.description_html !== undefined) {
    if (issue.description_html === '') {
      throw new AppError('VALIDATION_FAILED', { field: 'non_field_errors', message: 'Invalid HTML passed' });
    }
    Object.assign(columns, description(issue.description_html));
  }
  if (issue.priority !== undefined && !guest) columns.priority = issue.priority;
  return columns;
}

function triageColumns(triage: TriageInput): Partial<NewIntakeItem> {
  const columns: Partial<NewIntakeItem> = {};
  if (triage.status !== undefined) columns.status = triage.status;
  if (triage.snoozed_till !== undefined) columns.snoozedTill = triage.snoozed_till;
  if (triage.duplicate_to !== undefined) columns.duplicateToId = triage.duplicate_to;
  if (triage.source !== undefined) columns.source = triage.source;
  if (triage.source_email !== undefined) columns.sourceEmail = triage.source_email;
  return columns;
}
