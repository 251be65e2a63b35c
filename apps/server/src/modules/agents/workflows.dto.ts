import { z } from 'zod';
import { flatten, type StepDefinition } from './workflow-steps.ts';
import type { ExecutionRow, StepRow, WorkflowRow } from './workflows.repository.ts';
import { executionStatuses, stepStatuses, stepTypes, type ExecutionStatus } from './workflows.schema.ts';
import { pageQuery } from '../../platform/http/pagination.ts';

/** Request and response shapes of the workflow routes (snake_case on the wire). */
const slug = z.string().min(2).max(48);
const name = z.string().trim().min(1).max(255);
const jsonObject = z.record(z.string(), z.unknown());
const stepKey = z
  .string()
  .max(63)
  .regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and underscores');

export const slugParams = z.strictObject({ slug });
export const workflowParams = z.strictObject({ slug, workflow_id: z.uuid() });
export const executionParams = z.strictObject({ slug, execution_id: z.uuid() });
export const stepParams = z.strictObject({ slug, execution_id: z.uuid(), step_key: stepKey });

export const workflowListQuery = z.strictObject({ ...pageQuery });

/** A comma-separated list of execution statuses. */
const statusList = z
  .string()
  .max(200)
  .refine(
    (v) => v.split(',').every((s) => (executionStatuses as readonly string[]).includes(s)),
    `use statuses among ${executionStatuses.join(', ')}, separated by commas`,
  )
  .transform((v) => v.split(',') as ExecutionStatus[]);

export const executionListQuery = z.strictObject({
  ...pageQuery,
  workflow_id: z.uuid().optional(),
  status: statusList.optional(),
});

/**
 * The steps are checked in full by the service (their shape depends on `type`), which names the body field
 * `steps` and, in the message, the path inside it.
 */
const steps = z
  .array(z.unknown())
  .min(1)
  .max(50)
  .describe(
    'Steps run in order. Each is {key, name?, blocking?, type, …}: agent {agent_id, task_type, input?, priority?, ' +
      'timeout_seconds?, retry?}, action {action, input?, retry?}, approval {message?}, event {event_type, match?, ' +
      'timeout_seconds?}, sleep {seconds}, parallel {steps}. retry is {max_attempts, backoff_seconds?}.',
  );

export const createWorkflowBody = z.strictObject({
  name,
  description: z.string().max(500).optional(),
  steps,
});

/** The deployment pipeline template's choices (workflow-templates.ts); the rest has defaults. */
export const deploymentPipelineBody = z.strictObject({
  name: name.optional(),
  deploy_hook_id: z.uuid(),
  /** The workspace's first deployment coordinator when absent. */
  coordinator_agent_id: z.uuid().optional(),
  /** Whose members hear how each deployment ended; nobody's (the events only) when absent. */
  project_id: z.uuid().optional(),
  monitor_timeout_seconds: z.number().int().min(1).max(86_400).optional(),
  deploy_attempts: z.number().int().min(1).max(10).optional(),
  deploy_backoff_seconds: z.number().int().min(1).max(3600).optional(),
});

export const updateWorkflowBody = z
  .strictObject({
    name: name.optional(),
    /** An empty string clears it. */
    description: z.string().max(500).optional(),
    steps: steps.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'send at least one field');

export const runBody = z.strictObject({ input: jsonObject.optional() }).nullish();
export const approveBody = z
  .strictObject({ comment: z.string().trim().min(1).max(500).optional() })
  .nullish();
export const rejectBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export const cancelBody = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() }).nullish();

export const workflowOut = z.object({
  id: z.uuid(),
  workspace_id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  steps: z.array(jsonObject),
  version: z.number().int(),
  created_by: z.uuid().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
});

export const stepOut = z.object({
  key: z.string(),
  name: z.string().nullable(),
  type: z.enum(stepTypes),
  parent_key: z.string().nullable(),
  blocking: z.boolean(),
  status: z.enum(stepStatuses),
  attempts: z.number().int(),
  max_attempts: z.number().int(),
  task_id: z.uuid().nullable(),
  wake_at: z.date().nullable(),
  event_type: z.string().nullable(),
  event_match: jsonObject.nullable(),
  output: jsonObject.nullable(),
  error: z.string().nullable(),
  decision: z
    .object({
      decision: z.enum(['approved', 'rejected']),
      reason: z.string().nullable(),
      by: z.string().nullable(),
      at: z.string(),
    })
    .nullable(),
  started_at: z.date().nullable(),
  finished_at: z.date().nullable(),
});

export const executionOut = z.object({
  id: z.uuid(),
  workspace_id: z.uuid(),
  workflow_id: z.uuid().nullable(),
  workflow_name: z.string(),
  workflow_version: z.number().int(),
  status: z.enum(executionStatuses),
  input: jsonObject,
  error: z.string().nullable(),
  triggered_by: z.uuid().nullable(),
  started_at: z.date().nullable(),
  completed_at: z.date().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
  steps: z.array(stepOut),
});

export function toWorkflowOut(workflow: WorkflowRow) {
  return {
    id: workflow.id,
    workspace_id: workflow.workspaceId,
    name: workflow.name,
    description: workflow.description,
    steps: workflow.steps as Array<Record<string, unknown>>,
    version: workflow.version,
    created_by: workflow.createdBy,
    created_at: workflow.createdAt,
    updated_at: workflow.updatedAt,
  };
}

export function toExecutionOut(execution: ExecutionRow, steps: StepRow[]) {
  const names = new Map(
    flatten(execution.steps as StepDefinition[]).map(({ step }) => [step.key, step.name ?? null]),
  );
  return {
    id: execution.id,
    workspace_id: execution.workspaceId,
    workflow_id: execution.workflowId,
    workflow_name: execution.workflowName,
    workflow_version: execution.workflowVersion,
    status: execution.status,
    input: execution.input,
    error: execution.error,
    triggered_by: execution.triggeredBy,
    started_at: execution.startedAt,
    completed_at: execution.completedAt,
    created_at: execution.createdAt,
    updated_at: execution.updatedAt,
    steps: steps.map((step) => ({
      key: step.key,
      name: names.get(step.key) ?? null,
      type: step.stepType,
      parent_key: step.parentKey,
      blocking: step.blocking,
      status: step.status,
      attempts: step.attempts,
      max_attempts: step.maxAttempts,
      task_id: step.taskId,
      wake_at: step.wakeAt,
      event_type: step.eventType,
      event_match: step.eventMatch,
      output: step.output,
      error: step.error,
      decision: step.decision,
      started_at: step.startedAt,
      finished_at: step.finishedAt,
    })),
  };
}
