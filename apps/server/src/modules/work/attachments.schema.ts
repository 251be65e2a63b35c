import { bigint, boolean, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { auditColumns, externalColumns, parentId, projectColumns } from './columns.ts';
import { projects } from './projects.schema.ts';
import { workItems } from './work-items.schema.ts';

/**
 * A file attached to a work item (Plane's FileAsset of type ISSUE_ATTACHMENT). The row is made when the upload
 * is requested; the bytes go straight to storage (local disk or S3) under `asset`, and `is_uploaded` turns true
 * when the client confirms the upload.
 */
export const workItemAttachments = pgTable(
  'work_item_attachments',
  {
    ...projectColumns(() => projects.id),
    workItemId: parentId('work_item_id', () => workItems.id),
    name: text('name').notNull(),
    type: text('type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    asset: text('asset').notNull(),
    isUploaded: boolean('is_uploaded').notNull().default(false),
    storageMetadata: jsonb('storage_metadata').$type<Record<string, unknown>>().notNull().default({}),
    ...externalColumns(),
    ...auditColumns(),
  },
  (t) => [index('work_item_attachments_item_created_idx').on(t.workItemId, t.createdAt)],
);
