import { sql } from 'drizzle-orm';
import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { auditColumns, externalColumns, parentId, projectColumns, timestampText } from './columns.ts';
import { projects } from './projects.schema.ts';
import { workItems } from './work-items.schema.ts';

/**
 * Plane's cycles (sprints; the agency layer calls them phases). Start and end are instants: a date given on input
 * becomes the project's local 00:00:01 and 23:59 (contract §2.12). Status is derived from them, never stored.
 */
export const cycles = pgTable(
  'cycles',
  {
    ...projectColumns(() => projects.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    startDate: timestampText('start_date'),
    endDate: timestampText('end_date'),
    ownedBy: uuid('owned_by').notNull(),
    viewProps: jsonb('view_props').$type<Record<string, unknown>>().notNull().default({}),
    logoProps: jsonb('logo_props').$type<Record<string, unknown>>().notNull().default({}),
    sortOrder: doublePrecision('sort_order').notNull(),
    progressSnapshot: jsonb('progress_snapshot').$type<Record<string, unknown>>().notNull().default({}),
    archivedAt: timestampText('archived_at'),
    timezone: text('timezone').notNull().default('UTC'),
    version: integer('version').notNull().default(1),
    ...externalColumns(),
    ...auditColumns(),
  },
  (t) => [
    index('cycles_project_created_idx').on(t.projectId, t.createdAt),
    index('cycles_external_idx')
      .on(t.projectId, t.externalSource, t.externalId)
      .where(sql`${t.externalId} is not null`),
  ],
);

/** A work item's place in a cycle: at most one live row per item (adding it to another cycle moves it). */
export const cycleWorkItems = pgTable(
  'cycle_work_items',
  {
    ...projectColumns(() => projects.id),
    cycleId: parentId('cycle_id', () => cycles.id),
    workItemId: parentId('work_item_id', () => workItems.id),
    ...auditColumns(),
  },
  (t) => [
    uniqueIndex('cycle_work_items_item_idx')
      .on(t.workItemId)
      .where(sql`${t.deletedAt} is null`),
    index('cycle_work_items_cycle_idx').on(t.cycleId, t.createdAt),
  ],
);
