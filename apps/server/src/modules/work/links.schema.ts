import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { auditColumns } from './columns.ts';
import { projects } from './projects.schema.ts';
import { workItems } from './work-items.schema.ts';

export const workItemLinks = pgTable(
  'work_item_links',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    title: text('title'),
    url: text('url').notNull(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    ...auditColumns(),
  },
  (t) => [index('work_item_links_item_created_idx').on(t.workItemId, t.createdAt)],
);
