import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { auditColumns, externalColumns, projectColumns } from './columns.ts';
import { projects } from './projects.schema.ts';

export const stateGroups = ['backlog', 'unstarted', 'started', 'completed', 'cancelled', 'triage'] as const;
export type StateGroup = (typeof stateGroups)[number];

export const states = pgTable(
  'states',
  {
    ...projectColumns(() => projects.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    color: text('color').notNull(),
    slug: text('slug').notNull().default(''),
    sequence: doublePrecision('sequence').notNull(),
    group: text('group', { enum: stateGroups }).notNull(),
    isTriage: boolean('is_triage').notNull().default(false),
    isDefault: boolean('is_default').notNull().default(false),
    ...externalColumns(),
    ...auditColumns(),
  },
  (t) => [
    uniqueIndex('states_project_name_idx')
      .on(t.projectId, t.name)
      .where(sql`${t.deletedAt} is null`),
    index('states_project_sequence_idx').on(t.projectId, t.sequence),
  ],
);
