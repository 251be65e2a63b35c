import { index, jsonb, pgTable, text, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { auditColumns, externalColumns, parentId, projectColumns, timestampText } from './columns.ts';
import { projects } from './projects.schema.ts';
import { workItems } from './work-items.schema.ts';

export const commentAccess = ['INTERNAL', 'EXTERNAL'] as const;

export const workItemComments = pgTable(
  'work_item_comments',
  {
    ...projectColumns(() => projects.id),
    workItemId: parentId('work_item_id', () => workItems.id),
    commentHtml: text('comment_html').notNull().default('<p></p>'),
    commentStripped: text('comment_stripped').notNull().default(''),
    commentJson: jsonb('comment_json').notNull().default({}),
    access: text('access', { enum: commentAccess }).notNull().default('INTERNAL'),
    actorId: uuid('actor_id'),
    parentId: uuid('parent_id').references((): AnyPgColumn => workItemComments.id, { onDelete: 'set null' }),
    editedAt: timestampText('edited_at'),
    ...externalColumns(),
    ...auditColumns(),
  },
  (t) => [index('work_item_comments_item_created_idx').on(t.workItemId, t.createdAt)],
);
