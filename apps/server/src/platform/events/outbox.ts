import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { ChangeContext } from './actor.ts';

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

/**
 * Records a state change inside the caller's transaction: one audit row and one outbox event, in one statement.
 * The event has no outbox position yet: the sequencer gives it one after it commits (sequencer.ts), so writers
 * never wait for each other. Call it after the change's own row writes: events of one object are then written
 * in the order their transactions lock that object, which is the order consumers get them in.
 */
export async function recordChange(tx: Db, context: ChangeContext, change: Change): Promise<void> {
  const before = change.before ?? null;
  const after = change.after ?? null;
  await tx.execute(sql`
    with audit as (
      insert into activity_log (id, workspace_id, actor_type, actor_id, on_behalf_of, action, object_type,
        object_id, before, after, request_id, ip, created_at)
      values (${randomUUID()}, ${change.workspaceId}::uuid, ${context.actor.type}, ${context.actor.id ?? null},
        ${context.actor.onBehalfOf ?? null}::uuid, ${change.action}, ${change.objectType}, ${change.objectId},
        ${json(before)}::jsonb, ${json(after)}::jsonb, ${context.requestId ?? null}, ${context.ip ?? null},
        ${timestamp(context)})
    )
    ${eventInsert(context, { ...change, payload: change.payload ?? { before, after } })}`);
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
  await tx.execute(eventInsert(context, event));
}

/** The outbox row, without a position until it has committed. */
function eventInsert(
  context: ChangeContext,
  event: Omit<Change, 'before' | 'after'> & { payload: Record<string, unknown> },
) {
  return sql`
    insert into domain_events (id, workspace_id, type, aggregate_type, aggregate_id, actor_type, actor_id,
      payload, occurred_at)
    values (${randomUUID()}, ${event.workspaceId}::uuid, ${event.action}, ${event.objectType}, ${event.objectId},
      ${context.actor.type}, ${context.actor.id ?? null}, ${json(event.payload)}::jsonb, ${timestamp(context)})`;
}

function json(value: Record<string, unknown> | null): string | null {
  return value === null ? null : JSON.stringify(value);
}

function timestamp(context: ChangeContext) {
  return sql`coalesce(${context.at?.toISOString() ?? null}::timestamptz, now())`;
}
