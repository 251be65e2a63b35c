import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { Writer } from './db-errors.ts';
import { defaultStates, randomLogo } from './default-states.ts';
import type { EstimatesRepository } from './estimates.repository.ts';
import { ADMIN, type PeopleDirectory } from './directory.ts';
import { changedKeys, mapFields } from './fields-map.ts';
import {
  invalidEstimate,
  normalizeNames,
  projectColumns as columns,
  type ProjectInput,
} from './project-input.ts';
import type { ProjectScope, WorkspaceScope } from './project-access.ts';
import type { ProjectMembersRepository } from './project-members.repository.ts';
import type {
  NewProject,
  ProjectOrder,
  ProjectRow,
  ProjectsRepository,
  ProjectWithStats,
  Window,
} from './projects.repository.ts';
import type { StatesRepository } from './states.repository.ts';
import { WorkErrors } from './work.errors.ts';
import type { WorkItemsRepository } from './work-items.repository.ts';

export { projectSortKeys } from './projects.repository.ts';

const summaryKinds = [
  'members',
  'states',
  'labels',
  'cycles',
  'modules',
  'issues',
  'intakes',
  'pages',
] as const;

export interface ProjectsDeps {
  transactor: Writer;
  projects: ProjectsRepository;
  members: ProjectMembersRepository;
  states: StatesRepository;
  estimates: EstimatesRepository;
  workItems: WorkItemsRepository;
  people: PeopleDirectory;
}

export class ProjectsService {
  private readonly deps: ProjectsDeps;

  constructor(deps: ProjectsDeps) {
    this.deps = deps;
  }

  async list(scope: WorkspaceScope, order: ProjectOrder, window: Window) {
    const { projects } = this.deps;
    const [rows, total] = await Promise.all([
      projects.listVisible(scope.workspace.id, scope.userId, order, window),
      projects.countVisible(scope.workspace.id, scope.userId),
    ]);
    return { rows, total };
  }

  async get(scope: WorkspaceScope, id: string): Promise<ProjectWithStats> {
    const found = await this.deps.projects.findWithStats(scope.workspace.id, id, scope.userId);
    if (!found) throw new AppError('NOT_FOUND');
    return found;
  }

  /**
   * Plane's project summary: counts of the asked-for kinds, all eight when none of the names is known. Pages
   * have no rows yet, so they count 0 until the pages module arrives.
   */
  async summary(scope: WorkspaceScope, id: string, asked: string[]) {
    const project = await this.deps.projects.find(scope.workspace.id, id);
    if (!project) throw new AppError(WorkErrors.PROJECT_NOT_FOUND);
    const known = { ...(await this.deps.projects.counts(id)), pages: 0 };
    const kinds = summaryKinds.filter((k) => asked.includes(k));
    const counts = Object.fromEntries((kinds.length > 0 ? kinds : summaryKinds).map((k) => [k, known[k]]));
    return { id: project.id, name: project.name, identifier: project.identifier, counts };
  }

  async create(ctx: ChangeContext, scope: WorkspaceScope, input: ProjectInput): Promise<ProjectWithStats> {
    const values = normalizeNames(input);
    await this.checkPeople(scope, input);
    if (input.estimate) throw invalidEstimate();
    const created = await this.write(async (tx) => {
      await this.ensureUnique(tx, scope, values.name, values.identifier);
      const project = await this.deps.projects.with(tx).insert({
        ...(mapFields(input, columns) as Partial<NewProject>),
        ...values,
        id: randomUUID(),
        workspaceId: scope.workspace.id,
        identifier: values.identifier!,
        name: values.name!,
        defaultStateId: null,
        logoProps: randomLogo(),
        timezone: input.timezone ?? scope.workspace.timezone,
        createdBy: scope.userId,
      });
      await this.addAdmin(tx, project, scope.userId, scope.userId);
      if (input.project_lead && input.project_lead !== scope.userId) {
        await this.addAdmin(tx, project, input.project_lead, scope.userId);
      }
      await this.createDefaultStates(tx, project, scope.userId);
      await this.deps.workItems.with(tx).createSequence(project.id);
      await recordChange(tx, ctx, {
        workspaceId: project.workspaceId,
        action: 'project.created',
        objectType: 'project',
        objectId: project.id,
        after: { name: project.name, identifier: project.identifier },
      });
      return project;
    });
    return this.get(scope, created.id);
  }

  async update(ctx: ChangeContext, scope: ProjectScope, input: ProjectInput): Promise<ProjectWithStats> {
    const { project } = scope;
    if (project.archivedAt) throw new AppError(WorkErrors.PROJECT_ARCHIVED);
    const values = normalizeNames(input);
    await this.checkPeople(scope, input);
    // An estimate is linked by id (the SDK's Estimates.linkToProject); it must be this project's own.
    if (input.estimate && !(await this.deps.estimates.find(project.id, input.estimate))) {
      throw invalidEstimate();
    }
    if (input.default_state && !(await this.deps.states.find(project.id, input.default_state))) {
      throw new AppError('VALIDATION_FAILED', {
        field: 'default_state',
        message: `Invalid pk "${input.default_state}" - object does not exist.`,
      });
    }
    const patch = { ...(mapFields(input, columns) as Partial<ProjectRow>), ...values };
    const changed = changedKeys(project, patch);
    if (changed.length === 0) return this.get(scope, project.id);
    await this.write(async (tx) => {
      await this.ensureUnique(tx, scope, values.name, values.identifier, project.id);
      const updated = await this.deps.projects
        .with(tx)
        .update(project.id, { ...patch, updatedBy: scope.userId });
      if (input.project_lead) await this.addAdmin(tx, updated, input.project_lead, scope.userId);
      await recordChange(tx, ctx, {
        workspaceId: project.workspaceId,
        action: 'project.updated',
        objectType: 'project',
        objectId: project.id,
        before: Object.fromEntries(changed.map((k) => [k, project[k]])),
        after: Object.fromEntries(changed.map((k) => [k, updated[k]])),
      });
    });
    return this.get(scope, project.id);
  }

  async delete(ctx: ChangeContext, scope: ProjectScope): Promise<void> {
    await this.setLifecycle(ctx, scope, 'project.deleted', { deletedAt: new Date().toISOString() });
  }

  async archive(ctx: ChangeContext, scope: ProjectScope): Promise<void> {
    await this.setLifecycle(ctx, scope, 'project.archived', { archivedAt: new Date().toISOString() });
  }

  async unarchive(ctx: ChangeContext, scope: ProjectScope): Promise<void> {
    await this.setLifecycle(ctx, scope, 'project.unarchived', { archivedAt: null });
  }

  private async setLifecycle(
    ctx: ChangeContext,
    scope: ProjectScope,
    action: string,
    patch: Partial<NewProject>,
  ): Promise<void> {
    await this.deps.transactor.run(async (tx) => {
      await this.deps.projects.with(tx).update(scope.project.id, { ...patch, updatedBy: scope.userId });
      await recordChange(tx, ctx, {
        workspaceId: scope.project.workspaceId,
        action,
        objectType: 'project',
        objectId: scope.project.id,
        after: { name: scope.project.name, identifier: scope.project.identifier },
      });
    });
  }

  /** A concurrent create can still win the unique index between our check and our insert. */
  private async write<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    try {
      return await this.deps.transactor.run(work);
    } catch (error) {
      if (error instanceof AppError && error.code === WorkErrors.PAYLOAD_INVALID) {
        throw new AppError(WorkErrors.PROJECT_NAME_TAKEN, { field: 'name' });
      }
      throw error;
    }
  }

  private async ensureUnique(
    tx: Db,
    scope: WorkspaceScope,
    name: string | undefined,
    identifier: string | undefined,
    exceptId?: string,
  ): Promise<void> {
    const clashes = await this.deps.projects
      .with(tx)
      .findClashes(scope.workspace.id, name, identifier, exceptId);
    if (clashes.some((p) => p.name === name))
      throw new AppError(WorkErrors.PROJECT_NAME_TAKEN, { field: 'name' });
    if (clashes.length > 0) throw new AppError(WorkErrors.PROJECT_IDENTIFIER_TAKEN, { field: 'identifier' });
  }

  private async checkPeople(scope: WorkspaceScope, input: ProjectInput): Promise<void> {
    if (!input.project_lead && !input.default_assignee) return;
    const members = new Set((await this.deps.people.workspaceMembers(scope.workspace)).map((m) => m.id));
    if (input.project_lead && !members.has(input.project_lead)) {
      throw new AppError('VALIDATION_FAILED', {
        field: 'project_lead',
        message: 'Project lead must be an active member of the workspace.',
      });
    }
    if (input.default_assignee && !members.has(input.default_assignee)) {
      throw new AppError('VALIDATION_FAILED', {
        field: 'default_assignee',
        message: 'Default assignee must be a member of the workspace.',
      });
    }
  }

  /** Makes the user an active project admin, whether or not they were a member before. */
  private async addAdmin(tx: Db, project: ProjectRow, userId: string, by: string): Promise<void> {
    const members = this.deps.members.with(tx);
    const existing = await members.findByUser(project.id, userId);
    if (existing) {
      if (existing.role !== ADMIN || !existing.isActive) {
        await members.update(existing.id, { role: ADMIN, isActive: true, updatedBy: by });
      }
      return;
    }
    await members.insert({
      id: randomUUID(),
      workspaceId: project.workspaceId,
      projectId: project.id,
      memberId: userId,
      role: ADMIN,
      sortOrder: await members.nextSortOrder(project.workspaceId, userId),
      createdBy: by,
    });
  }

  private async createDefaultStates(tx: Db, project: ProjectRow, by: string): Promise<void> {
    await this.deps.states.with(tx).insert(
      defaultStates.map((s) => ({
        id: randomUUID(),
        workspaceId: project.workspaceId,
        projectId: project.id,
        name: s.name,
        color: s.color,
        sequence: s.sequence,
        group: s.group,
        isDefault: s.isDefault,
        isTriage: s.group === 'triage',
        createdBy: by,
      })),
    );
  }
}
