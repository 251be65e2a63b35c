import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.schema.ts';
import { agentTasks, createdAt, updatedAt, workspaceId, type TaskReview } from './agents.schema.ts';

export const executionStatuses = [
  'pending',
  'running',
  'waiting',
  'completed',
  'failed',
  'cancelled',
] as const;
export type ExecutionStatus = (typeof executionStatuses)[number];

export const stepStatuses = ['pending', 'running', 'waiting', 'completed', 'failed', 'cancelled'] as const;
export type StepStatus = (typeof stepStatuses)[number];

export const stepTypes = ['agent', 'action', 'approval', 'event', 'sleep', 'parallel'] as const;
export type StepType = (typeof stepTypes)[number];

/** A person's answer to an approval step: the same record as a task's review. */
export type StepDecision = TaskReview;

/** Seed 004's workflows: a named definition (its steps, as validated JSON) per workspace. */
export const workflows = pgTable(
  'workflows',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    description: text('description'),
    steps: jsonb('steps').$type<unknown[]>().notNull(),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('workflows_workspace_created_idx').on(t.workspaceId, t.createdAt)],
);

/**
 * Seed 004's workflow executions. Each keeps the definition it was started with, so editing or deleting the
 * workflow never changes a running execution.
 */
export const workflowExecutions = pgTable(
  'workflow_executions',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceId(),
    workflowId: uuid('workflow_id').references(() => workflows.id, { onDelete: 'set null' }),
    workflowName: text('workflow_name').notNull(),
    workflowVersion: integer('workflow_version').notNull(),
    steps: jsonb('steps').$type<unknown[]>().notNull(),
    status: text('status', { enum: executionStatuses }).notNull().default('pending'),
    input: jsonb('input').$type<Record<string, unknown>>().notNull().default({}),
    error: text('error'),
    triggeredBy: uuid('triggered_by').references(() => users.id, { onDelete: 'set null' }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('workflow_executions_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('workflow_executions_workflow_idx').on(t.workflowId),
  ],
);

/**
 * One row per step of an execution: its checkpoint. A step's status only changes under its execution's row
 * lock, so whatever committed here is where the execution resumes after a crash.
 */
export const workflowSteps = pgTable(
  'workflow_steps',
  {
    id: uuid('id').primaryKey(),
    executionId: uuid('execution_id')
      .notNull()
      .references(() => workflowExecutions.id, { onDelete: 'cascade' }),
    workspaceId: workspaceId(),
    key: text('key').notNull(),
    /** The parallel group this step belongs to; null for top-level steps. */
    parentKey: text('parent_key'),
    position: integer('position').notNull(),
    stepType: text('step_type', { enum: stepTypes }).notNull(),
    blocking: boolean('blocking').notNull().default(true),
    status: text('status', { enum: stepStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(1),
    /** The agent task of an agent step. */
    taskId: uuid('task_id').references(() => agentTasks.id, { onDelete: 'set null' }),
    /** When a sleep ends, a retry is due, or an event wait times out. */
    wakeAt: timestamp('wake_at', { withTimezone: true }),
    eventType: text('event_type'),
    eventMatch: jsonb('event_match').$type<Record<string, unknown>>(),
    /** An event wait takes only events after this outbox position (the one of its own start). */
    sinceSeq: bigint('since_seq', { mode: 'number' }),
    output: jsonb('output').$type<Record<string, unknown>>(),
    error: text('error'),
    decision: jsonb('decision').$type<StepDecision>(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('workflow_steps_execution_key_idx').on(t.executionId, t.key),
    index('workflow_steps_task_idx').on(t.taskId),
    index('workflow_steps_event_wait_idx')
      .on(t.workspaceId, t.eventType)
      .where(sql`${t.status} = 'waiting' and ${t.eventType} is not null`),
  ],
);
