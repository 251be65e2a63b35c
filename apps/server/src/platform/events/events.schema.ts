import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Where outbox positions (`domain_events.seq`) come from; drawn only by the sequencer (sequencer.ts). */
export const outboxPositions = pgSequence('domain_events_position_seq');

/**
 * Transactional outbox: one row per state change, written in the same transaction as the change. A row is
 * written without a position; once it has committed, the sequencer gives it the next one (`seq`), so positions
 * follow commit order and consumers read "everything after position N" (decision 0028).
 */
export const domainEvents = pgTable(
  'domain_events',
  {
    /** Insert order: orders the events of one transaction, and of one object, among those sequenced together. */
    insertSeq: bigint('insert_seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The outbox position, in commit order; null until the sequencer has seen the row committed. */
    seq: bigint('seq', { mode: 'number' }),
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
  (t) => [
    uniqueIndex('domain_events_seq_idx').on(t.seq),
    index('domain_events_workspace_seq_idx').on(t.workspaceId, t.seq),
    index('domain_events_unsequenced_idx')
      .on(t.insertSeq)
      .where(sql`${t.seq} is null`),
  ],
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
