import { index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { users, workspaces } from '../identity/identity.schema.ts';
import { parentId, timestampText } from './columns.ts';
import { projects } from './projects.schema.ts';
import { workItems } from './work-items.schema.ts';

export const notificationKinds = [
  'assigned',
  'mentioned',
  'subscribed_change',
  'comment',
  'intake',
  'standup',
  'deployment',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/**
 * One message to one person about one work item, or about a whole project (`standup`, `deployment`: no work
 * item), ours:
 * Plane's public API has no notifications.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    workspaceId: parentId('workspace_id', () => workspaces.id),
    receiverId: parentId('receiver_id', () => users.id),
    // Null for a project-level message (a standup).
    workItemId: uuid('work_item_id').references(() => workItems.id, { onDelete: 'cascade' }),
    projectId: parentId('project_id', () => projects.id),
    // No foreign key: the trail outlives the people who acted.
    actorId: uuid('actor_id'),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    title: text('title').notNull(),
    data: jsonb('data').notNull().default({}),
    readAt: timestampText('read_at'),
    archivedAt: timestampText('archived_at'),
    createdAt: timestampText('created_at').notNull().defaultNow(),
  },
  (t) => [index('notifications_receiver_created_idx').on(t.workspaceId, t.receiverId, t.createdAt)],
);

/** Who follows a work item: its creator and assignees automatically, anyone else by choice. */
export const workItemSubscribers = pgTable(
  'work_item_subscribers',
  {
    workItemId: parentId('work_item_id', () => workItems.id),
    subscriberId: parentId('subscriber_id', () => users.id),
    workspaceId: uuid('workspace_id').notNull(),
    projectId: uuid('project_id').notNull(),
    createdAt: timestampText('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workItemId, t.subscriberId] }),
    index('work_item_subscribers_subscriber_idx').on(t.subscriberId),
  ],
);
