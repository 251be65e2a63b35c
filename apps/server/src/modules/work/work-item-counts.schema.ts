import { integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { projects } from './projects.schema.ts';

/**
 * How many live, unarchived, non-draft work items each state of a project holds, kept by statement triggers on
 * `work_items` (migration 0006): the list's `total_count` reads it instead of counting the project's items on
 * every page. Triage is left to the reader (a state's `is_triage`), as the list does.
 */
export const workItemCounts = pgTable(
  'work_item_counts',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    stateId: uuid('state_id').notNull(),
    visible: integer('visible').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.stateId] })],
);
