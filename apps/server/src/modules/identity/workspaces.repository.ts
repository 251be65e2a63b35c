import { and, asc, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import {
  users,
  workspaceInvitations,
  workspaceMembers,
  workspaces,
  type WorkspaceRole,
} from './identity.schema.ts';

export type WorkspaceRow = typeof workspaces.$inferSelect;
export type MemberRow = typeof workspaceMembers.$inferSelect;
export type InvitationRow = typeof workspaceInvitations.$inferSelect;
export interface MemberWithUser {
  id: string;
  userId: string;
  role: WorkspaceRole;
  name: string;
  email: string;
  image: string | null;
  joinedAt: Date;
}

/** The lookup every guarded session request makes, built once (see prepareKeyLookups for why). */
function prepareMembershipBySlug(db: Db) {
  return db
    .select({ workspace: workspaces, role: workspaceMembers.role })
    .from(workspaces)
    .innerJoin(workspaceMembers, eq(workspaceMembers.workspaceId, workspaces.id))
    .where(
      and(
        eq(workspaces.slug, sql.placeholder('slug')),
        eq(workspaceMembers.userId, sql.placeholder('userId')),
      ),
    )
    .limit(1)
    .prepare('identity_membership_by_slug');
}

export class WorkspacesRepository {
  private readonly db: Db;
  private membershipBySlug?: ReturnType<typeof prepareMembershipBySlug>;

  constructor(db: Db) {
    this.db = db;
  }

  with(tx: Db): WorkspacesRepository {
    return new WorkspacesRepository(tx);
  }

  /** Undefined when the slug is taken. */
  async insertWorkspace(row: typeof workspaces.$inferInsert): Promise<WorkspaceRow | undefined> {
    const [created] = await this.db.insert(workspaces).values(row).onConflictDoNothing().returning();
    return created;
  }

  async findBySlug(slug: string): Promise<WorkspaceRow | undefined> {
    const [row] = await this.db.select().from(workspaces).where(eq(workspaces.slug, slug)).limit(1);
    return row;
  }

  async findById(id: string): Promise<WorkspaceRow | undefined> {
    const [row] = await this.db.select().from(workspaces).where(eq(workspaces.id, id)).limit(1);
    return row;
  }

  async listForUser(userId: string): Promise<Array<WorkspaceRow & { role: WorkspaceRole }>> {
    const rows = await this.db
      .select({ workspace: workspaces, role: workspaceMembers.role })
      .from(workspaceMembers)
      .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
      .where(eq(workspaceMembers.userId, userId))
      .orderBy(asc(workspaces.name));
    return rows.map((r) => ({ ...r.workspace, role: r.role }));
  }

  async updateWorkspace(
    id: string,
    patch: Partial<Pick<WorkspaceRow, 'name' | 'timezone'>>,
  ): Promise<WorkspaceRow> {
    const [row] = await this.db
      .update(workspaces)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(workspaces.id, id))
      .returning();
    return row!;
  }

  async deleteWorkspace(id: string): Promise<void> {
    await this.db.delete(workspaces).where(eq(workspaces.id, id));
  }

  async countWorkspaces(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(workspaces);
    return row?.n ?? 0;
  }

  async insertMember(row: typeof workspaceMembers.$inferInsert): Promise<MemberRow> {
    const [created] = await this.db.insert(workspaceMembers).values(row).returning();
    return created!;
  }

  async findMember(workspaceId: string, userId: string): Promise<MemberRow | undefined> {
    const [row] = await this.db
      .select()
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
      .limit(1);
    return row;
  }

  /** The caller's membership in the workspace with that slug: the lookup every guarded request makes. */
  async findMembershipBySlug(
    slug: string,
    userId: string,
  ): Promise<{ workspace: WorkspaceRow; role: WorkspaceRole } | undefined> {
    this.membershipBySlug ??= prepareMembershipBySlug(this.db);
    const [row] = await this.membershipBySlug.execute({ slug, userId });
    return row;
  }

  async listMembers(workspaceId: string): Promise<MemberWithUser[]> {
    return this.db
      .select({
        id: workspaceMembers.id,
        userId: users.id,
        role: workspaceMembers.role,
        name: users.name,
        email: users.email,
        image: users.image,
        joinedAt: workspaceMembers.createdAt,
      })
      .from(workspaceMembers)
      .innerJoin(users, eq(users.id, workspaceMembers.userId))
      .where(eq(workspaceMembers.workspaceId, workspaceId))
      .orderBy(asc(users.name));
  }

  async updateMemberRole(id: string, role: WorkspaceRole): Promise<void> {
    await this.db
      .update(workspaceMembers)
      .set({ role, updatedAt: new Date() })
      .where(eq(workspaceMembers.id, id));
  }

  async deleteMember(id: string): Promise<void> {
    await this.db.delete(workspaceMembers).where(eq(workspaceMembers.id, id));
  }

  /** Locks the workspace's owner rows so two concurrent demotions cannot both pass the last-owner check. */
  async lockOwners(workspaceId: string): Promise<number> {
    const rows = await this.db
      .select({ id: workspaceMembers.id })
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, 'owner')))
      .for('update');
    return rows.length;
  }

  async insertInvitation(row: typeof workspaceInvitations.$inferInsert): Promise<InvitationRow> {
    const [created] = await this.db.insert(workspaceInvitations).values(row).returning();
    return created!;
  }

  async deletePendingInvitation(workspaceId: string, email: string): Promise<void> {
    await this.db
      .delete(workspaceInvitations)
      .where(
        and(
          eq(workspaceInvitations.workspaceId, workspaceId),
          eq(workspaceInvitations.email, email),
          isNull(workspaceInvitations.acceptedAt),
        ),
      );
  }

  async listPendingInvitations(workspaceId: string, now: Date): Promise<InvitationRow[]> {
    return this.db
      .select()
      .from(workspaceInvitations)
      .where(
        and(
          eq(workspaceInvitations.workspaceId, workspaceId),
          isNull(workspaceInvitations.acceptedAt),
          gt(workspaceInvitations.expiresAt, now),
        ),
      )
      .orderBy(asc(workspaceInvitations.createdAt));
  }

  async findInvitation(workspaceId: string, id: string): Promise<InvitationRow | undefined> {
    const [row] = await this.db
      .select()
      .from(workspaceInvitations)
      .where(and(eq(workspaceInvitations.id, id), eq(workspaceInvitations.workspaceId, workspaceId)));
    return row;
  }

  async findInvitationByHash(tokenHash: string, forUpdate = false): Promise<InvitationRow | undefined> {
    const query = this.db
      .select()
      .from(workspaceInvitations)
      .where(eq(workspaceInvitations.tokenHash, tokenHash));
    const [row] = forUpdate ? await query.for('update') : await query;
    return row;
  }

  async markInvitationAccepted(id: string, userId: string, at: Date): Promise<void> {
    await this.db
      .update(workspaceInvitations)
      .set({ acceptedAt: at, acceptedBy: userId })
      .where(eq(workspaceInvitations.id, id));
  }

  async deleteInvitation(id: string): Promise<void> {
    await this.db.delete(workspaceInvitations).where(eq(workspaceInvitations.id, id));
  }
}
