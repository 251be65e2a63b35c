import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { Transactor } from '../../platform/events/transactor.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { IdentityErrors } from './identity.errors.ts';
import type { WorkspaceRole } from './identity.schema.ts';
import type { MembersService } from './members.service.ts';
import { canAssignRole } from './policy.ts';
import { hashToken, newSecretToken } from './tokens.ts';
import type { InvitationRow, WorkspaceRow, WorkspacesRepository } from './workspaces.repository.ts';

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface InvitationPreview {
  workspace: { slug: string; name: string };
  email: string;
  role: WorkspaceRole;
  expires_at: Date;
}

export class InvitationsService {
  private readonly repo: WorkspacesRepository;
  private readonly members: MembersService;
  private readonly transactor: Transactor;
  private readonly mailer: Mailer;
  private readonly logger: Logger;
  private readonly publicUrl: string;

  constructor(
    repo: WorkspacesRepository,
    members: MembersService,
    transactor: Transactor,
    mailer: Mailer,
    logger: Logger,
    publicUrl: string,
  ) {
    this.repo = repo;
    this.members = members;
    this.transactor = transactor;
    this.mailer = mailer;
    this.logger = logger;
    this.publicUrl = publicUrl;
  }

  /** Invites (or re-invites, replacing the old link) an e-mail address; mails the link and returns it once. */
  async invite(
    ctx: ChangeContext,
    workspace: WorkspaceRow,
    actorRole: WorkspaceRole,
    input: { email: string; role: WorkspaceRole },
    inviterName: string,
  ): Promise<{ invitation: InvitationRow; acceptUrl: string }> {
    if (!canAssignRole(actorRole, undefined, input.role)) {
      throw new AppError(IdentityErrors.ROLE_NOT_GRANTABLE, { field: 'role' });
    }
    const email = input.email.toLowerCase();
    const token = newSecretToken('inv_');
    const invitation = await this.transactor.run(async (tx) => {
      const repo = this.repo.with(tx);
      await repo.deletePendingInvitation(workspace.id, email);
      const created = await repo.insertInvitation({
        id: randomUUID(),
        workspaceId: workspace.id,
        email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: ctx.actor.type === 'user' ? ctx.actor.id : (ctx.actor.onBehalfOf ?? null),
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      });
      await recordChange(tx, ctx, {
        workspaceId: workspace.id,
        action: 'workspace.invitation.created',
        objectType: 'workspace_invitation',
        objectId: created.id,
        after: { email, role: input.role },
      });
      return created;
    });
    const acceptUrl = `${this.publicUrl}/invitations/${token}`;
    await this.mailer
      .send({
        to: email,
        kind: 'invitation',
        subject: `${inviterName} invited you to ${workspace.name} on Agency OS`,
        text:
          `${inviterName} invited you to join the workspace "${workspace.name}" as ${input.role}.\n\n` +
          `Accept the invitation: ${acceptUrl}\n\nThe link works for 7 days.`,
      })
      .catch((error: unknown) =>
        this.logger.error({ err: error, invitation: invitation.id }, 'invitation mail failed'),
      );
    return { invitation, acceptUrl };
  }

  listPending(workspace: WorkspaceRow): Promise<InvitationRow[]> {
    return this.repo.listPendingInvitations(workspace.id, new Date());
  }

  async revoke(ctx: ChangeContext, workspace: WorkspaceRow, id: string): Promise<void> {
    await this.transactor.run(async (tx) => {
      const repo = this.repo.with(tx);
      const invitation = await repo.findInvitation(workspace.id, id);
      if (!invitation || invitation.acceptedAt) throw new AppError(IdentityErrors.INVITATION_NOT_FOUND);
      await repo.deleteInvitation(id);
      await recordChange(tx, ctx, {
        workspaceId: workspace.id,
        action: 'workspace.invitation.revoked',
        objectType: 'workspace_invitation',
        objectId: id,
        before: { email: invitation.email, role: invitation.role },
      });
    });
  }

  /** What the invitation page shows before the person signs in. */
  async preview(token: string): Promise<InvitationPreview> {
    const invitation = this.usable(await this.repo.findInvitationByHash(hashToken(token)));
    const workspace = await this.repo.findById(invitation.workspaceId);
    if (!workspace) throw new AppError(IdentityErrors.INVITATION_NOT_FOUND);
    return {
      workspace: { slug: workspace.slug, name: workspace.name },
      email: invitation.email,
      role: invitation.role,
      expires_at: invitation.expiresAt,
    };
  }

  /** Accepts for the signed-in user, whose e-mail must be the invited one. Returns the workspace joined. */
  async accept(
    ctx: ChangeContext,
    user: { id: string; email: string },
    token: string,
  ): Promise<WorkspaceRow> {
    return this.transactor.run(async (tx) => {
      const repo = this.repo.with(tx);
      const invitation = this.usable(await repo.findInvitationByHash(hashToken(token), true));
      if (invitation.email !== user.email.toLowerCase())
        throw new AppError(IdentityErrors.INVITATION_EMAIL_MISMATCH);
      const workspace = await repo.findById(invitation.workspaceId);
      if (!workspace) throw new AppError(IdentityErrors.INVITATION_NOT_FOUND);
      if (!(await repo.findMember(workspace.id, user.id))) {
        await this.members.add(ctx, workspace, user.id, invitation.role, tx);
      }
      await repo.markInvitationAccepted(invitation.id, user.id, new Date());
      await recordChange(tx, ctx, {
        workspaceId: workspace.id,
        action: 'workspace.invitation.accepted',
        objectType: 'workspace_invitation',
        objectId: invitation.id,
        after: { user_id: user.id, role: invitation.role },
      });
      return workspace;
    });
  }

  private usable(invitation: InvitationRow | undefined): InvitationRow {
    if (!invitation) throw new AppError(IdentityErrors.INVITATION_NOT_FOUND);
    if (invitation.acceptedAt) throw new AppError(IdentityErrors.INVITATION_USED);
    if (invitation.expiresAt.getTime() <= Date.now()) throw new AppError(IdentityErrors.INVITATION_EXPIRED);
    return invitation;
  }
}
