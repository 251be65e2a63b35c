import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { apiTokens, users, workspaceMembers, workspaces } from './identity.schema.ts';
import type { WorkspaceAccess } from './principal.ts';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export interface TokenWithUser {
  token: ApiTokenRow;
  user: { id: string; email: string; name: string; timezone: string };
}

// The time zone too: Plane routes render datetimes in it, and this row saves them a read of the user.
const userFields = { id: users.id, email: users.email, name: users.name, timezone: users.timezone };

/**
 * The lookups every API call makes, built once as prepared statements: drizzle would otherwise assemble
 * their SQL on every request (a third of the guard's CPU), and PostgreSQL parses a named statement once per
 * connection. See docs/decisions/0026-prepared-guard-queries.md for the PgBouncer caveat.
 */
function prepareKeyLookups(db: Db) {
  const byHash = db
    .select({ token: apiTokens, user: userFields })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, sql.placeholder('hash')))
    .limit(1)
    .prepare('identity_api_key');
  // The same row plus the owner's membership in the workspace the route names: one round trip, not two.
  const byHashInWorkspace = db
    .select({ token: apiTokens, user: userFields, workspace: workspaces, role: workspaceMembers.role })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(workspaces, eq(workspaces.slug, sql.placeholder('slug')))
    .leftJoin(
      workspaceMembers,
      and(eq(workspaceMembers.workspaceId, workspaces.id), eq(workspaceMembers.userId, users.id)),
    )
    .where(eq(apiTokens.tokenHash, sql.placeholder('hash')))
    .limit(1)
    .prepare('identity_api_key_in_workspace');
  return { byHash, byHashInWorkspace };
}

/** A token's last use is written at most this often: a write per request would cost every API call. */
export const TOUCH_INTERVAL_MS = 60_000;

export class ApiTokensRepository {
  private readonly db: Db;
  private lookups?: ReturnType<typeof prepareKeyLookups>;

  constructor(db: Db) {
    this.db = db;
  }

  with(tx: Db): ApiTokensRepository {
    return new ApiTokensRepository(tx);
  }

  async insert(row: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
    const [created] = await this.db.insert(apiTokens).values(row).returning();
    return created!;
  }

  /** The token with the few user fields a request needs, in one round trip (this runs on every API call). */
  async findByHashWithUser(tokenHash: string): Promise<TokenWithUser | undefined> {
    const [row] = await this.prepared().byHash.execute({ hash: tokenHash });
    return row;
  }

  /** As findByHashWithUser, plus the user's membership in the workspace with that slug (if any). */
  async findByHashInWorkspace(
    tokenHash: string,
    slug: string,
  ): Promise<(TokenWithUser & { membership: WorkspaceAccess | undefined }) | undefined> {
    const [row] = await this.prepared().byHashInWorkspace.execute({ hash: tokenHash, slug });
    if (!row) return undefined;
    const { workspace, role, ...found } = row;
    return { ...found, membership: workspace && role ? { workspace, role } : undefined };
  }

  async listForUser(userId: string): Promise<ApiTokenRow[]> {
    return this.db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .orderBy(desc(apiTokens.createdAt));
  }

  async findForUser(userId: string, id: string): Promise<ApiTokenRow | undefined> {
    const [row] = await this.db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
    return row;
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.db.update(apiTokens).set({ revokedAt: at }).where(eq(apiTokens.id, id));
  }

  private prepared(): ReturnType<typeof prepareKeyLookups> {
    this.lookups ??= prepareKeyLookups(this.db);
    return this.lookups;
  }

  /** Records use at most once per TOUCH_INTERVAL_MS, even when several processes race. */
  async touch(id: string, at: Date): Promise<void> {
    const staleBefore = new Date(at.getTime() - TOUCH_INTERVAL_MS);
    await this.db
      .update(apiTokens)
      .set({ lastUsedAt: at })
      .where(
        and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, staleBefore))),
      );
  }
}
