import { sql } from 'drizzle-orm';
import {
  doublePrecision,
  index,
  pgTable,
  text,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { auditColumns, externalColumns, projectColumns } from './columns.ts';
import { projects } from './projects.schema.ts';

export const labels = pgTable(
  'labels',
  {
    ...projectColumns(() => projects.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => labels.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    color: text('color').notNull().default(''),
    sortOrder: doublePrecision('sort_order').notNull(),
    ...externalColumns(),
    ...auditColumns(),
  },
  (t) => [
    uniqueIndex('labels_project_name_idx')
      .on(t.projectId, t.name)
      .where(sql`${t.deletedAt} is null`),
    index('labels_project_created_idx').on(t.projectId, t.createdAt),
  ],
);
