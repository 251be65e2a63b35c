import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { apiTokens, users } from './identity.schema.ts';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** A token's last use is written at most this often: a write per request would cost every API call. */
export const TOUCH_INTERVAL_MS = 60_000;

export class ApiTokensRepository {
  private readonly db: Db;

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
  async findByHashWithUser(
    tokenHash: string,
  ): Promise<{ token: ApiTokenRow; user: { id: string; email: string; name: string } } | undefined> {
    const [row] = await this.db
      .select({ token: apiTokens, user: { id: users.id, email: users.email, name: users.name } })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(eq(apiTokens.tokenHash, tokenHash))
      .limit(1);
    return row;
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
