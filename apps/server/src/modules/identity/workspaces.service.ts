import { randomUUID } from 'node:crypto';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { Transactor } from '../../platform/events/transactor.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { IdentityErrors } from './identity.errors.ts';
import type { WorkspaceRole } from './identity.schema.ts';
import type { WorkspaceRow, WorkspacesRepository } from './workspaces.repository.ts';

export interface CreateWorkspaceInput {
  slug: string;
  name: string;
  timezone?: string;
}

/** Slugs that would shadow a route of the web app or API. */
const reservedSlugs = new Set([
  'api',
  'admin',
  'app',
  'auth',
  'login',
  'signup',
  'settings',
  'invitations',
  'docs',
  'me',
  'new',
  // Server paths beside /api: a workspace there could never be opened in the web app.
  'health',
  'ready',
  'metrics',
]);

export class WorkspacesService {
  private readonly repo: WorkspacesRepository;
  private readonly transactor: Transactor;

  constructor(repo: WorkspacesRepository, transactor: Transactor) {
    this.repo = repo;
    this.transactor = transactor;
  }

  async create(ctx: ChangeContext, ownerId: string, input: CreateWorkspaceInput): Promise<WorkspaceRow> {
    if (reservedSlugs.has(input.slug)) {
      throw new AppError(IdentityErrors.WORKSPACE_SLUG_TAKEN, {
        field: 'slug',
        message: `"${input.slug}" is reserved.`,
      });
    }
    return this.transactor.run(async (tx) => {
      const repo = this.repo.with(tx);
      const workspace = await repo.insertWorkspace({
        id: randomUUID(),
        slug: input.slug,
        name: input.name,
        timezone: input.timezone ?? 'UTC',
        createdBy: ownerId,
      });
      if (!workspace) throw new AppError(IdentityErrors.WORKSPACE_SLUG_TAKEN, { field: 'slug' });
      await repo.insertMember({
        id: randomUUID(),
        workspaceId: workspace.id,
        userId: ownerId,
        role: 'owner',
      });
      await recordChange(tx, ctx, {
        workspaceId: workspace.id,
        action: 'workspace.created',
        objectType: 'workspace',
        objectId: workspace.id,
        after: { slug: workspace.slug, name: workspace.name, timezone: workspace.timezone },
      });
      return workspace;
    });
  }

  listForUser(userId: string): Promise<Array<WorkspaceRow & { role: WorkspaceRole }>> {
    return this.repo.listForUser(userId);
  }

  async findBySlug(slug: string): Promise<WorkspaceRow> {
    const workspace = await this.repo.findBySlug(slug);
    if (!workspace) throw new AppError(IdentityErrors.WORKSPACE_NOT_FOUND, { field: 'slug' });
    return workspace;
  }

  /** For in-process readers that hold a workspace id (agents); undefined once the workspace is gone. */
  findById(id: string): Promise<WorkspaceRow | undefined> {
    return this.repo.findById(id);
  }

  async update(
    ctx: ChangeContext,
    workspace: WorkspaceRow,
    patch: Partial<Pick<WorkspaceRow, 'name' | 'timezone'>>,
  ): Promise<WorkspaceRow> {
    return this.transactor.run(async (tx) => {
      const updated = await this.repo.with(tx).updateWorkspace(workspace.id, patch);
      await recordChange(tx, ctx, {
        workspaceId: workspace.id,
        action: 'workspace.updated',
        objectType: 'workspace',
        objectId: workspace.id,
        before: { name: workspace.name, timezone: workspace.timezone },
        after: { name: updated.name, timezone: updated.timezone },
      });
      return updated;
    });
  }

  async delete(ctx: ChangeContext, workspace: WorkspaceRow): Promise<void> {
    await this.transactor.run(async (tx) => {
      await this.repo.with(tx).deleteWorkspace(workspace.id);
      await recordChange(tx, ctx, {
        workspaceId: workspace.id,
        action: 'workspace.deleted',
        objectType: 'workspace',
        objectId: workspace.id,
        before: { slug: workspace.slug, name: workspace.name },
      });
    });
  }

  countWorkspaces(): Promise<number> {
    return this.repo.countWorkspaces();
  }
}
