import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Transactional outbox: one row per state change, written in the same transaction as the change. */
export const domainEvents = pgTable(
  'domain_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    id: uuid('id').notNull().unique(),
    workspaceId: uuid('workspace_id'),
    type: text('type').notNull(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('domain_events_workspace_seq_idx').on(t.workspaceId, t.seq)],
);

/** Audit trail: who (user, API key, agent, webhook, system) did what to which object, with before/after. */
export const activityLog = pgTable(
  'activity_log',
  {
    id: uuid('id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull().unique().generatedAlwaysAsIdentity(),
    // No foreign key: the trail of a deleted workspace outlives it.
    workspaceId: uuid('workspace_id'),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    onBehalfOf: uuid('on_behalf_of'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown> | null>(),
    requestId: text('request_id'),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('activity_log_workspace_seq_idx').on(t.workspaceId, t.seq),
    index('activity_log_object_idx').on(t.objectType, t.objectId),
  ],
);

/** Each consumer's position in the outbox, so nothing is missed or re-sent across restarts. */
export const eventConsumers = pgTable('event_consumers', {
  name: text('name').primaryKey(),
  position: bigint('position', { mode: 'number' }).notNull().default(0),
  // A lease rather than a row lock: handlers may use the database themselves, and PGlite has one connection.
  leaseOwner: text('lease_owner'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
