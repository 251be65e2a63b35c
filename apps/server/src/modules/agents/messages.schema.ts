import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from '../identity/identity.schema.ts';
import { agentTasks, agents } from './agents.schema.ts';

export const messageTypes = ['request', 'response', 'error', 'timeout'] as const;
export type MessageType = (typeof messageTypes)[number];

/**
 * Agent-to-agent messages (seed 004): a request and its answer share a correlation id. `task_id` is the task
 * the request created for the receiving agent; `sender_task_id` the task of the agent that asked.
 */
export const agentMessages = pgTable(
  'agent_messages',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    fromAgentId: uuid('from_agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    toAgentId: uuid('to_agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    messageType: text('message_type', { enum: messageTypes }).notNull(),
    correlationId: uuid('correlation_id').notNull(),
    senderTaskId: uuid('sender_task_id').references(() => agentTasks.id, { onDelete: 'set null' }),
    taskId: uuid('task_id').references(() => agentTasks.id, { onDelete: 'set null' }),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('agent_messages_workspace_sent_idx').on(t.workspaceId, t.sentAt),
    index('agent_messages_correlation_idx').on(t.correlationId),
  ],
);
