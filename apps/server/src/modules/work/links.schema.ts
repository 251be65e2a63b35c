import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { auditColumns, parentId, projectColumns } from './columns.ts';
import { projects } from './projects.schema.ts';
import { workItems } from './work-items.schema.ts';

export const workItemLinks = pgTable(
  'work_item_links',
  {
    ...projectColumns(() => projects.id),
    workItemId: parentId('work_item_id', () => workItems.id),
    title: text('title'),
    url: text('url').notNull(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    ...auditColumns(),
  },
  (t) => [index('work_item_links_item_created_idx').on(t.workItemId, t.createdAt)],
);
