import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { auditColumns, externalColumns, parentId, projectColumns, timestampText } from './columns.ts';
import { users } from '../identity/identity.schema.ts';
import { labels } from './labels.schema.ts';
import { projects } from './projects.schema.ts';
import { states } from './states.schema.ts';

export const priorities = ['urgent', 'high', 'medium', 'low', 'none'] as const;

/** PostgreSQL's full-text document type; read back as its text form (rarely read at all). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The search document of a work item: its name (weight A) and its description's text (weight B), with the
 * `simple` configuration (no stemming, no stop words), so prefix queries match partial words in any language.
 */
export const workItemSearchDocument = sql`setweight(to_tsvector('simple'::regconfig, coalesce(name, '')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce(description_stripped, '')), 'B')`;
export type Priority = (typeof priorities)[number];

/** The last work-item number issued per project; bumped in the creating transaction, so numbers are gap-free. */
export const workItemSequences = pgTable('work_item_sequences', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  lastValue: integer('last_value').notNull().default(0),
});

export const workItems = pgTable(
  'work_items',
  {
    ...projectColumns(() => projects.id),
    sequenceId: integer('sequence_id').notNull(),
    name: text('name').notNull(),
    descriptionHtml: text('description_html').notNull().default('<p></p>'),
    descriptionStripped: text('description_stripped').notNull().default(''),
    descriptionBinary: text('description_binary'),
    priority: text('priority', { enum: priorities }).notNull().default('none'),
    stateId: uuid('state_id')
      .notNull()
      .references(() => states.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => workItems.id, { onDelete: 'set null' }),
    estimatePointId: uuid('estimate_point_id'),
    point: smallint('point'),
    startDate: date('start_date'),
    targetDate: date('target_date'),
    sortOrder: doublePrecision('sort_order').notNull(),
    completedAt: timestampText('completed_at'),
    archivedAt: date('archived_at'),
    isDraft: boolean('is_draft').notNull().default(false),
    typeId: uuid('type_id'),
    searchVector: tsvector('search_vector').generatedAlwaysAs(workItemSearchDocument),
    ...externalColumns(),
    ...auditColumns(),
  },
  (t) => [
    // Numbers of deleted items stay taken: the index covers every row, deleted or not.
    uniqueIndex('work_items_project_sequence_idx').on(t.projectId, t.sequenceId),
    index('work_items_project_created_idx').on(t.projectId, t.createdAt),
    // Also answers "the highest sort order in a state", which every creation asks, from the index's end.
    index('work_items_state_sort_idx').on(t.stateId, t.sortOrder),
    index('work_items_parent_idx').on(t.parentId),
    index('work_items_search_idx').using('gin', t.searchVector),
    index('work_items_external_idx')
      .on(t.projectId, t.externalSource, t.externalId)
      .where(sql`${t.externalId} is not null`),
  ],
);

export const workItemAssignees = pgTable(
  'work_item_assignees',
  {
    workItemId: parentId('work_item_id', () => workItems.id),
    assigneeId: parentId('assignee_id', () => users.id),
    workspaceId: uuid('workspace_id').notNull(),
    projectId: uuid('project_id').notNull(),
    createdAt: timestampText('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.workItemId, t.assigneeId] }),
    // With the item's id, a filter by assignee reads the index alone (decision 0029).
    index('work_item_assignees_assignee_item_idx').on(t.assigneeId, t.workItemId),
  ],
);

export const workItemLabels = pgTable(
  'work_item_labels',
  {
    workItemId: parentId('work_item_id', () => workItems.id),
    labelId: parentId('label_id', () => labels.id),
    workspaceId: uuid('workspace_id').notNull(),
    projectId: uuid('project_id').notNull(),
    createdAt: timestampText('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.workItemId, t.labelId] }),
    index('work_item_labels_label_item_idx').on(t.labelId, t.workItemId),
  ],
);
