import { z } from 'zod';
import type { MessageRow } from './messages.repository.ts';
import { messageTypes } from './messages.schema.ts';
import { pageQuery } from '../../platform/http/pagination.ts';

export const messageListQuery = z.strictObject({
  ...pageQuery,
  agent_id: z.uuid().optional(),
  correlation_id: z.uuid().optional(),
  message_type: z.enum(messageTypes).optional(),
});

export const messageOut = z.object({
  id: z.uuid(),
  workspace_id: z.uuid(),
  from_agent_id: z.uuid(),
  to_agent_id: z.uuid(),
  message_type: z.enum(messageTypes),
  correlation_id: z.uuid(),
  sender_task_id: z.uuid().nullable(),
  task_id: z.uuid().nullable(),
  payload: z.record(z.string(), z.unknown()),
  sent_at: z.date(),
});

export function toMessageOut(message: MessageRow) {
  return {
    id: message.id,
    workspace_id: message.workspaceId,
    from_agent_id: message.fromAgentId,
    to_agent_id: message.toAgentId,
    message_type: message.messageType,
    correlation_id: message.correlationId,
    sender_task_id: message.senderTaskId,
    task_id: message.taskId,
    payload: message.payload,
    sent_at: message.sentAt,
  };
}
