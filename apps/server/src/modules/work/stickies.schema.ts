import { doublePrecision, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { users, workspaces } from '../identity/identity.schema.ts';
import { auditColumns, parentId } from './columns.ts';

/** Plane's stickies: a workspace member's own notes; nobody else sees them. */
export const stickies = pgTable(
  'stickies',
  {
    id: uuid('id').primaryKey(),
    workspaceId: parentId('workspace_id', () => workspaces.id),
    ownerId: parentId('owner_id', () => users.id),
    name: text('name'),
    description: jsonb('description').notNull().default({}),
    descriptionHtml: text('description_html').notNull().default('<p></p>'),
    descriptionStripped: text('description_stripped'),
    descriptionBinary: text('description_binary'),
    logoProps: jsonb('logo_props').notNull().default({}),
    color: text('color'),
    backgroundColor: text('background_color'),
    sortOrder: doublePrecision('sort_order').notNull(),
    ...auditColumns(),
  },
  (t) => [index('stickies_owner_created_idx').on(t.workspaceId, t.ownerId, t.createdAt)],
);
