import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { assertTransition as assertAgentTransition, statusAfterTask } from './agent-lifecycle.ts';
import { AgentErrors } from './agents.errors.ts';
import type { AgentRow, AgentsRepository, TaskPatch, TaskRow } from './agents.repository.ts';
import type { AgentStatus, TaskStatus } from './agents.schema.ts';
import type { AgentKind, AgentKindRegistry } from './registry.ts';
import { assertTransition, isFinal } from './task-lifecycle.ts';

export const TASK_QUEUE = 'agent-tasks';
export const DEAD_TASK_QUEUE = 'agent-tasks-dead';

/** What a queue job carries: which task to run, and its own id so a dead-lettered copy can be matched. */
export interface TaskJobData {
  taskId: string;
  workspaceId: string;
  jobId: string;
}

/** A queue job may outlive its task's own timeout by this much before the queue takes it back. */
const EXPIRY_GRACE_SECONDS = 60;

export interface NewTaskInput {
  taskType: string;
  input: Record<string, unknown>;
  description?: string | null;
  priority?: number;
  requiresApproval?: boolean;
  maxAttempts?: number;
  timeoutSeconds?: number;
  retryBackoffSeconds?: number;
  idempotencyKey?: string | null;
  parentTaskId?: string | null;
  createdBy?: string | null;
  createdByAgentId?: string | null;
}

/**
 * The task and agent state changes shared by the API and the runtime. Each runs inside the caller's
 * transaction and records its change (audit row and domain event) there. Callers lock task rows before
 * agent rows, and take every row lock before the first recorded change.
 */
export class TaskFlow {
  private readonly jobs: JobQueue;
  readonly kinds: AgentKindRegistry;

  constructor(jobs: JobQueue, kinds: AgentKindRegistry) {
    this.jobs = jobs;
    this.kinds = kinds;
  }

  kindOf(agent: AgentRow): AgentKind {
    const kind = this.kinds.get(agent.agentType);
    if (!kind) {
      throw new AppError(AgentErrors.AGENT_TYPE_UNKNOWN, {
        message: `No agent kind "${agent.agentType}" is installed on this server.`,
      });
    }
    return kind;
  }

  /** Checks the input against the agent kind; throws a 400 naming the field at fault. */
  validateInput(agent: AgentRow, taskType: string, input: unknown): Record<string, unknown> {
    const kind = this.kindOf(agent);
    const schema = kind.taskTypes[taskType];
    if (!schema) {
      throw new AppError(AgentErrors.AGENT_TASK_TYPE_UNSUPPORTED, {
        field: 'task_type',
        message: `Agents of type ${kind.type} take ${Object.keys(kind.taskTypes).join(', ')}, not ${taskType}.`,
      });
    }
    return parseOrThrow(schema, input, 'input');
  }

  /**
   * Creates a task and, unless its agent is disabled, the job that will run it. `beside` writes rows that go
   * with the task before the change is recorded (row writes come before their events, which keeps events of one
   * object in order: decision 0028).
   */
  async create(
    tx: Db,
    repo: AgentsRepository,
    ctx: ChangeContext,
    agent: AgentRow,
    request: NewTaskInput,
    beside?: (task: TaskRow) => Promise<void>,
  ): Promise<TaskRow | undefined> {
    const kind = this.kindOf(agent);
    const input = this.validateInput(agent, request.taskType, request.input);
    const now = new Date();
    // The job's id goes in with the row, so an enabled agent's task needs no second write to name it.
    const jobId = agent.status === 'disabled' ? null : randomUUID();
    const task = await repo.insertTask({
      id: randomUUID(),
      workspaceId: agent.workspaceId,
      agentId: agent.id,
      parentTaskId: request.parentTaskId ?? null,
      taskType: request.taskType,
      description: request.description ?? null,
      priority: request.priority ?? 5,
      inputData: input,
      requiresHumanApproval: request.requiresApproval ?? kind.defaults?.requiresApproval ?? false,
      idempotencyKey: request.idempotencyKey ?? null,
      maxAttempts: request.maxAttempts ?? kind.defaults?.maxAttempts ?? 3,
      timeoutSeconds: request.timeoutSeconds ?? kind.defaults?.timeoutSeconds ?? 300,
      retryBackoffSeconds: request.retryBackoffSeconds ?? 10,
      nextRunAt: now,
      createdBy: request.createdBy ?? null,
      createdByAgentId: request.createdByAgentId ?? null,
      jobId,
    });
    if (!task) return undefined;
    if (jobId) await this.sendJob(tx, task, agent, jobId, now);
    await beside?.(task);
    await recordChange(tx, ctx, {
      workspaceId: agent.workspaceId,
      action: 'agent_task.created',
      objectType: 'agent_task',
      objectId: task.id,
      after: { status: task.status, agent_id: agent.id, task_type: task.taskType, priority: task.priority },
      payload: { task: taskSummary(task) },
    });
    return task;
  }

  /**
   * Gives the task a new queue job, run at `runAt`, in the caller's transaction. `dueAt` (the task's
   * `next_run_at`, what priority order compares) is `runAt` unless the task has been due since before.
   */
  async enqueue(
    tx: Db,
    repo: AgentsRepository,
    task: TaskRow,
    agent: AgentRow,
    runAt: Date,
    dueAt: Date = runAt,
  ): Promise<TaskRow> {
    const jobId = randomUUID();
    await this.sendJob(tx, task, agent, jobId, runAt);
    return repo.updateTask(task.id, { jobId, nextRunAt: dueAt });
  }

  private async sendJob(tx: Db, task: TaskRow, agent: AgentRow, jobId: string, runAt: Date): Promise<void> {
    await this.jobs.send<TaskJobData>(
      TASK_QUEUE,
      { taskId: task.id, workspaceId: task.workspaceId, jobId },
      {
        tx,
        id: jobId,
        priority: task.priority,
        // A job due now gets no start time: pg-boss sends its wake-up NOTIFY only for jobs due by the time the
        // transaction began, so a JavaScript "now" would leave the job to the next poll (up to a second later).
        ...(runAt.getTime() > Date.now() ? { startAfter: runAt } : {}),
        expireInSeconds: task.timeoutSeconds + EXPIRY_GRACE_SECONDS,
        group: { id: agent.id, limit: agent.maxConcurrency },
      },
    );
  }

  /** Cancels the task's queue job, if it has one, in the caller's transaction. */
  async dropJob(tx: Db, task: TaskRow): Promise<void> {
    if (task.jobId) await this.jobs.cancel(TASK_QUEUE, task.jobId, { tx });
  }

  /** Moves a task along its lifecycle and records the change as `agent_task.<action>`. */
  async move(
    tx: Db,
    repo: AgentsRepository,
    ctx: ChangeContext,
    task: TaskRow,
    to: TaskStatus,
    patch: TaskPatch,
    event: { action: string; details?: Record<string, unknown> },
  ): Promise<TaskRow> {
    assertTransition(task.status, to, event.action);
    const final = isFinal(to);
    const updated = await repo.updateTask(task.id, {
      ...patch,
      status: to,
      ...(final ? { completedAt: new Date(), jobId: null, nextRunAt: null } : {}),
    });
    const running = (to === 'in_progress' ? 1 : 0) - (task.status === 'in_progress' ? 1 : 0);
    if (running !== 0) await repo.addRunning(task.agentId, running as 1 | -1);
    // Only a task another agent assigned (effects.assign) has collaborations.
    if (final && task.createdByAgentId) await repo.completeCollaborations(task.id);
    await this.note(tx, ctx, updated, event.action, event.details, task.status);
    return updated;
  }

  /** Records `agent_task.<action>` for the task as it now is (a status change when `from` differs). */
  async note(
    tx: Db,
    ctx: ChangeContext,
    task: TaskRow,
    action: string,
    details: Record<string, unknown> = {},
    from: TaskStatus = task.status,
  ): Promise<void> {
    await recordChange(tx, ctx, {
      workspaceId: task.workspaceId,
      action: `agent_task.${action}`,
      objectType: 'agent_task',
      objectId: task.id,
      before: { status: from },
      after: { status: task.status, ...details },
      payload: { task: taskSummary(task), from, ...details },
    });
  }

  /** Moves an agent along its lifecycle (a no-op when it is already there) and records the change. */
  async moveAgent(
    tx: Db,
    repo: AgentsRepository,
    ctx: ChangeContext,
    agent: AgentRow,
    to: AgentStatus,
    patch: Partial<AgentRow> = {},
  ): Promise<AgentRow> {
    if (agent.status === to) {
      return Object.keys(patch).length > 0 ? repo.updateAgent(agent.id, patch) : agent;
    }
    assertAgentTransition(agent.status, to);
    const updated = await repo.updateAgent(agent.id, { ...patch, status: to });
    await this.noteAgent(tx, ctx, agent, to);
    return updated;
  }

  /** Records `agent.status_changed` from the agent's status to `to` (already written). */
  async noteAgent(tx: Db, ctx: ChangeContext, agent: AgentRow, to: AgentStatus): Promise<void> {
    assertAgentTransition(agent.status, to);
    await recordChange(tx, ctx, {
      workspaceId: agent.workspaceId,
      action: 'agent.status_changed',
      objectType: 'agent',
      objectId: agent.id,
      before: { status: agent.status },
      after: { status: to },
    });
  }

  /**
   * The agent's side of a run whose task just left in_progress, without reading the agent first: one slot
   * fewer, the stats of an ended task, and its status after the task (see `afterTask`). Returns the agent as
   * it was and its new status; the caller records the change, if any, after its own.
   */
  async releaseSlot(
    repo: AgentsRepository,
    task: TaskRow,
  ): Promise<{ agent: AgentRow; status: AgentStatus }> {
    const failed = isFailure(task.status);
    const ended = task.status === 'completed' || failed;
    const agent = await repo.releaseSlot(
      task.agentId,
      ended ? { succeeded: !failed, durationMs: task.runMs } : undefined,
    );
    const status = agent.status === 'disabled' ? agent.status : statusAfterTask(agent.runningTasks, failed);
    if (status !== agent.status) await repo.updateAgent(agent.id, { status });
    return { agent, status };
  }

  /**
   * After a task left in_progress (or ended): the agent is working while any task runs, else idle, or in
   * error when the task failed for good. A disabled agent stays disabled. Ended tasks count in its stats.
   */
  async afterTask(
    tx: Db,
    repo: AgentsRepository,
    ctx: ChangeContext,
    agent: AgentRow,
    task: TaskRow,
  ): Promise<AgentRow> {
    const failed = isFailure(task.status);
    if (task.status === 'completed' || failed) {
      await repo.addToStats(agent.id, { succeeded: !failed, durationMs: task.runMs });
    }
    if (agent.status === 'disabled') return agent;
    const running = await repo.countRunning(agent.id, task.id);
    // current_task_id names a running task: the last one started, or none once nothing runs.
    return this.moveAgent(tx, repo, ctx, agent, statusAfterTask(running, failed), {
      lastActiveAt: new Date(),
      ...(running === 0 ? { currentTaskId: null } : {}),
    });
  }
}

function isFailure(status: TaskStatus): boolean {
  return status === 'failed' || status === 'dead_letter' || status === 'rejected';
}

/** The task as domain events carry it (what live views need to redraw a row). */
export function taskSummary(task: TaskRow) {
  return {
    id: task.id,
    agent_id: task.agentId,
    task_type: task.taskType,
    status: task.status,
    priority: task.priority,
    attempts: task.attempts,
    revision: task.revision,
    error_message: task.errorMessage,
    next_run_at: task.nextRunAt?.toISOString() ?? null,
  };
}

/**
 * Parses a free-form body field (`input`, `configuration`) with the agent kind's schema. A failure is a 400
 * naming the body field; the message says where inside it.
 */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = [field, ...issue.path.map(String)].join('.');
  const unknownKeys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
  throw new AppError('VALIDATION_FAILED', { field, message: `${where}: ${issue.message}${unknownKeys}` });
}
