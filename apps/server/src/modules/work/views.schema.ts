import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from '../identity/identity.schema.ts';
import { auditColumns, parentId } from './columns.ts';
import { projects } from './projects.schema.ts';

/**
 * A saved view of work items: filters (the list's filter parameters, as JSON), an `order_by` and how to display
 * the result. Project views belong to a project; a view without a project is the workspace's.
 */
export const workItemViews = pgTable(
  'work_item_views',
  {
    id: uuid('id').primaryKey(),
    workspaceId: parentId('workspace_id', () => workspaces.id),
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    filters: jsonb('filters').$type<Record<string, string | string[]>>().notNull().default({}),
    orderBy: text('order_by').notNull().default('-created_at'),
    display: jsonb('display')
      .$type<{ group_by: string | null; sub_group_by: string | null }>()
      .notNull()
      .default({ group_by: null, sub_group_by: null }),
    ownedBy: uuid('owned_by').notNull(),
    ...auditColumns(),
  },
  (t) => [
    index('work_item_views_project_idx').on(t.projectId, t.createdAt),
    index('work_item_views_workspace_idx').on(t.workspaceId, t.createdAt),
  ],
);
