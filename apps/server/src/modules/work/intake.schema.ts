import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { auditColumns, externalColumns, parentId, projectColumns, timestampText } from './columns.ts';
import { projects } from './projects.schema.ts';
import { workItems } from './work-items.schema.ts';

/** A project's intake (triage queue); one per project, made when intake is first used. */
export const intakes = pgTable(
  'intakes',
  {
    ...projectColumns(() => projects.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    isDefault: boolean('is_default').notNull().default(true),
    viewProps: jsonb('view_props').notNull().default({}),
    logoProps: jsonb('logo_props').notNull().default({}),
    ...auditColumns(),
  },
  (t) => [
    uniqueIndex('intakes_project_idx')
      .on(t.projectId)
      .where(sql`${t.deletedAt} is null`),
  ],
);

/**
 * A submission to the intake: an ordinary work item (in the hidden Triage state until accepted) plus its triage
 * record. Status: -2 pending, -1 declined, 0 snoozed, 1 accepted, 2 duplicate.
 */
export const intakeWorkItems = pgTable(
  'intake_work_items',
  {
    ...projectColumns(() => projects.id),
    intakeId: parentId('intake_id', () => intakes.id),
    workItemId: parentId('work_item_id', () => workItems.id),
    status: smallint('status').notNull().default(-2),
    snoozedTill: timestampText('snoozed_till'),
    duplicateToId: uuid('duplicate_to_id').references(() => workItems.id, { onDelete: 'set null' }),
    source: text('source').notNull().default('IN_APP'),
    sourceEmail: text('source_email'),
    extra: jsonb('extra').notNull().default({}),
    ...externalColumns(),
    ...auditColumns(),
  },
  (t) => [
    uniqueIndex('intake_work_items_item_idx')
      .on(t.workItemId)
      .where(sql`${t.deletedAt} is null`),
    index('intake_work_items_project_created_idx').on(t.projectId, t.createdAt),
  ],
);
