import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { auditColumns, externalColumns, parentId, projectColumns, timestampText } from './columns.ts';
import { users, workspaces } from '../identity/identity.schema.ts';

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey(),
    workspaceId: parentId('workspace_id', () => workspaces.id),
    name: text('name').notNull(),
    identifier: text('identifier').notNull(),
    description: text('description').notNull().default(''),
    network: smallint('network').notNull().default(2),
    defaultAssigneeId: uuid('default_assignee_id'),
    projectLeadId: uuid('project_lead_id'),
    emoji: text('emoji'),
    iconProp: jsonb('icon_prop'),
    logoProps: jsonb('logo_props').notNull().default({}),
    moduleView: boolean('module_view').notNull().default(false),
    cycleView: boolean('cycle_view').notNull().default(false),
    issueViewsView: boolean('issue_views_view').notNull().default(false),
    pageView: boolean('page_view').notNull().default(true),
    intakeView: boolean('intake_view').notNull().default(false),
    isTimeTrackingEnabled: boolean('is_time_tracking_enabled').notNull().default(false),
    isIssueTypeEnabled: boolean('is_issue_type_enabled').notNull().default(false),
    guestViewAllFeatures: boolean('guest_view_all_features').notNull().default(false),
    coverImage: text('cover_image'),
    estimateId: uuid('estimate_id'),
    defaultStateId: uuid('default_state_id'),
    archiveIn: smallint('archive_in').notNull().default(0),
    closeIn: smallint('close_in').notNull().default(0),
    archivedAt: timestampText('archived_at'),
    timezone: text('timezone').notNull().default('UTC'),
    ...externalColumns(),
    ...auditColumns(),
  },
  (t) => [
    uniqueIndex('projects_workspace_name_idx')
      .on(t.workspaceId, t.name)
      .where(sql`${t.deletedAt} is null`),
    uniqueIndex('projects_workspace_identifier_idx')
      .on(t.workspaceId, t.identifier)
      .where(sql`${t.deletedAt} is null`),
  ],
);

/** Project roles use Plane's integers: 20 admin, 15 member, 5 guest. Removal deactivates the row. */
export const projectMembers = pgTable(
  'project_members',
  {
    ...projectColumns(() => projects.id),
    memberId: parentId('member_id', () => users.id),
    role: smallint('role').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    sortOrder: doublePrecision('sort_order').notNull().default(65535),
    ...auditColumns(),
  },
  (t) => [
    uniqueIndex('project_members_project_member_idx')
      .on(t.projectId, t.memberId)
      .where(sql`${t.deletedAt} is null`),
    index('project_members_member_idx').on(t.memberId, t.workspaceId),
  ],
);
