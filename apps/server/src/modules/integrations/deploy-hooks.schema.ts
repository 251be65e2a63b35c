import { pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { registerEncryptedColumns } from '../../platform/crypto/encrypted-columns.ts';
import { users, workspaces } from '../identity/identity.schema.ts';

/**
 * A workspace's deploy hooks (Vercel, Netlify and the like): a secret URL that starts a deployment when POSTed
 * to. The URL is a credential (anyone holding it can deploy), so it is stored sealed and never shown again.
 */
export const deployHooks = pgTable(
  'deploy_hooks',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** What the deployments it starts are recorded as (`provider` of the deployment store). */
    provider: text('provider').notNull(),
    projectName: text('project_name').notNull(),
    /** The hook URL, sealed with the secret box (`enc:v1:…`). */
    url: text('url').notNull(),
    /** Where the URL points, for people to recognise it: the scheme and host only. */
    urlHost: text('url_host').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('deploy_hooks_workspace_name_uq').on(t.workspaceId, t.name)],
);

// Beside the table, so `rotate-secret-key` re-seals the URLs without loading the module.
registerEncryptedColumns({ table: 'deploy_hooks', idColumn: 'id', columns: ['url'] });
