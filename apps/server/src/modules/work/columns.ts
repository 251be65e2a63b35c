import { text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * Timestamps are read as PostgreSQL's own text so that microseconds survive (Plane's clients see them);
 * JavaScript dates would cut them to milliseconds.
 */
export const timestampText = (name: string) =>
  timestamp(name, { withTimezone: true, mode: 'string', precision: 6 });

/** Plane's audit fields on every object; deletes are soft. Actor ids carry no foreign key: the trail outlives people. */
export const auditColumns = () => ({
  createdAt: timestampText('created_at').notNull().defaultNow(),
  updatedAt: timestampText('updated_at').notNull().defaultNow(),
  deletedAt: timestampText('deleted_at'),
  createdBy: uuid('created_by'),
  updatedBy: uuid('updated_by'),
});

export const externalColumns = () => ({
  externalSource: text('external_source'),
  externalId: text('external_id'),
});

/** A required link to the row this one belongs to (a project, work item, cycle …); it goes when its parent goes. */
export const parentId = (name: string, parent: () => AnyPgColumn) =>
  uuid(name).notNull().references(parent, { onDelete: 'cascade' });

/** The key and owners of a project-scoped row; `project` is the projects table's id (passed in to avoid a cycle). */
export const projectColumns = (project: () => AnyPgColumn) => ({
  id: uuid('id').primaryKey(),
  workspaceId: uuid('workspace_id').notNull(),
  projectId: parentId('project_id', project),
});
