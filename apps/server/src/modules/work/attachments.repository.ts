import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { workItemAttachments } from './attachments.schema.ts';
import { sameExternalKey } from './external-key.ts';

export type AttachmentRow = typeof workItemAttachments.$inferSelect;
export type NewAttachment = typeof workItemAttachments.$inferInsert;

const live = isNull(workItemAttachments.deletedAt);

export class AttachmentsRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  with(tx: Db): AttachmentsRepository {
    return new AttachmentsRepository(tx);
  }

  async insert(row: NewAttachment): Promise<AttachmentRow> {
    const [created] = await this.db.insert(workItemAttachments).values(row).returning();
    return created!;
  }

  async update(id: string, patch: Partial<NewAttachment>): Promise<AttachmentRow> {
    const [row] = await this.db
      .update(workItemAttachments)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(workItemAttachments.id, id))
      .returning();
    return row!;
  }

  /** The uploaded files of a work item, oldest first. */
  async listUploaded(workItemId: string): Promise<AttachmentRow[]> {
    return this.db
      .select()
      .from(workItemAttachments)
      .where(
        and(eq(workItemAttachments.workItemId, workItemId), eq(workItemAttachments.isUploaded, true), live),
      )
      .orderBy(asc(workItemAttachments.createdAt), asc(workItemAttachments.id));
  }

  async find(workItemId: string, id: string): Promise<AttachmentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(workItemAttachments)
      .where(and(eq(workItemAttachments.workItemId, workItemId), eq(workItemAttachments.id, id), live));
    return row;
  }

  async findByExternal(
    projectId: string,
    source: string,
    externalId: string,
  ): Promise<AttachmentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(workItemAttachments)
      .where(sameExternalKey(workItemAttachments, projectId, source, externalId))
      .limit(1);
    return row;
  }
}
