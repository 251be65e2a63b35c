import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import type { DomainEvent, Subscription } from '../../platform/events/dispatcher.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { Transactor } from '../../platform/events/transactor.ts';
import type { JobQueue, JobRun } from '../../platform/jobs/job-queue.ts';
import { AgentErrors } from './agents.errors.ts';
import type { AgentRow, AgentsRepository, TaskRow } from './agents.repository.ts';
import type { TaskFlow } from './task-flow.ts';
import { backoffSeconds, isFinal as isTaskFinal } from './task-lifecycle.ts';
import { assertExecutionMove, assertStepMove, isExecutionFinal, isStepFinal } from './workflow-lifecycle.ts';
import {
  eventMatches,
  resolveTemplates,
  stepsDefinition,
  type ActionStep,
  type AgentStep,
  type EventStep,
  type StepDefinition,
  type TemplateScope,
  type WorkflowActionRegistry,
} from './workflow-steps.ts';
import { OutboxSnapshot } from './outbox-snapshot.ts';
import type {
  EventWait,
  ExecutionRow,
  StepPatch,
  StepRow,
  WorkflowsRepository,
} from './workflows.repository.ts';
import type { ExecutionStatus, StepDecision, StepStatus } from './workflows.schema.ts';

export const WORKFLOW_QUEUE = 'workflow-executions';
export const DEAD_WORKFLOW_QUEUE = 'workflow-executions-dead';

/** What an advance job carries: which execution to move along. */
export interface AdvanceJobData {
  executionId: string;
  workspaceId: string;
}

/** Agent task events after which the step that runs the task can move on. */
const taskEndEvents = [
  'agent_task.completed',
  'agent_task.failed',
  'agent_task.dead_lettered',
  'agent_task.rejected',
  'agent_task.cancelled',
];

/** One handler run advances through at most this many checkpoints before handing over to a fresh job. */
const PASSES_PER_JOB = 200;

/**
 * One transaction over one execution: its row locked, then the tasks of its running agent steps and their
 * agents (all row locks before the first recorded change), its steps as they are now, and the database clock.
 */
interface Pass {
  tx: Db;
  repo: WorkflowsRepository;
  agents: AgentsRepository;
  ctx: ChangeContext;
  execution: ExecutionRow;
  definition: StepDefinition[];
  rows: Map<string, StepRow>;
  tasks: Map<string, TaskRow>;
  agentRows: Map<string, AgentRow>;
  now: Date;
  /** Set when a step reached a final status: the pass commits there (a checkpoint) and another one follows. */
  progressed: boolean;
  /** Agent tasks this pass cancelled, to stop at once if they run in this process. */
  cancelledTasks: string[];
}

/**
 * Moves workflow executions along, durably. Every step's progress is a row (its checkpoint) changed only
 * under the execution's row lock; an advance job re-reads those rows and does the next thing, one checkpoint
 * per transaction. Waits cost no worker: an approval, a matching domain event, a finished agent task or a
 * due timer (a queue job with `startAfter`) enqueues the next advance in the transaction that records it.
 */
export class WorkflowEngine {
  private readonly repo: WorkflowsRepository;
  private readonly agents: AgentsRepository;
  private readonly transactor: Transactor;
  private readonly flow: TaskFlow;
  private readonly jobs: JobQueue;
  readonly actions: WorkflowActionRegistry;
  private readonly onTaskCancelled: (taskId: string) => void;
  /** What the two outbox consumers look up, read once per batch of events (see OutboxSnapshot). */
  private readonly stepsByTask: OutboxSnapshot<Map<string, string[]>>;
  private readonly eventWaits: OutboxSnapshot<EventWait[]>;

  constructor(deps: {
    repo: WorkflowsRepository;
    agents: AgentsRepository;
    transactor: Transactor;
    flow: TaskFlow;
    jobs: JobQueue;
    actions: WorkflowActionRegistry;
    onTaskCancelled: (taskId: string) => void;
  }) {
    this.repo = deps.repo;
    this.agents = deps.agents;
    this.transactor = deps.transactor;
    this.flow = deps.flow;
    this.jobs = deps.jobs;
    this.actions = deps.actions;
    this.onTaskCancelled = deps.onTaskCancelled;
    this.stepsByTask = new OutboxSnapshot(() => this.repo.executionsByTask());
    this.eventWaits = new OutboxSnapshot(() => this.repo.allEventWaits());
  }

  /** The queue handler: advances the execution checkpoint by checkpoint until it waits or ends. */
  async handle(job: JobRun<AdvanceJobData>): Promise<void> {
    for (let i = 0; i < PASSES_PER_JOB; i++) {
      if (job.signal.aborted) throw job.signal.reason as Error;
      if (!(await this.advance(job.data.executionId))) return;
    }
    await this.jobs.send<AdvanceJobData>(WORKFLOW_QUEUE, job.data);
  }

  /** One pass; true when it reached a checkpoint and there may be more to do at once. */
  async advance(executionId: string): Promise<boolean> {
    const cancelled: string[] = [];
    const again = await this.locked(executionId, async (pass) => {
      await this.walk(pass);
      cancelled.push(...pass.cancelledTasks);
      return pass.progressed && !isExecutionFinal(pass.execution.status);
    });
    for (const id of cancelled) this.onTaskCancelled(id);
    return again ?? false;
  }

  /** The dead-letter handler: the queue gave up on advancing the execution (its workers kept dying). */
  async deadLettered(job: JobRun<AdvanceJobData>): Promise<void> {
    await this.locked(job.data.executionId, (pass) =>
      this.stop(pass, 'failed', 'The workers advancing this execution stopped too many times.'),
    );
  }

  /** Enqueues an advance of the execution in the caller's transaction, due now or at `at`. */
  async wake(tx: Db, execution: Pick<ExecutionRow, 'id' | 'workspaceId'>, at?: Date): Promise<void> {
    await this.jobs.send<AdvanceJobData>(
      WORKFLOW_QUEUE,
      { executionId: execution.id, workspaceId: execution.workspaceId },
      { tx, ...(at ? { startAfter: at } : {}), expireInSeconds: 120 },
    );
  }

  /** In-process subscriptions to the outbox: finished agent tasks and the events that waits are for. */
  subscriptions(): Subscription[] {
    return [
      {
        name: 'workflows.agent_tasks',
        types: taskEndEvents,
        handle: (event) => this.onTaskEnded(event),
      },
      { name: 'workflows.event_waits', handle: (event) => this.onEvent(event) },
    ];
  }

  /** A person's answer to an approval step; exactly one answer counts (the step leaves `waiting` once). */
  async decide(
    ctx: ChangeContext,
    workspaceId: string,
    executionId: string,
    stepKey: string,
    decision: StepDecision,
  ): Promise<void> {
    const found = await this.locked(executionId, async (pass) => {
      if (pass.execution.workspaceId !== workspaceId) return false;
      const row = pass.rows.get(stepKey);
      if (!row) throw new AppError(AgentErrors.WORKFLOW_STEP_NOT_FOUND, { field: 'step_key' });
      if (row.stepType !== 'approval') {
        throw new AppError(AgentErrors.WORKFLOW_TRANSITION_INVALID, {
          message: `Step ${stepKey} is a ${row.stepType} step; only approval steps take a decision.`,
        });
      }
      const approved = decision.decision === 'approved';
      const to = approved ? 'completed' : 'failed';
      assertStepMove(stepKey, row.status, to, approved ? 'approved' : 'rejected');
      const patch: StepPatch = {
        decision,
        finishedAt: new Date(),
        output: { decision: decision.decision, reason: decision.reason, by: decision.by },
        error: approved ? null : `Rejected: ${decision.reason ?? 'no reason given'}`,
      };
      await this.moveStep({ ...pass, ctx }, row, to, patch, approved ? 'approved' : 'rejected', {
        reason: decision.reason,
      });
      await this.wake(pass.tx, pass.execution);
      return true;
    });
    if (!found) throw new AppError(AgentErrors.WORKFLOW_EXECUTION_NOT_FOUND);
  }

  /** Cancels an execution that has not ended: every unfinished step, and the agent tasks they run. */
  async cancel(ctx: ChangeContext, workspaceId: string, executionId: string, reason: string | null) {
    const cancelled: string[] = [];
    const found = await this.locked(executionId, async (pass) => {
      if (pass.execution.workspaceId !== workspaceId) return false;
      assertExecutionMove(pass.execution.status, 'cancelled');
      await this.stop({ ...pass, ctx }, 'cancelled', reason);
      cancelled.push(...pass.cancelledTasks);
      return true;
    });
    if (!found) throw new AppError(AgentErrors.WORKFLOW_EXECUTION_NOT_FOUND);
    for (const id of cancelled) this.onTaskCancelled(id);
  }

  private async onTaskEnded(event: DomainEvent): Promise<void> {
    for (const executionId of (await this.stepsByTask.at(event.seq)).get(event.aggregateId) ?? []) {
      await this.jobs.send<AdvanceJobData>(WORKFLOW_QUEUE, {
        executionId,
        workspaceId: event.workspaceId ?? '',
      });
    }
  }

  private async onEvent(event: DomainEvent): Promise<void> {
    if (!event.workspaceId) return;
    for (const wait of await this.eventWaits.at(event.seq)) {
      if (wait.workspaceId !== event.workspaceId || wait.eventType !== event.type) continue;
      if (wait.sinceSeq >= event.seq || !eventMatches(event, wait.eventMatch ?? {})) continue;
      await this.locked(wait.executionId, async (pass) => {
        const row = pass.rows.get(wait.key);
        // Delivered again, or the wait ended meanwhile (timeout, cancellation): nothing to do.
        if (!row || row.status !== 'waiting' || (row.sinceSeq ?? 0) >= event.seq) return;
        const received = {
          id: event.id,
          seq: event.seq,
          type: event.type,
          aggregate_type: event.aggregateType,
          aggregate_id: event.aggregateId,
          occurred_at: event.occurredAt.toISOString(),
          payload: event.payload,
        };
        await this.moveStep(
          pass,
          row,
          'completed',
          { output: { event: received }, finishedAt: new Date() },
          'event_received',
          {
            event_id: event.id,
          },
        );
        await this.wake(pass.tx, pass.execution);
      });
    }
  }

  /** Runs `work` on the locked execution; undefined when it does not exist. */
  private locked<T>(executionId: string, work: (pass: Pass) => Promise<T>): Promise<T | undefined> {
    return this.transactor.run(async (tx) => {
      const repo = this.repo.with(tx);
      const agents = this.agents.with(tx);
      const execution = await repo.lockExecution(executionId);
      if (!execution) return undefined;
      const steps = await repo.steps(executionId);
      const tasks = new Map<string, TaskRow>();
      const agentRows = new Map<string, AgentRow>();
      if (!isExecutionFinal(execution.status)) {
        const taskIds = steps
          .filter((s) => s.taskId && !isStepFinal(s.status))
          .map((s) => s.taskId!)
          .sort();
        for (const id of taskIds) {
          const task = await agents.lockTask(id);
          if (task) tasks.set(id, task);
        }
        const agentIds = [
          ...new Set([...tasks.values()].filter((t) => !isTaskFinal(t.status)).map((t) => t.agentId)),
        ];
        for (const id of agentIds.sort()) {
          const agent = await agents.lockAgent(id);
          if (agent) agentRows.set(id, agent);
        }
      }
      return work({
        tx,
        repo,
        agents,
        ctx: engineContext(execution),
        execution,
        definition: stepsDefinition.parse(execution.steps),
        rows: new Map(steps.map((s) => [s.key, s])),
        tasks,
        agentRows,
        now: await repo.now(),
        progressed: false,
        cancelledTasks: [],
      });
    });
  }

  /** Goes through the top-level steps in order, doing what each needs now, until something must wait. */
  private async walk(pass: Pass): Promise<void> {
    if (isExecutionFinal(pass.execution.status)) return;
    if (pass.execution.status === 'pending') {
      await this.moveExecution(pass, 'running', { startedAt: new Date() }, 'started');
    }
    for (const step of pass.definition) {
      const before = pass.rows.get(step.key)!;
      if (!isStepFinal(before.status)) await this.visit(pass, step, before);
      if (pass.progressed) return;
      const row = pass.rows.get(step.key)!;
      if (step.blocking && (row.status === 'failed' || row.status === 'cancelled')) {
        await this.stop(pass, 'failed', `Step ${step.key} failed: ${row.error ?? row.status}`);
        return;
      }
      if (step.blocking && !isStepFinal(row.status)) return this.settle(pass);
    }
    // Past the last step; non-blocking steps may still be at work.
    if (pass.definition.some((step) => !isStepFinal(pass.rows.get(step.key)!.status)))
      return this.settle(pass);
    await this.moveExecution(pass, 'completed', { completedAt: new Date(), error: null }, 'completed');
  }

  private async visit(pass: Pass, step: StepDefinition, row: StepRow): Promise<void> {
    switch (row.status) {
      case 'pending':
        // A retry waits for its backoff; the timer job that ends it exists.
        if (row.wakeAt && row.wakeAt > pass.now) return;
        return this.start(pass, step, row);
      case 'running':
        if (step.type === 'agent') return this.checkTask(pass, row);
        if (step.type === 'parallel') return this.visitGroup(pass, step, row);
        return;
      case 'waiting':
        if (row.wakeAt && row.wakeAt <= pass.now) {
          if (step.type === 'sleep') {
            await this.finishStep(pass, row, 'completed', {
              output: { slept_until: row.wakeAt.toISOString() },
            });
          } else if (step.type === 'event') {
            await this.finishStep(pass, row, 'failed', {
              error: `No ${step.event_type} event matched within ${step.timeout_seconds} s.`,
            });
          }
        }
        return;
      default:
        return;
    }
  }

  private async start(pass: Pass, step: StepDefinition, row: StepRow): Promise<void> {
    const startedAt = row.startedAt ?? new Date();
    switch (step.type) {
      case 'agent':
        return this.startAgent(pass, step, row);
      case 'action':
        return this.runAction(pass, step, row);
      case 'approval':
        await this.moveStep(pass, row, 'waiting', { startedAt }, 'waiting_for_approval', {
          message: step.message ?? null,
        });
        return;
      case 'sleep': {
        const wakeAt = new Date(pass.now.getTime() + step.seconds * 1000);
        await this.moveStep(pass, row, 'waiting', { startedAt, wakeAt }, 'sleeping', {
          wake_at: wakeAt.toISOString(),
        });
        await this.wake(pass.tx, pass.execution, wakeAt);
        return;
      }
      case 'event':
        return this.startEventWait(pass, step, row);
      case 'parallel':
        await this.moveStep(pass, row, 'running', { startedAt }, 'started');
        return this.visitGroup(pass, step, pass.rows.get(step.key)!);
    }
  }

  private async visitGroup(pass: Pass, group: Extract<StepDefinition, { type: 'parallel' }>, row: StepRow) {
    for (const child of group.steps) {
      const childRow = pass.rows.get(child.key)!;
      if (!isStepFinal(childRow.status)) await this.visit(pass, child, childRow);
      if (pass.progressed) return;
    }
    const children = group.steps.map((child) => ({ child, row: pass.rows.get(child.key)! }));
    if (!children.every(({ row: r }) => isStepFinal(r.status))) return;
    const failed = children.filter(({ child, row: r }) => child.blocking && r.status !== 'completed');
    if (failed.length > 0) {
      const error = failed.map(({ row: r }) => `${r.key}: ${r.error ?? r.status}`).join('; ');
      await this.finishStep(pass, row, 'failed', { error });
      return;
    }
    const output = Object.fromEntries(children.map(({ row: r }) => [r.key, r.output]));
    await this.finishStep(pass, row, 'completed', { output });
  }

  private async startAgent(pass: Pass, step: AgentStep, row: StepRow): Promise<void> {
    const { execution } = pass;
    const agent = await pass.agents.findAgent(execution.workspaceId, step.agent_id);
    if (!agent) {
      await this.finishStep(pass, row, 'failed', { error: 'The agent no longer exists.' });
      return;
    }
    const input = resolveTemplates(step.input, scopeOf(pass)) as Record<string, unknown>;
    try {
      this.flow.validateInput(agent, step.task_type, input);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await this.finishStep(pass, row, 'failed', { error: error.message });
      return;
    }
    // The key ties the task to this step: however often this runs, the step has one task.
    const key = `workflow:${execution.id}:${step.key}`;
    const created = await this.flow.create(pass.tx, pass.agents, pass.ctx, agent, {
      taskType: step.task_type,
      input,
      description: `${execution.workflowName}: ${step.name ?? step.key}`.slice(0, 500),
      priority: step.priority,
      timeoutSeconds: step.timeout_seconds,
      maxAttempts: step.retry?.max_attempts,
      retryBackoffSeconds: step.retry?.backoff_seconds,
      idempotencyKey: key,
      createdBy: execution.triggeredBy,
    });
    const task = created ?? (await pass.agents.findTaskByKey(execution.workspaceId, key))!;
    pass.tasks.set(task.id, task);
    await this.moveStep(
      pass,
      row,
      'running',
      { taskId: task.id, maxAttempts: task.maxAttempts, startedAt: row.startedAt ?? new Date() },
      'started',
      { task_id: task.id, agent_id: agent.id },
    );
  }

  /** An agent step follows its task: it ends when the task does (the task did its own retries). */
  private async checkTask(pass: Pass, row: StepRow): Promise<void> {
    const task = row.taskId ? pass.tasks.get(row.taskId) : undefined;
    if (!task) {
      await this.finishStep(pass, row, 'failed', { error: 'The agent task was deleted.' });
      return;
    }
    if (!isTaskFinal(task.status)) return;
    if (task.status === 'completed') {
      await this.finishStep(pass, row, 'completed', {
        output: task.outputData ?? {},
        attempts: task.attempts,
      });
      return;
    }
    const error = `The agent task ended ${task.status.replaceAll('_', ' ')}${task.errorMessage ? `: ${task.errorMessage}` : ''}.`;
    await this.finishStep(pass, row, 'failed', { error, attempts: task.attempts });
  }

  /**
   * Runs a built-in action inside this transaction (in a savepoint), so its effect and the step's checkpoint
   * commit together or not at all. A failure is retried after the step's backoff, on a timer.
   */
  private async runAction(pass: Pass, step: ActionStep, row: StepRow): Promise<void> {
    const attempt = row.attempts + 1;
    const maxAttempts = step.retry?.max_attempts ?? 1;
    const started = await this.moveStep(
      pass,
      row,
      'running',
      { attempts: attempt, maxAttempts, startedAt: row.startedAt ?? new Date(), wakeAt: null },
      'started',
      { attempt },
    );
    const action = this.actions.get(step.action);
    if (!action) {
      await this.finishStep(pass, started, 'failed', {
        error: `No workflow action "${step.action}" is installed.`,
      });
      return;
    }
    const parsed = action.input.safeParse(resolveTemplates(step.input, scopeOf(pass)));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const error = `input.${issue.path.map(String).join('.')}: ${issue.message}`;
      await this.finishStep(pass, started, 'failed', { error });
      return;
    }
    let output: Record<string, unknown>;
    try {
      output = await pass.tx.transaction((sp) =>
        action.run({
          tx: sp as unknown as Db,
          ctx: pass.ctx,
          workspaceId: pass.execution.workspaceId,
          executionId: pass.execution.id,
          stepKey: step.key,
          attempt,
          input: parsed.data,
        }),
      );
    } catch (failure) {
      const error = failure instanceof Error ? failure.message : String(failure);
      if (attempt >= maxAttempts) {
        await this.finishStep(pass, started, 'failed', { error });
        return;
      }
      const wakeAt = new Date(
        pass.now.getTime() + backoffSeconds(step.retry!.backoff_seconds, attempt) * 1000,
      );
      await this.moveStep(pass, started, 'pending', { error, wakeAt }, 'retry_scheduled', {
        attempt,
        next_run_at: wakeAt.toISOString(),
      });
      await this.wake(pass.tx, pass.execution, wakeAt);
      return;
    }
    await this.finishStep(pass, started, 'completed', { output, error: null });
  }

  private async startEventWait(pass: Pass, step: EventStep, row: StepRow): Promise<void> {
    const match = resolveTemplates(step.match, scopeOf(pass)) as Record<string, unknown>;
    const deadline = step.timeout_seconds ? new Date(pass.now.getTime() + step.timeout_seconds * 1000) : null;
    const waiting = await this.moveStep(
      pass,
      row,
      'waiting',
      {
        startedAt: row.startedAt ?? new Date(),
        eventType: step.event_type,
        eventMatch: match,
        wakeAt: deadline,
      },
      'waiting_for_event',
      { event_type: step.event_type, match },
    );
    // Numbered under the sequencer's lock, held to this commit: every event after this position commits after the
    // wait began (decision 0028).
    const sinceSeq = await pass.repo.lastEventSeq();
    pass.rows.set(step.key, await pass.repo.updateStep(waiting.id, { sinceSeq }));
    if (deadline) await this.wake(pass.tx, pass.execution, deadline);
  }

  /** Ends the execution: unfinished steps are cancelled (and the agent tasks they run). */
  private async stop(pass: Pass, to: 'failed' | 'cancelled', reason: string | null): Promise<void> {
    if (isExecutionFinal(pass.execution.status)) return;
    for (const row of [...pass.rows.values()]) {
      if (isStepFinal(row.status)) continue;
      const task = row.taskId ? pass.tasks.get(row.taskId) : undefined;
      if (task && !isTaskFinal(task.status)) await this.cancelTask(pass, task, reason);
      await this.moveStep(pass, row, 'cancelled', { finishedAt: new Date() }, 'cancelled');
    }
    const action = to === 'failed' ? 'failed' : 'cancelled';
    await this.moveExecution(pass, to, { completedAt: new Date(), error: reason }, action);
  }

  private async cancelTask(pass: Pass, task: TaskRow, reason: string | null): Promise<void> {
    const { tx, agents, ctx } = pass;
    const note = reason ?? 'The workflow execution ended.';
    await this.flow.dropJob(tx, task);
    const updated = await this.flow.move(
      tx,
      agents,
      ctx,
      task,
      'cancelled',
      { errorMessage: note },
      {
        action: 'cancelled',
        details: { reason: note },
      },
    );
    pass.tasks.set(task.id, updated);
    const agent = pass.agentRows.get(task.agentId);
    if (task.status === 'in_progress' && agent) {
      pass.agentRows.set(agent.id, await this.flow.afterTask(tx, agents, ctx, agent, updated));
    }
    pass.cancelledTasks.push(task.id);
  }

  /** Running while some step works; waiting while only people, events and timers are left. */
  private async settle(pass: Pass): Promise<void> {
    const working = [...pass.rows.values()].some((row) => row.status === 'running');
    const to: ExecutionStatus = working ? 'running' : 'waiting';
    if (pass.execution.status === to) return;
    await this.moveExecution(pass, to, {}, to);
  }

  private async finishStep(pass: Pass, row: StepRow, to: 'completed' | 'failed', patch: StepPatch) {
    await this.moveStep(pass, row, to, { ...patch, finishedAt: new Date() }, to);
  }

  /** Moves a step along its lifecycle and records `workflow_step.<action>`. */
  private async moveStep(
    pass: Pass,
    row: StepRow,
    to: StepStatus,
    patch: StepPatch,
    action: string,
    details: Record<string, unknown> = {},
  ): Promise<StepRow> {
    assertStepMove(row.key, row.status, to, action);
    const updated = await pass.repo.updateStep(row.id, { ...patch, status: to });
    pass.rows.set(row.key, updated);
    if (isStepFinal(to)) pass.progressed = true;
    await recordChange(pass.tx, pass.ctx, {
      workspaceId: pass.execution.workspaceId,
      action: `workflow_step.${action}`,
      objectType: 'workflow_step',
      objectId: updated.id,
      before: { status: row.status },
      after: { status: to, ...details },
      payload: {
        step: stepSummary(updated),
        execution_id: pass.execution.id,
        workflow_id: pass.execution.workflowId,
        from: row.status,
        ...details,
      },
    });
    return updated;
  }

  private async moveExecution(
    pass: Pass,
    to: ExecutionStatus,
    patch: { completedAt?: Date; startedAt?: Date; error?: string | null },
    action: string,
  ): Promise<void> {
    const from = pass.execution.status;
    assertExecutionMove(from, to, action);
    pass.execution = await pass.repo.updateExecution(pass.execution.id, { ...patch, status: to });
    await recordChange(pass.tx, pass.ctx, {
      workspaceId: pass.execution.workspaceId,
      action: `workflow_execution.${action}`,
      objectType: 'workflow_execution',
      objectId: pass.execution.id,
      before: { status: from },
      after: { status: to, ...(patch.error ? { error: patch.error } : {}) },
      payload: { execution: executionSummary(pass.execution), from },
    });
  }
}

/** Changes the engine makes are the system's, on behalf of whoever started the execution. */
export function engineContext(execution: ExecutionRow): ChangeContext {
  return { actor: { type: 'system', id: null, onBehalfOf: execution.triggeredBy } };
}

function scopeOf(pass: Pass): TemplateScope {
  const steps = Object.fromEntries(
    [...pass.rows.values()].map((row) => [row.key, { output: row.output ?? null, status: row.status }]),
  );
  return { input: pass.execution.input, steps };
}

export function executionSummary(execution: ExecutionRow) {
  return {
    id: execution.id,
    workflow_id: execution.workflowId,
    workflow_name: execution.workflowName,
    status: execution.status,
    error: execution.error,
  };
}

export function stepSummary(step: StepRow) {
  return {
    id: step.id,
    key: step.key,
    type: step.stepType,
    status: step.status,
    attempts: step.attempts,
    task_id: step.taskId,
    error: step.error,
  };
}
