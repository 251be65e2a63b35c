import type { DomainEvent } from '../../platform/events/dispatcher.ts';
import { envelope } from '../../platform/realtime/realtime-bridge.ts';
import type { RealtimeAction } from '../../platform/realtime/realtime-server.ts';

/** Outbox actions whose WebSocket event has another name: a dead-lettered task has failed for good. */
const renamed: Record<string, string> = { 'agent_task.dead_lettered': 'agent_task.failed' };

/**
 * Agent task and agent changes for live views: every `agent_task.<action>` outbox event (created, started,
 * completed, needs_approval, failed, approved, rejected, cancelled, retry_scheduled, …) goes out under the same
 * name on the `agent_tasks` channel, its data the task as the event recorded it (`data.task`) plus the step's
 * details; `agent.*` events go out on the `agents` channel.
 */
export function agentRealtimeActions(event: DomainEvent): RealtimeAction[] {
  if (!event.workspaceId) return [];
  const channel = event.type.startsWith('agent_task.')
    ? 'agent_tasks'
    : event.type.startsWith('agent.')
      ? 'agents'
      : undefined;
  if (!channel) return [];
  const name = renamed[event.type] ?? event.type;
  return [
    {
      kind: 'emit',
      workspaceId: event.workspaceId,
      channel,
      event: name,
      payload: envelope(event, name, event.payload),
    },
  ];
}
