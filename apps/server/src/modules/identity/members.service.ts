import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { Transactor } from '../../platform/events/transactor.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { IdentityErrors } from './identity.errors.ts';
import type { WorkspaceRole } from './identity.schema.ts';
import { canAssignRole } from './policy.ts';
import type { MemberWithUser, WorkspaceRow, WorkspacesRepository } from './workspaces.repository.ts';

export class MembersService {
  private readonly repo: WorkspacesRepository;
  private readonly transactor: Transactor;

  constructor(repo: WorkspacesRepository, transactor: Transactor) {
    this.repo = repo;
    this.transactor = transactor;
  }

  list(workspace: WorkspaceRow): Promise<MemberWithUser[]> {
    return this.repo.listMembers(workspace.id);
  }

  /** Adds a user with a role (CLI, invitation acceptance); the caller has already checked who may do it. */
  async add(
    ctx: ChangeContext,
    workspace: WorkspaceRow,
    userId: string,
    role: WorkspaceRole,
    tx?: Db,
  ): Promise<void> {
    const work = async (db: Db) => {
      const repo = this.repo.with(db);
      if (await repo.findMember(workspace.id, userId)) throw new AppError(IdentityErrors.ALREADY_MEMBER);
      const member = await repo.insertMember({ id: randomUUID(), workspaceId: workspace.id, userId, role });
      await recordChange(db, ctx, {
        workspaceId: workspace.id,
        action: 'workspace.member.added',
        objectType: 'workspace_member',
        objectId: member.id,
        after: { user_id: userId, role },
      });
    };
    await (tx ? work(tx) : this.transactor.run(work));
  }

  async changeRole(
    ctx: ChangeContext,
    workspace: WorkspaceRow,
    actorRole: WorkspaceRole,
    targetUserId: string,
    role: WorkspaceRole,
  ): Promise<void> {
    await this.transactor.run(async (tx) => {
      const repo = this.repo.with(tx);
      const member = await this.requireMember(repo, workspace.id, targetUserId);
      if (!canAssignRole(actorRole, member.role, role))
        throw new AppError(IdentityErrors.ROLE_NOT_GRANTABLE, { field: 'role' });
      if (member.role === role) return;
      if (member.role === 'owner') await this.ensureAnotherOwner(repo, workspace.id);
      await repo.updateMemberRole(member.id, role);
      await recordChange(tx, ctx, {
        workspaceId: workspace.id,
        action: 'workspace.member.role_changed',
        objectType: 'workspace_member',
        objectId: member.id,
        before: { user_id: targetUserId, role: member.role },
        after: { user_id: targetUserId, role },
      });
    });
  }

  async remove(
    ctx: ChangeContext,
    workspace: WorkspaceRow,
    actorRole: WorkspaceRole,
    targetUserId: string,
  ): Promise<void> {
    await this.transactor.run(async (tx) => {
      const repo = this.repo.with(tx);
      const member = await this.requireMember(repo, workspace.id, targetUserId);
      if (!canAssignRole(actorRole, member.role, member.role))
        throw new AppError(IdentityErrors.ROLE_NOT_GRANTABLE);
      await this.removeMember(tx, ctx, repo, workspace, member, 'workspace.member.removed');
    });
  }

  async leave(ctx: ChangeContext, workspace: WorkspaceRow, userId: string): Promise<void> {
    await this.transactor.run(async (tx) => {
      const repo = this.repo.with(tx);
      const member = await this.requireMember(repo, workspace.id, userId);
      await this.removeMember(tx, ctx, repo, workspace, member, 'workspace.member.left');
    });
  }

  private async removeMember(
    tx: Db,
    ctx: ChangeContext,
    repo: WorkspacesRepository,
    workspace: WorkspaceRow,
    member: { id: string; userId: string; role: WorkspaceRole },
    action: string,
  ): Promise<void> {
    if (member.role === 'owner') await this.ensureAnotherOwner(repo, workspace.id);
    await repo.deleteMember(member.id);
    await recordChange(tx, ctx, {
      workspaceId: workspace.id,
      action,
      objectType: 'workspace_member',
      objectId: member.id,
      before: { user_id: member.userId, role: member.role },
    });
  }

  private async requireMember(repo: WorkspacesRepository, workspaceId: string, userId: string) {
    const member = await repo.findMember(workspaceId, userId);
    if (!member) throw new AppError(IdentityErrors.MEMBER_NOT_FOUND);
    return member;
  }

  private async ensureAnotherOwner(repo: WorkspacesRepository, workspaceId: string): Promise<void> {
    if ((await repo.lockOwners(workspaceId)) < 2) throw new AppError(IdentityErrors.LAST_OWNER);
  }
}
