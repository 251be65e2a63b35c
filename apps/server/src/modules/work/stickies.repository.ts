import { and, count, desc, eq, ilike, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import type { Window } from './projects.repository.ts';
import { stickies } from './stickies.schema.ts';

export type StickyRow = typeof stickies.$inferSelect;
export type NewSticky = typeof stickies.$inferInsert;

const live = isNull(stickies.deletedAt);

/** `query` matches the sticky's text anywhere, case-insensitively; `%` and `_` match themselves. */
const matching = (query: string | undefined) =>
  query ? ilike(stickies.descriptionStripped, `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined;

export class StickiesRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  with(tx: Db): StickiesRepository {
    return new StickiesRepository(tx);
  }

  async insert(row: NewSticky): Promise<StickyRow> {
    const [created] = await this.db.insert(stickies).values(row).returning();
    return created!;
  }

  async update(id: string, patch: Partial<NewSticky>): Promise<StickyRow> {
    const [row] = await this.db
      .update(stickies)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(stickies.id, id))
      .returning();
    return row!;
  }

  async list(workspaceId: string, ownerId: string, query: string | undefined, window: Window) {
    return this.db
      .select()
      .from(stickies)
      .where(and(this.owned(workspaceId, ownerId), matching(query)))
      .orderBy(desc(stickies.createdAt), desc(stickies.id))
      .limit(window.limit)
      .offset(window.offset);
  }

  async count(workspaceId: string, ownerId: string, query: string | undefined): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(stickies)
      .where(and(this.owned(workspaceId, ownerId), matching(query)));
    return row?.n ?? 0;
  }

  async find(workspaceId: string, ownerId: string, id: string): Promise<StickyRow | undefined> {
    const [row] = await this.db
      .select()
      .from(stickies)
      .where(and(this.owned(workspaceId, ownerId), eq(stickies.id, id)));
    return row;
  }

  async maxSortOrder(workspaceId: string, ownerId: string): Promise<number | null> {
    const [row] = await this.db
      .select({ max: sql<number | null>`max(${stickies.sortOrder})` })
      .from(stickies)
      .where(this.owned(workspaceId, ownerId));
    return row?.max ?? null;
  }

  private owned(workspaceId: string, ownerId: string) {
    return and(eq(stickies.workspaceId, workspaceId), eq(stickies.ownerId, ownerId), live);
  }
}
