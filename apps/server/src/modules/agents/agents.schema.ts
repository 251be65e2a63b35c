import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users, workspaces } from '../identity/identity.schema.ts';

export const agentStatuses = ['idle', 'working', 'error', 'disabled'] as const;
export type AgentStatus = (typeof agentStatuses)[number];

export const taskStatuses = [
  'pending',
  'in_progress',
  'needs_approval',
  'approved',
  'completed',
  'failed',
  'rejected',
  'cancelled',
  'dead_letter',
] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export interface TaskReview {
  decision: 'approved' | 'rejected';
  reason: string | null;
  by: string | null;
  at: string;
}

// Columns every table of the module has (workflows.schema.ts uses them too).
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
export const workspaceId = () =>
  uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

/** Seed 001's agents, per workspace. Stats are running totals, updated in the transaction that ends a task. */
export const agents = pgTable(
  'agents',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    agentType: text('agent_type').notNull(),
    status: text('status', { enum: agentStatuses }).notNull().default('idle'),
    capabilities: jsonb('capabilities').$type<string[]>().notNull().default([]),
    configuration: jsonb('configuration').$type<Record<string, unknown>>().notNull().default({}),
    maxConcurrency: integer('max_concurrency').notNull().default(1),
    currentTaskId: uuid('current_task_id'),
    /** Its tasks in progress, kept with every move into or out of in_progress: the concurrency limit reads it. */
    runningTasks: integer('running_tasks').notNull().default(0),
    totalTasksCompleted: integer('total_tasks_completed').notNull().default(0),
    totalTasksFailed: integer('total_tasks_failed').notNull().default(0),
    totalDurationMs: bigint('total_duration_ms', { mode: 'number' }).notNull().default(0),
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('agents_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('agents_workspace_type_idx').on(t.workspaceId, t.agentType),
    check('agents_max_concurrency_check', sql`${t.maxConcurrency} between 1 and 50`),
  ],
);

/**
 * Seed 001's agent tasks, plus what the durable runtime needs: the queue job that will run it (`job_id`, set
 * in the same transaction as the status that needs one), attempts and their limit, backoff, timeout and the
 * time of the next run.
 */
export const agentTasks = pgTable(
  'agent_tasks',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceId(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    parentTaskId: uuid('parent_task_id').references((): AnyPgColumn => agentTasks.id, {
      onDelete: 'set null',
    }),
    taskType: text('task_type').notNull(),
    description: text('description'),
    status: text('status', { enum: taskStatuses }).notNull().default('pending'),
    priority: integer('priority').notNull().default(5),
    inputData: jsonb('input_data').$type<Record<string, unknown>>().notNull().default({}),
    outputData: jsonb('output_data').$type<Record<string, unknown>>(),
    errorMessage: text('error_message'),
    requiresHumanApproval: boolean('requires_human_approval').notNull().default(false),
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    reviews: jsonb('reviews').$type<TaskReview[]>().notNull().default([]),
    revision: integer('revision').notNull().default(0),
    idempotencyKey: text('idempotency_key'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    retryBackoffSeconds: integer('retry_backoff_seconds').notNull().default(10),
    timeoutSeconds: integer('timeout_seconds').notNull().default(300),
    nextRunAt: timestamp('next_run_at', { withTimezone: true }),
    jobId: uuid('job_id'),
    workerId: text('worker_id'),
    runMs: bigint('run_ms', { mode: 'number' }).notNull().default(0),
    startedAt: timestamp('started_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdByAgentId: uuid('created_by_agent_id').references((): AnyPgColumn => agents.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('agent_tasks_workspace_idempotency_idx')
      .on(t.workspaceId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index('agent_tasks_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('agent_tasks_agent_status_priority_idx').on(t.agentId, t.status, t.priority, t.createdAt),
    index('agent_tasks_parent_idx').on(t.parentTaskId),
    check('agent_tasks_priority_check', sql`${t.priority} between 1 and 10`),
    check('agent_tasks_attempts_check', sql`${t.maxAttempts} between 1 and 100`),
  ],
);

/** Who worked with whom on what (seed 001): a direct assignment records a handoff from one agent to another. */
export const agentCollaborations = pgTable(
  'agent_collaborations',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceId(),
    primaryAgentId: uuid('primary_agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    collaboratingAgentId: uuid('collaborating_agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id').references(() => agentTasks.id, { onDelete: 'cascade' }),
    collaborationType: text('collaboration_type', { enum: ['handoff', 'parallel', 'review'] }).notNull(),
    status: text('status', { enum: ['active', 'completed'] })
      .notNull()
      .default('active'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('agent_collaborations_primary_idx').on(t.primaryAgentId),
    index('agent_collaborations_collaborating_idx').on(t.collaboratingAgentId),
    index('agent_collaborations_task_idx').on(t.taskId),
  ],
);

/**
 * Side effects a task has performed, by idempotency key. The row is written in the same transaction as a
 * database effect, so a task that runs again after a crash finds it and does not repeat the effect.
 */
export const agentEffects = pgTable(
  'agent_effects',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceId(),
    taskId: uuid('task_id').references(() => agentTasks.id, { onDelete: 'set null' }),
    key: text('key').notNull(),
    result: jsonb('result').$type<unknown>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('agent_effects_workspace_key_idx').on(t.workspaceId, t.key)],
);
