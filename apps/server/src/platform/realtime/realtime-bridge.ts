import type { EventBus } from '../events/bus.ts';
import type { DomainEvent } from '../events/dispatcher.ts';
import type { RealtimeAction } from './realtime-server.ts';

/** Turns one outbox event into what open sockets should see or lose; modules write these. */
export type RealtimeMapper = (event: DomainEvent) => RealtimeAction[];

/** The bus consumer that feeds the realtime server; with the Redis adapter one process emits for all. */
export const REALTIME_CONSUMER = 'realtime';

/** What every realtime event carries: the outbox event's identity and order, and the mapped data. */
export interface RealtimeEnvelope<T = unknown> {
  /** The outbox event's id (unique; a client that sees it twice after a reconnect can drop the copy). */
  id: string;
  /** Outbox sequence number: events of one object arrive in increasing seq. */
  seq: number;
  event: string;
  workspace_id: string;
  object_type: string;
  object_id: string;
  actor: { type: string; id: string | null };
  occurred_at: string;
  data: T;
}

export function envelope<T>(event: DomainEvent, name: string, data: T): RealtimeEnvelope<T> {
  return {
    id: event.id,
    seq: event.seq,
    event: name,
    workspace_id: event.workspaceId!,
    object_type: event.aggregateType,
    object_id: event.aggregateId,
    actor: { type: event.actorType, id: event.actorId },
    occurred_at: event.occurredAt.toISOString(),
    data,
  };
}

/**
 * `event.created` on the `events` channel for every event of a workspace: what happened to which object, by
 * whom and when, without its payload (the object's own channel or the REST API, with their own checks, say more).
 */
export function eventCreated(event: DomainEvent): RealtimeAction[] {
  if (!event.workspaceId) return [];
  return [
    {
      kind: 'emit',
      workspaceId: event.workspaceId,
      channel: 'events',
      event: 'event.created',
      payload: envelope(event, 'event.created', { type: event.type }),
    },
  ];
}

/** Feeds every outbox event, in order, through the mappers to the realtime server. */
export function bridgeEventsToRealtime(
  bus: EventBus,
  apply: (action: RealtimeAction) => Promise<void>,
  mappers: readonly RealtimeMapper[],
): void {
  bus.subscribe(
    REALTIME_CONSUMER,
    '*',
    async (event) => {
      for (const mapper of mappers) {
        for (const action of mapper(event)) await apply(action);
      }
    },
    // Live views care about what happens from now on; after a restart the consumer resumes where it was.
    { from: 'latest' },
  );
}
