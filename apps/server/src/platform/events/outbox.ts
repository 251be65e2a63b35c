import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { ChangeContext } from './actor.ts';
import { activityLog, domainEvents } from './events.schema.ts';

export interface Change {
  workspaceId: string | null;
  /** Dotted verb, e.g. `workspace.member.role_changed`; also the domain event's type. */
  action: string;
  objectType: string;
  objectId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Extra event payload; defaults to before/after. */
  payload?: Record<string, unknown>;
}

/** Any key will do as long as every writer uses the same one. */
const OUTBOX_ORDER_LOCK = 727_002;

/**
 * Records a state change inside the caller's transaction: one audit row and one outbox event.
 * The transaction-scoped advisory lock makes outbox sequence numbers commit in order, so a consumer that
 * reads "everything after position N" can never skip a row that commits late.
 */
export async function recordChange(tx: Db, context: ChangeContext, change: Change): Promise<void> {
  const before = change.before ?? null;
  const after = change.after ?? null;
  await tx.execute(sql`select pg_advisory_xact_lock(${OUTBOX_ORDER_LOCK})`);
  await tx.insert(activityLog).values({
    id: randomUUID(),
    workspaceId: change.workspaceId,
    actorType: context.actor.type,
    actorId: context.actor.id,
    onBehalfOf: context.actor.onBehalfOf ?? null,
    action: change.action,
    objectType: change.objectType,
    objectId: change.objectId,
    before,
    after,
    requestId: context.requestId ?? null,
    ip: context.ip ?? null,
    ...(context.at ? { createdAt: context.at } : {}),
  });
  await insertEvent(tx, context, { ...change, payload: change.payload ?? { before, after } });
}

/**
 * Puts an event on the outbox without an audit row, for what follows from a change already audited (a
 * notification the change caused, a person's own read marks): consumers see it, the audit trail stays the
 * record of what people and agents did.
 */
export async function publishEvent(
  tx: Db,
  context: ChangeContext,
  event: Omit<Change, 'before' | 'after'> & { payload: Record<string, unknown> },
): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${OUTBOX_ORDER_LOCK})`);
  await insertEvent(tx, context, event);
}

async function insertEvent(
  tx: Db,
  context: ChangeContext,
  event: Omit<Change, 'before' | 'after'> & { payload: Record<string, unknown> },
): Promise<void> {
  await tx.insert(domainEvents).values({
    id: randomUUID(),
    workspaceId: event.workspaceId,
    type: event.action,
    aggregateType: event.objectType,
    aggregateId: event.objectId,
    actorType: context.actor.type,
    actorId: context.actor.id,
    payload: event.payload,
    ...(context.at ? { occurredAt: context.at } : {}),
  });
}
