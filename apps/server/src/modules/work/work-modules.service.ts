import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { ActivitiesRepository } from './activities.repository.ts';
import type { Writer } from './db-errors.ts';
import { ADMIN, type PeopleDirectory } from './directory.ts';
import type { NotificationsService } from './notifications.service.ts';
import { changedKeys, mapFields } from './fields-map.ts';
import type { ProjectScope } from './project-access.ts';
import type { ProjectMembersRepository } from './project-members.repository.ts';
import type { Window } from './projects.repository.ts';
import { WorkErrors } from './work.errors.ts';
import { activityRows } from './work-item-history.ts';
import type { WorkItemRecord, WorkItemsRepository } from './work-items.repository.ts';
import type {
  ModuleItemRow,
  ModuleRecord,
  NewModule,
  WorkModulesRepository,
} from './work-modules.repository.ts';
import type { ModuleStatus } from './work-modules.schema.ts';
import { sortOrderBefore } from './plane/ordering.ts';

export { moduleItemSortKeys } from './work-modules.repository.ts';

/** Module fields a client may write (Plane's names). */
export interface ModuleInput {
  name?: string;
  description?: string;
  description_text?: unknown;
  description_html?: unknown;
  start_date?: string | null;
  target_date?: string | null;
  status?: ModuleStatus;
  lead?: string | null;
  members?: string[];
  view_props?: Record<string, unknown>;
  logo_props?: Record<string, unknown>;
  sort_order?: number;
  external_source?: string | null;
  external_id?: string | null;
}

const columns = {
  name: 'name',
  description: 'description',
  description_text: 'descriptionText',
  description_html: 'descriptionHtml',
  start_date: 'startDate',
  target_date: 'targetDate',
  status: 'status',
  lead: 'leadId',
  view_props: 'viewProps',
  logo_props: 'logoProps',
  sort_order: 'sortOrder',
  external_source: 'externalSource',
  external_id: 'externalId',
} as const satisfies Partial<Record<keyof ModuleInput, keyof NewModule>>;

export interface WorkModulesDeps {
  transactor: Writer;
  modules: WorkModulesRepository;
  workItems: WorkItemsRepository;
  members: ProjectMembersRepository;
  activities: ActivitiesRepository;
  people: PeopleDirectory;
  /** Tells the items' followers, inside the change's transaction. */
  notifications?: NotificationsService;
}

/** Plane's modules (contract §2.13): the agency's workstreams inside a campaign. */
export class WorkModulesService {
  private readonly deps: WorkModulesDeps;

  constructor(deps: WorkModulesDeps) {
    this.deps = deps;
  }

  /** Non-archived modules, or with `archived` the archived ones; an archived project shows none. */
  async list(scope: ProjectScope, window: Window, archived = false) {
    if (scope.project.archivedAt) return { rows: [], total: 0 };
    const { modules } = this.deps;
    const [rows, total] = await Promise.all([
      modules.list(scope.project.id, archived, window),
      modules.count(scope.project.id, archived),
    ]);
    return { rows, total };
  }

  /** A live module; archived ones are not found here (they are listed under archived-modules/). */
  async get(scope: ProjectScope, id: string): Promise<ModuleRecord> {
    const module = await this.find(scope, id);
    if (module.archivedAt) throw new AppError('NOT_FOUND');
    return module;
  }

  async create(ctx: ChangeContext, scope: ProjectScope, input: ModuleInput & { name: string }) {
    const { project } = scope;
    checkDates(input.start_date ?? null, input.target_date ?? null);
    const memberIds = await this.people(scope, input);
    return this.deps.transactor.run(async (tx) => {
      const modules = this.deps.modules.with(tx);
      const sameName = await modules.findByName(project.id, input.name);
      if (sameName) {
        throw new AppError(WorkErrors.MODULE_NAME_TAKEN, {
          details: {
            id: sameName.id,
            code: 'MODULE_NAME_ALREADY_EXISTS',
            message: 'Module with this name already exists',
          },
        });
      }
      if (input.external_source && input.external_id) {
        const clash = await modules.findByExternal(project.id, input.external_source, input.external_id);
        if (clash) throw new AppError(WorkErrors.MODULE_EXTERNAL_TAKEN, { details: { id: clash.id } });
      }
      if (!project.moduleView) throw new AppError(WorkErrors.MODULES_DISABLED);
      const lowest = input.sort_order === undefined ? await modules.minSortOrder(project.id) : null;
      const row = await modules.insert({
        ...(mapFields(input, columns) as Partial<NewModule>),
        id: randomUUID(),
        workspaceId: project.workspaceId,
        projectId: project.id,
        name: input.name,
        sortOrder: input.sort_order ?? sortOrderBefore(lowest),
        createdBy: scope.userId,
      });
      await modules.replaceMembers(row, memberIds ?? [], scope.userId);
      const module = (await modules.find(project.id, row.id))!;
      await record(tx, ctx, 'module.created', module, undefined);
      return module;
    });
  }

  async update(ctx: ChangeContext, scope: ProjectScope, id: string, input: ModuleInput) {
    const current = await this.find(scope, id);
    if (current.archivedAt) throw new AppError(WorkErrors.MODULE_ARCHIVED);
    checkDates(
      input.start_date !== undefined ? input.start_date : current.startDate,
      input.target_date !== undefined ? input.target_date : current.targetDate,
    );
    const memberIds = await this.people(scope, input);
    const patch = mapFields(input, columns) as Partial<NewModule>;
    return this.deps.transactor.run(async (tx) => {
      const modules = this.deps.modules.with(tx);
      const before = (await modules.find(scope.project.id, id, { lock: true }))!;
      if (input.name !== undefined && (await modules.findByName(before.projectId, input.name, id))) {
        throw new AppError(WorkErrors.MODULE_NAME_TAKEN);
      }
      // On update the external pair is checked against the body's source, else the current one; the 409 names
      // the patched module (contract §1.9).
      if (input.external_id && input.external_id !== before.externalId) {
        const source = input.external_source ?? before.externalSource;
        if (source && (await modules.findByExternal(before.projectId, source, input.external_id, id))) {
          throw new AppError(WorkErrors.MODULE_EXTERNAL_TAKEN, { details: { id } });
        }
      }
      const changed = changedKeys(before, patch);
      if (changed.length > 0) await modules.update(id, { ...patch, updatedBy: scope.userId });
      if (memberIds) await modules.replaceMembers(before, memberIds, scope.userId);
      const after = (await modules.find(scope.project.id, id))!;
      await record(tx, ctx, 'module.updated', after, before);
      return after;
    });
  }

  /** Its creator or a project admin deletes a module; its work items leave it, each with a history row. */
  async delete(ctx: ChangeContext, scope: ProjectScope, id: string): Promise<void> {
    const module = await this.find(scope, id);
    if (scope.projectRole !== ADMIN && module.createdBy !== scope.userId) {
      throw new AppError(WorkErrors.MODULE_DELETE_FORBIDDEN);
    }
    await this.deps.transactor.run(async (tx) => {
      const modules = this.deps.modules.with(tx);
      const links = await modules.links(id);
      await modules.unlink(id, scope.userId);
      await modules.update(id, { deletedAt: new Date().toISOString(), updatedBy: scope.userId });
      await this.membershipHistory(tx, ctx, module, await this.items(tx, links), 'deleted');
      await record(tx, ctx, 'module.deleted', undefined, module);
    });
  }

  /** Only a completed or cancelled module can be archived. */
  async archive(ctx: ChangeContext, scope: ProjectScope, id: string): Promise<void> {
    const module = await this.find(scope, id);
    if (module.status !== 'completed' && module.status !== 'cancelled') {
      throw new AppError(WorkErrors.MODULE_NOT_ARCHIVABLE);
    }
    await this.setArchived(ctx, scope, module, new Date().toISOString(), 'module.archived');
  }

  async unarchive(ctx: ChangeContext, scope: ProjectScope, id: string): Promise<void> {
    const module = await this.find(scope, id);
    await this.setArchived(ctx, scope, module, null, 'module.unarchived');
  }

  /** The module's work items that the project's lists show, as work-item objects. */
  async listItems(
    scope: ProjectScope,
    id: string,
    order: { key: string; descending: boolean },
    window: Window,
  ): Promise<{ rows: WorkItemRecord[]; total: number }> {
    await this.find(scope, id);
    const { modules, workItems } = this.deps;
    const [ids, total] = await Promise.all([modules.listItemIds(id, order, window), modules.countItems(id)]);
    const found = new Map((await workItems.findByIds(ids)).map((i) => [i.id, i]));
    return { rows: ids.map((i) => found.get(i)).filter((i): i is WorkItemRecord => i !== undefined), total };
  }

  /**
   * Adds work items to the module. Ids that are not live items of this project, and items already in the module,
   * are skipped; an item may be in several modules. Answers every link of the module.
   */
  async addItems(ctx: ChangeContext, scope: ProjectScope, id: string, issues: string[]) {
    if (issues.length === 0) throw new AppError(WorkErrors.MODULE_ISSUES_REQUIRED);
    const module = await this.find(scope, id);
    return this.deps.transactor.run(async (tx) => {
      const modules = this.deps.modules.with(tx);
      const already = new Set((await modules.links(id)).map((l) => l.workItemId));
      const found = await modules.itemsOfProject(scope.project.id, [...new Set(issues)]);
      const added = found.filter((i) => !already.has(i.id)).map((i) => i.id);
      await modules.insertLinks(
        added.map((workItemId) => ({
          id: randomUUID(),
          workspaceId: module.workspaceId,
          projectId: module.projectId,
          moduleId: id,
          workItemId,
          createdBy: scope.userId,
        })),
      );
      const items = await this.deps.workItems.with(tx).findByIds(added);
      await this.membershipHistory(tx, ctx, module, items, 'created');
      return modules.links(id);
    });
  }

  async removeItem(ctx: ChangeContext, scope: ProjectScope, id: string, workItemId: string): Promise<void> {
    const module = await this.find(scope, id);
    const link = await this.deps.modules.findLink(id, workItemId);
    if (!link) throw new AppError('NOT_FOUND');
    await this.deps.transactor.run(async (tx) => {
      await this.deps.modules.with(tx).unlink(id, scope.userId, workItemId);
      await this.membershipHistory(tx, ctx, module, await this.items(tx, [link]), 'deleted');
    });
  }

  private async find(scope: ProjectScope, id: string): Promise<ModuleRecord> {
    const module = scope.project.archivedAt ? undefined : await this.deps.modules.find(scope.project.id, id);
    if (!module) throw new AppError('NOT_FOUND');
    return module;
  }

  private async setArchived(
    ctx: ChangeContext,
    scope: ProjectScope,
    module: ModuleRecord,
    archivedAt: string | null,
    action: string,
  ): Promise<void> {
    await this.deps.transactor.run(async (tx) => {
      await this.deps.modules.with(tx).update(module.id, { archivedAt, updatedBy: scope.userId });
      await recordChange(tx, ctx, {
        workspaceId: module.workspaceId,
        action,
        objectType: 'module',
        objectId: module.id,
        after: { name: module.name, archived_at: archivedAt },
      });
    });
  }

  private async items(tx: Db, links: ModuleItemRow[]): Promise<WorkItemRecord[]> {
    return this.deps.workItems.with(tx).findByIds(links.map((l) => l.workItemId));
  }

  /** Each work item that joined or left the module gets a `modules` row in its history. */
  private async membershipHistory(
    tx: Db,
    ctx: ChangeContext,
    module: ModuleRecord,
    items: WorkItemRecord[],
    verb: 'created' | 'deleted',
  ): Promise<void> {
    const activities = this.deps.activities.with(tx);
    for (const item of items) {
      const history = activityRows(ctx, item, [
        verb === 'created'
          ? {
              verb,
              field: 'modules',
              oldValue: null,
              newValue: module.name,
              newIdentifier: module.id,
              comment: 'added module',
            }
          : {
              verb,
              field: 'modules',
              oldValue: module.name,
              newValue: null,
              oldIdentifier: module.id,
              comment: 'removed module',
            },
      ]);
      await activities.insert(history);
      await this.deps.notifications?.historyWritten(tx, ctx, history);
    }
    if (items.length === 0) return;
    await recordChange(tx, ctx, {
      workspaceId: module.workspaceId,
      action: verb === 'created' ? 'module.work_items.added' : 'module.work_items.removed',
      objectType: 'module',
      objectId: module.id,
      after: { work_item_ids: items.map((i) => i.id) },
    });
  }

  /**
   * The lead must be someone the workspace knows; members are narrowed to people in the project, and ids the
   * workspace does not know are refused (so nothing tells whether they exist in another tenant).
   */
  private async people(scope: ProjectScope, input: ModuleInput): Promise<string[] | undefined> {
    if (!input.lead && !input.members) return undefined;
    const known = new Set((await this.deps.people.workspaceMembers(scope.workspace)).map((m) => m.id));
    if (input.lead && !known.has(input.lead)) throw invalidPk('lead', input.lead);
    if (!input.members) return undefined;
    const unique = [...new Set(input.members)];
    const unknown = unique.find((id) => !known.has(id));
    if (unknown) throw invalidPk('members', unknown);
    const inProject = await this.deps.members.activeWithRole(scope.project.id, unique, 5);
    return unique.filter((id) => inProject.has(id));
  }
}

const invalidPk = (field: string, id: string) =>
  new AppError('VALIDATION_FAILED', { field, message: `Invalid pk "${id}" - object does not exist.` });

function checkDates(start: string | null, target: string | null): void {
  if (start && target && start > target) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'non_field_errors',
      message: 'Start date cannot exceed target date',
    });
  }
}

const snapshot = (m: ModuleRecord) => ({
  project_id: m.projectId,
  name: m.name,
  status: m.status,
  lead_id: m.leadId,
  member_ids: m.memberIds,
  start_date: m.startDate,
  target_date: m.targetDate,
});

async function record(
  tx: Db,
  ctx: ChangeContext,
  action: string,
  after: ModuleRecord | undefined,
  before: ModuleRecord | undefined,
): Promise<void> {
  const module = (after ?? before)!;
  await recordChange(tx, ctx, {
    workspaceId: module.workspaceId,
    action,
    objectType: 'module',
    objectId: module.id,
    before: before ? snapshot(before) : null,
    after: after ? snapshot(after) : null,
  });
}
