import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users, workspaces } from '../identity/identity.schema.ts';

export const deploymentStates = ['queued', 'building', 'ready', 'error', 'canceled'] as const;
export type DeploymentState = (typeof deploymentStates)[number];

/**
 * Seed 001's deployments, per workspace: what a provider (Vercel, GitHub, a CI script) shipped, with the size of
 * the change and who made it, so the risk model can learn from the history. `provider` + `external_id` name the
 * deployment at its source; recording it twice updates the one row.
 */
export const deployments = pgTable(
  'deployments',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    externalId: text('external_id').notNull(),
    projectName: text('project_name').notNull(),
    url: text('url'),
    state: text('state', { enum: deploymentStates }).notNull(),
    environment: text('environment').notNull(),
    commitSha: text('commit_sha'),
    branch: text('branch'),
    /** The provider's login of whoever pushed it; `creator_id` when that person is one of our users. */
    author: text('author'),
    creatorId: uuid('creator_id').references(() => users.id, { onDelete: 'set null' }),
    filesChanged: integer('files_changed'),
    additions: integer('additions'),
    deletions: integer('deletions'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('deployments_source_uq').on(t.workspaceId, t.provider, t.externalId),
    index('deployments_workspace_created_idx').on(t.workspaceId, t.createdAt),
    check('deployments_state_ck', sql`${t.state} in ('queued', 'building', 'ready', 'error', 'canceled')`),
  ],
);
