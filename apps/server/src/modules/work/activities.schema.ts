import { bigint, doublePrecision, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { parentId, timestampText } from './columns.ts';
import { projects } from './projects.schema.ts';
import { workItems } from './work-items.schema.ts';

/**
 * A work item's history, one row per changed field, written in the transaction that made the change. The actor
 * is the user; when an API key (or later an agent) acted for that user, `actor_type` and `actor_token_id` say so.
 */
export const workItemActivities = pgTable(
  'work_item_activities',
  {
    id: uuid('id').primaryKey(),
    // Orders the rows of one transaction, which share a timestamp.
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    workspaceId: uuid('workspace_id').notNull(),
    projectId: parentId('project_id', () => projects.id),
    workItemId: parentId('work_item_id', () => workItems.id),
    verb: text('verb').notNull(),
    field: text('field'),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    comment: text('comment').notNull().default(''),
    oldIdentifier: uuid('old_identifier'),
    newIdentifier: uuid('new_identifier'),
    commentId: uuid('comment_id'),
    actorId: uuid('actor_id'),
    actorType: text('actor_type').notNull(),
    actorTokenId: uuid('actor_token_id'),
    epoch: doublePrecision('epoch').notNull(),
    createdAt: timestampText('created_at').notNull().defaultNow(),
    updatedAt: timestampText('updated_at').notNull().defaultNow(),
    deletedAt: timestampText('deleted_at'),
  },
  (t) => [index('work_item_activities_item_created_idx').on(t.workItemId, t.createdAt, t.seq)],
);
