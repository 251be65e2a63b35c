import { desc } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { workItemComments } from './comments.schema.ts';
import { ProjectRows } from './project-rows.ts';
import type { Window } from './projects.repository.ts';

export type CommentRow = typeof workItemComments.$inferSelect;
export type NewComment = typeof workItemComments.$inferInsert;

const newestFirst = [desc(workItemComments.createdAt), desc(workItemComments.id)];

export class CommentsRepository {
  // Comments are read per work item; only the external-key check spans the project.
  private readonly rows: ProjectRows<typeof workItemComments>;

  constructor(db: Db) {
    this.rows = new ProjectRows(db, workItemComments, workItemComments.workItemId);
  }

  with(tx: Db): CommentsRepository {
    return new CommentsRepository(tx);
  }

  async insert(row: NewComment): Promise<CommentRow> {
    return this.rows.insert(row);
  }

  async update(id: string, patch: Partial<NewComment>): Promise<CommentRow> {
    return this.rows.update(id, patch);
  }

  async list(workItemId: string, window: Window): Promise<CommentRow[]> {
    return this.rows.list(workItemId, window, newestFirst);
  }

  async count(workItemId: string): Promise<number> {
    return this.rows.count(workItemId);
  }

  async find(workItemId: string, id: string): Promise<CommentRow | undefined> {
    return this.rows.find(workItemId, id);
  }

  async findByExternal(
    projectId: string,
    source: string,
    externalId: string,
    exceptId?: string,
  ): Promise<CommentRow | undefined> {
    return this.rows.findByExternal(projectId, source, externalId, exceptId);
  }
}
