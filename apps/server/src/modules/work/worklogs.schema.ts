import { check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { auditColumns, parentId, projectColumns } from './columns.ts';
import { projects } from './projects.schema.ts';
import { workItems } from './work-items.schema.ts';

/** Time spent on a work item, in minutes, by the person who logged it (Plane's commercial worklogs). */
export const worklogs = pgTable(
  'work_item_worklogs',
  {
    ...projectColumns(() => projects.id),
    workItemId: parentId('work_item_id', () => workItems.id),
    loggedBy: uuid('logged_by').notNull(),
    description: text('description').notNull().default(''),
    duration: integer('duration').notNull(),
    ...auditColumns(),
  },
  (t) => [
    index('work_item_worklogs_item_idx').on(t.workItemId, t.createdAt),
    index('work_item_worklogs_project_idx').on(t.projectId),
    check('work_item_worklogs_duration_check', sql`${t.duration} >= 0`),
  ],
);
