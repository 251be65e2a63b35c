import { z } from 'zod';
import type { AgentRow, TaskRow } from './agents.repository.ts';
import { agentStatuses, taskStatuses, type TaskStatus } from './agents.schema.ts';
import { pageQuery } from '../../platform/http/pagination.ts';
import type { AgentKindRegistry } from './registry.ts';

/** Request and response shapes of the agent routes (snake_case on the wire). */
const slug = z.string().min(2).max(48);
const name = z.string().trim().min(1).max(255);
const jsonObject = z.record(z.string(), z.unknown());
const agentType = z
  .string()
  .max(100)
  .regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and underscores');

export const slugParams = z.strictObject({ slug });
export const agentParams = z.strictObject({ slug, agent_id: z.uuid() });
export const taskParams = z.strictObject({ slug, task_id: z.uuid() });

export const agentListQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(agentStatuses).optional(),
  agent_type: agentType.optional(),
});

/** A comma-separated list of task statuses. */
const statusList = z
  .string()
  .max(200)
  .refine(
    (v) => v.split(',').every((s) => (taskStatuses as readonly string[]).includes(s)),
    `use statuses among ${taskStatuses.join(', ')}, separated by commas`,
  )
  .transform((v) => v.split(',') as TaskStatus[]);

export const taskListQuery = z.strictObject({ ...pageQuery, status: statusList.optional() });
export const workspaceTaskListQuery = taskListQuery.extend({ agent_id: z.uuid().optional() });

export const createAgentBody = z.strictObject({
  name,
  agent_type: agentType,
  configuration: jsonObject.optional(),
  max_concurrency: z.number().int().min(1).max(50).optional(),
});

export const updateAgentBody = z
  .strictObject({
    name: name.optional(),
    configuration: jsonObject.optional(),
    max_concurrency: z.number().int().min(1).max(50).optional(),
    status: z.enum(['idle', 'disabled']).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'send at least one field');

export const createTaskBody = z.strictObject({
  agent_id: z.uuid(),
  task_type: z.string().min(1).max(100),
  description: z.string().max(500).optional(),
  input: jsonObject.default({}),
  priority: z.number().int().min(1).max(10).optional(),
  requires_human_approval: z.boolean().optional(),
  max_attempts: z.number().int().min(1).max(100).optional(),
  timeout_seconds: z.number().int().min(1).max(21_600).optional(),
  retry_backoff_seconds: z.number().int().min(1).max(3600).optional(),
  idempotency_key: z.string().min(1).max(200).optional(),
});

// Approving and cancelling need no body at all.
export const approveBody = z
  .strictObject({ comment: z.string().trim().min(1).max(500).optional() })
  .nullish();
export const rejectBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export const cancelBody = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() }).nullish();

export const agentOut = z.object({
  id: z.uuid(),
  workspace_id: z.uuid(),
  name: z.string(),
  agent_type: z.string(),
  role: z.string().nullable(),
  status: z.enum(agentStatuses),
  capabilities: z.array(z.string()),
  configuration: jsonObject,
  max_concurrency: z.number().int(),
  current_task_id: z.uuid().nullable(),
  total_tasks_completed: z.number().int(),
  total_tasks_failed: z.number().int(),
  success_rate: z.number().nullable(),
  average_duration_seconds: z.number().nullable(),
  last_active_at: z.date().nullable(),
  created_by: z.uuid().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
});

export const taskOut = z.object({
  id: z.uuid(),
  workspace_id: z.uuid(),
  agent_id: z.uuid(),
  parent_task_id: z.uuid().nullable(),
  task_type: z.string(),
  description: z.string().nullable(),
  status: z.enum(taskStatuses),
  priority: z.number().int(),
  input_data: jsonObject,
  output_data: jsonObject.nullable(),
  error_message: z.string().nullable(),
  requires_human_approval: z.boolean(),
  approved_by: z.uuid().nullable(),
  approved_at: z.date().nullable(),
  reviews: z.array(
    z.object({
      decision: z.enum(['approved', 'rejected']),
      reason: z.string().nullable(),
      by: z.string().nullable(),
      at: z.string(),
    }),
  ),
  revision: z.number().int(),
  attempts: z.number().int(),
  retry_count: z.number().int(),
  max_attempts: z.number().int(),
  retry_backoff_seconds: z.number().int(),
  timeout_seconds: z.number().int(),
  next_run_at: z.date().nullable(),
  idempotency_key: z.string().nullable(),
  worker_id: z.string().nullable(),
  started_at: z.date().nullable(),
  completed_at: z.date().nullable(),
  duration_seconds: z.number().nullable(),
  created_by: z.uuid().nullable(),
  created_by_agent_id: z.uuid().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
});

export function toAgentOut(agent: AgentRow, kinds: AgentKindRegistry) {
  const finished = agent.totalTasksCompleted + agent.totalTasksFailed;
  return {
    id: agent.id,
    workspace_id: agent.workspaceId,
    name: agent.name,
    agent_type: agent.agentType,
    role: kinds.get(agent.agentType)?.role ?? null,
    status: agent.status,
    capabilities: agent.capabilities,
    configuration: agent.configuration,
    max_concurrency: agent.maxConcurrency,
    current_task_id: agent.currentTaskId,
    total_tasks_completed: agent.totalTasksCompleted,
    total_tasks_failed: agent.totalTasksFailed,
    success_rate: finished === 0 ? null : round((agent.totalTasksCompleted / finished) * 100),
    average_duration_seconds:
      agent.totalTasksCompleted === 0
        ? null
        : round(agent.totalDurationMs / agent.totalTasksCompleted / 1000),
    last_active_at: agent.lastActiveAt,
    created_by: agent.createdBy,
    created_at: agent.createdAt,
    updated_at: agent.updatedAt,
  };
}

export function toTaskOut(task: TaskRow) {
  return {
    id: task.id,
    workspace_id: task.workspaceId,
    agent_id: task.agentId,
    parent_task_id: task.parentTaskId,
    task_type: task.taskType,
    description: task.description,
    status: task.status,
    priority: task.priority,
    input_data: task.inputData,
    output_data: task.outputData,
    error_message: task.errorMessage,
    requires_human_approval: task.requiresHumanApproval,
    approved_by: task.approvedBy,
    approved_at: task.approvedAt,
    reviews: task.reviews,
    revision: task.revision,
    attempts: task.attempts,
    retry_count: Math.max(0, task.attempts - 1),
    max_attempts: task.maxAttempts,
    retry_backoff_seconds: task.retryBackoffSeconds,
    timeout_seconds: task.timeoutSeconds,
    next_run_at: task.nextRunAt,
    idempotency_key: task.idempotencyKey,
    worker_id: task.workerId,
    started_at: task.startedAt,
    completed_at: task.completedAt,
    duration_seconds: task.startedAt ? round(task.runMs / 1000) : null,
    created_by: task.createdBy,
    created_by_agent_id: task.createdByAgentId,
    created_at: task.createdAt,
    updated_at: task.updatedAt,
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
