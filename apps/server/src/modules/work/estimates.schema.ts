import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { auditColumns, externalColumns, parentId, projectColumns } from './columns.ts';
import { projects } from './projects.schema.ts';

export const estimateTypes = ['categories', 'points', 'time'] as const;
export type EstimateType = (typeof estimateTypes)[number];

/** A project's sizing scale; a project has at most one live estimate (the unique index makes a race a 409). */
export const estimates = pgTable(
  'estimates',
  {
    ...projectColumns(() => projects.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    type: text('type', { enum: estimateTypes }).notNull().default('categories'),
    lastUsed: boolean('last_used').notNull().default(false),
    ...externalColumns(),
    ...auditColumns(),
  },
  (t) => [
    uniqueIndex('estimates_project_idx')
      .on(t.projectId)
      .where(sql`${t.deletedAt} is null`),
  ],
);

/** One value of an estimate's scale ("1", "2", "XL", "30"); work items point at it with `estimate_point_id`. */
export const estimatePoints = pgTable(
  'estimate_points',
  {
    ...projectColumns(() => projects.id),
    estimateId: parentId('estimate_id', () => estimates.id),
    key: integer('key').notNull().default(0),
    value: text('value').notNull(),
    description: text('description').notNull().default(''),
    ...externalColumns(),
    ...auditColumns(),
  },
  (t) => [index('estimate_points_estimate_idx').on(t.estimateId, t.key)],
);
