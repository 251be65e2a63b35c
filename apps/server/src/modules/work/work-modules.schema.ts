import { sql } from 'drizzle-orm';
import {
  date,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.schema.ts';
import { auditColumns, externalColumns, parentId, projectColumns, timestampText } from './columns.ts';
import { projects } from './projects.schema.ts';
import { workItems } from './work-items.schema.ts';

export const moduleStatuses = [
  'backlog',
  'planned',
  'in-progress',
  'paused',
  'completed',
  'cancelled',
] as const;
export type ModuleStatus = (typeof moduleStatuses)[number];

/** Plane's modules (the agency's workstreams): a named group of work items with a status, a lead and members. */
export const workModules = pgTable(
  'modules',
  {
    ...projectColumns(() => projects.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    descriptionText: jsonb('description_text'),
    descriptionHtml: jsonb('description_html'),
    startDate: date('start_date'),
    targetDate: date('target_date'),
    status: text('status', { enum: moduleStatuses }).notNull().default('planned'),
    leadId: uuid('lead_id'),
    viewProps: jsonb('view_props').notNull().default({}),
    logoProps: jsonb('logo_props').notNull().default({}),
    sortOrder: doublePrecision('sort_order').notNull(),
    archivedAt: timestampText('archived_at'),
    ...externalColumns(),
    ...auditColumns(),
  },
  (t) => [
    uniqueIndex('modules_project_name_idx')
      .on(t.projectId, t.name)
      .where(sql`${t.deletedAt} is null`),
    index('modules_project_created_idx').on(t.projectId, t.createdAt),
  ],
);

export const workModuleMembers = pgTable(
  'module_members',
  {
    moduleId: parentId('module_id', () => workModules.id),
    memberId: parentId('member_id', () => users.id),
    workspaceId: uuid('workspace_id').notNull(),
    projectId: uuid('project_id').notNull(),
    createdAt: timestampText('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [primaryKey({ columns: [t.moduleId, t.memberId] })],
);

/** A work item's membership of a module; an item may be in several modules. Removal is a soft delete. */
export const workModuleItems = pgTable(
  'module_work_items',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    projectId: uuid('project_id').notNull(),
    moduleId: parentId('module_id', () => workModules.id),
    workItemId: parentId('work_item_id', () => workItems.id),
    ...auditColumns(),
  },
  (t) => [
    uniqueIndex('module_work_items_module_item_idx')
      .on(t.moduleId, t.workItemId)
      .where(sql`${t.deletedAt} is null`),
    index('module_work_items_item_idx').on(t.workItemId),
  ],
);
