import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { auditColumns, parentId, projectColumns } from './columns.ts';
import { projects } from './projects.schema.ts';
import { workItems } from './work-items.schema.ts';

/**
 * The types a relation row is stored as (contract §2.11). `blocking`, `start_after` and `finish_after` are the
 * same rows read from the other end; `relates_to` and `duplicate` read the same from both ends.
 */
export const storedRelationTypes = [
  'blocked_by',
  'relates_to',
  'duplicate',
  'start_before',
  'finish_before',
] as const;
export type StoredRelationType = (typeof storedRelationTypes)[number];

/**
 * One row per pair of work items (whichever end it was made from): `work_item_id` <type> `related_work_item_id`,
 * e.g. A blocked_by B. Related items may sit in other projects of the same workspace.
 */
export const workItemRelations = pgTable(
  'work_item_relations',
  {
    ...projectColumns(() => projects.id),
    workItemId: parentId('work_item_id', () => workItems.id),
    relatedWorkItemId: parentId('related_work_item_id', () => workItems.id),
    relationType: text('relation_type', { enum: storedRelationTypes }).notNull(),
    ...auditColumns(),
  },
  (t) => [
    // One live relation per unordered pair: a new relation between the same two items replaces the old one.
    uniqueIndex('work_item_relations_pair_idx')
      .on(
        sql`least(${t.workItemId}, ${t.relatedWorkItemId})`,
        sql`greatest(${t.workItemId}, ${t.relatedWorkItemId})`,
      )
      .where(sql`${t.deletedAt} is null`),
    index('work_item_relations_item_idx').on(t.workItemId),
    index('work_item_relations_related_idx').on(t.relatedWorkItemId),
  ],
);
