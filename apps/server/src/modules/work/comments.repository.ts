import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { sameExternalKey } from './external-key.ts';
import { workItemComments } from './comments.schema.ts';
import type { Window } from './projects.repository.ts';

export type CommentRow = typeof workItemComments.$inferSelect;
export type NewComment = typeof workItemComments.$inferInsert;

const live = isNull(workItemComments.deletedAt);

export class CommentsRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  with(tx: Db): CommentsRepository {
    return new CommentsRepository(tx);
  }

  async insert(row: NewComment): Promise<CommentRow> {
    const [created] = await this.db.insert(workItemComments).values(row).returning();
    return created!;
  }

  async update(id: string, patch: Partial<NewComment>): Promise<CommentRow> {
    const [row] = await this.db
      .update(workItemComments)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(workItemComments.id, id))
      .returning();
    return row!;
  }

  async list(workItemId: string, window: Window): Promise<CommentRow[]> {
    return this.db
      .select()
      .from(workItemComments)
      .where(and(eq(workItemComments.workItemId, workItemId), live))
      .orderBy(desc(workItemComments.createdAt), desc(workItemComments.id))
      .limit(window.limit)
      .offset(window.offset);
  }

  async count(workItemId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(workItemComments)
      .where(and(eq(workItemComments.workItemId, workItemId), live));
    return row?.n ?? 0;
  }

  async find(workItemId: string, id: string): Promise<CommentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(workItemComments)
      .where(and(eq(workItemComments.workItemId, workItemId), eq(workItemComments.id, id), live));
    return row;
  }

  async findByExternal(
    projectId: string,
    source: string,
    externalId: string,
    exceptId?: string,
  ): Promise<CommentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(workItemComments)
      .where(sameExternalKey(workItemComments, projectId, source, externalId, exceptId));
    return row;
  }
}
