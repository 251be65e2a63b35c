import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { workItemLinks } from './links.schema.ts';
import type { Window } from './projects.repository.ts';

export type LinkRow = typeof workItemLinks.$inferSelect;
export type NewLink = typeof workItemLinks.$inferInsert;

const live = isNull(workItemLinks.deletedAt);

export class LinksRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  with(tx: Db): LinksRepository {
    return new LinksRepository(tx);
  }

  async insert(row: NewLink): Promise<LinkRow> {
    const [created] = await this.db.insert(workItemLinks).values(row).returning();
    return created!;
  }

  async update(id: string, patch: Partial<NewLink>): Promise<LinkRow> {
    const [row] = await this.db
      .update(workItemLinks)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(workItemLinks.id, id))
      .returning();
    return row!;
  }

  async list(workItemId: string, window: Window): Promise<LinkRow[]> {
    return this.db
      .select()
      .from(workItemLinks)
      .where(and(eq(workItemLinks.workItemId, workItemId), live))
      .orderBy(desc(workItemLinks.createdAt), desc(workItemLinks.id))
      .limit(window.limit)
      .offset(window.offset);
  }

  async count(workItemId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(workItemLinks)
      .where(and(eq(workItemLinks.workItemId, workItemId), live));
    return row?.n ?? 0;
  }

  async find(workItemId: string, id: string): Promise<LinkRow | undefined> {
    const [row] = await this.db
      .select()
      .from(workItemLinks)
      .where(and(eq(workItemLinks.workItemId, workItemId), eq(workItemLinks.id, id), live));
    return row;
  }

  async findByUrl(workItemId: string, url: string): Promise<LinkRow | undefined> {
    const [row] = await this.db
      .select()
      .from(workItemLinks)
      .where(and(eq(workItemLinks.workItemId, workItemId), eq(workItemLinks.url, url), live));
    return row;
  }
}
