import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { apiTokens } from './identity.schema.ts';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

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

  async findByHash(tokenHash: string): Promise<ApiTokenRow | undefined> {
    const [row] = await this.db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)).limit(1);
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

  /** Records use at most once a minute per token: a write per request would cost every API call. */
  async touch(id: string, at: Date): Promise<void> {
    const staleBefore = new Date(at.getTime() - 60_000);
    await this.db
      .update(apiTokens)
      .set({ lastUsedAt: at })
      .where(
        and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, staleBefore))),
      );
  }
}
