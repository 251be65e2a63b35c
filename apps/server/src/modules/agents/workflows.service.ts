import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors/app-error.ts';
import { actingUserId, type ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { Transactor } from '../../platform/events/transactor.ts';
import { AgentErrors } from './agents.errors.ts';
import type { AgentsRepository, Listing, Page } from './agents.repository.ts';
import { parseOrThrow, type TaskFlow } from './task-flow.ts';
import { executionSummary, type WorkflowEngine } from './workflow-engine.ts';
import { flatten, hasTemplates, stepsDefinition, type StepDefinition } from './workflow-steps.ts';
import type { ExecutionRow, StepRow, WorkflowRow, WorkflowsRepository } from './workflows.repository.ts';
import type { ExecutionStatus } from './workflows.schema.ts';

export interface WorkflowInput {
  name: string;
  description?: string | null;
  steps: unknown;
}

export interface WorkflowPatch {
  name?: string;
  description?: string | null;
  steps?: unknown;
}

/** An execution with its step timeline. */
export interface ExecutionView {
  execution: ExecutionRow;
  steps: StepRow[];
}

/** What the API does with workflow definitions and executions; the engine moves executions along. */
export class WorkflowsService {
  private readonly repo: WorkflowsRepository;
  private readonly agents: AgentsRepository;
  private readonly transactor: Transactor;
  private readonly flow: TaskFlow;
  private readonly engine: WorkflowEngine;

  constructor(deps: {
    repo: WorkflowsRepository;
    agents: AgentsRepository;
    transactor: Transactor;
    flow: TaskFlow;
    engine: WorkflowEngine;
  }) {
    this.repo = deps.repo;
    this.agents = deps.agents;
    this.transactor = deps.transactor;
    this.flow = deps.flow;
    this.engine = deps.engine;
  }

  listWorkflows(workspaceId: string, page: Page): Promise<Listing<WorkflowRow>> {
    return this.repo.listWorkflows(workspaceId, page);
  }

  async getWorkflow(workspaceId: string, id: string): Promise<WorkflowRow> {
    const workflow = await this.repo.findWorkflow(workspaceId, id);
    if (!workflow) throw new AppError(AgentErrors.WORKFLOW_NOT_FOUND);
    return workflow;
  }

  async createWorkflow(ctx: ChangeContext, workspaceId: string, input: WorkflowInput): Promise<WorkflowRow> {
    const steps = await this.validateSteps(workspaceId, input.steps);
    return this.transactor.run(async (tx) => {
      const workflow = await this.repo.with(tx).insertWorkflow({
        id: randomUUID(),
        workspaceId,
        name: input.name,
        description: input.description || null,
        steps,
        createdBy: actingUserId(ctx.actor),
      });
      await recordChange(tx, ctx, {
        workspaceId,
        action: 'workflow.created',
        objectType: 'workflow',
        objectId: workflow.id,
        after: workflowAudit(workflow),
      });
      return workflow;
    });
  }

  async updateWorkflow(
    ctx: ChangeContext,
    workspaceId: string,
    id: string,
    patch: WorkflowPatch,
  ): Promise<WorkflowRow> {
    const steps = patch.steps === undefined ? undefined : await this.validateSteps(workspaceId, patch.steps);
    return this.transactor.run(async (tx) => {
      const repo = this.repo.with(tx);
      const workflow = await repo.lockWorkflow(workspaceId, id);
      if (!workflow) throw new AppError(AgentErrors.WORKFLOW_NOT_FOUND);
      const updated = await repo.updateWorkflow(id, {
        ...(patch.name ? { name: patch.name } : {}),
        ...(patch.description !== undefined ? { description: patch.description || null } : {}),
        ...(steps ? { steps, version: workflow.version + 1 } : {}),
      });
      await recordChange(tx, ctx, {
        workspaceId,
        action: 'workflow.updated',
        objectType: 'workflow',
        objectId: id,
        before: workflowAudit(workflow),
        after: workflowAudit(updated),
      });
      return updated;
    });
  }

  /** Deletes the definition; its executions keep the steps they started with and run on. */
  async deleteWorkflow(ctx: ChangeContext, workspaceId: string, id: string): Promise<void> {
    await this.transactor.run(async (tx) => {
      const repo = this.repo.with(tx);
      const workflow = await repo.lockWorkflow(workspaceId, id);
      if (!workflow) throw new AppError(AgentErrors.WORKFLOW_NOT_FOUND);
      await repo.deleteWorkflow(id);
      await recordChange(tx, ctx, {
        workspaceId,
        action: 'workflow.deleted',
        objectType: 'workflow',
        objectId: id,
        before: workflowAudit(workflow),
      });
    });
  }

  /** Starts an execution: its step rows and its first advance job commit together. */
  async run(
    ctx: ChangeContext,
    workspaceId: string,
    workflowId: string,
    input: Record<string, unknown>,
  ): Promise<ExecutionView> {
    const id = await this.transactor.run(async (tx) => {
      const repo = this.repo.with(tx);
      const workflow = await repo.findWorkflow(workspaceId, workflowId);
      if (!workflow) throw new AppError(AgentErrors.WORKFLOW_NOT_FOUND);
      const executionId = randomUUID();
      const definition = workflow.steps as StepDefinition[];
      const execution = await repo.insertExecution(
        {
          id: executionId,
          workspaceId,
          workflowId: workflow.id,
          workflowName: workflow.name,
          workflowVersion: workflow.version,
          steps: definition,
          input,
          triggeredBy: actingUserId(ctx.actor),
        },
        flatten(definition).map(({ step, parentKey }, position) => ({
          id: randomUUID(),
          executionId,
          workspaceId,
          key: step.key,
          parentKey,
          position,
          stepType: step.type,
          blocking: step.blocking,
          maxAttempts: 'retry' in step && step.retry ? step.retry.max_attempts : 1,
        })),
      );
      await this.engine.wake(tx, execution);
      await recordChange(tx, ctx, {
        workspaceId,
        action: 'workflow_execution.created',
        objectType: 'workflow_execution',
        objectId: executionId,
        after: { status: execution.status, workflow_id: workflow.id, version: workflow.version },
        payload: { execution: executionSummary(execution) },
      });
      return executionId;
    });
    return this.getExecution(workspaceId, id);
  }

  async listExecutions(
    workspaceId: string,
    filter: { workflowId?: string; statuses?: ExecutionStatus[] },
    page: Page,
  ): Promise<Listing<ExecutionView>> {
    const { rows, total } = await this.repo.listExecutions(workspaceId, filter, page);
    const steps = await this.withTaskAttempts(await this.repo.stepsOf(rows.map((r) => r.id)));
    return {
      rows: rows.map((execution) => ({
        execution,
        steps: steps.filter((s) => s.executionId === execution.id),
      })),
      total,
    };
  }

  async getExecution(workspaceId: string, id: string): Promise<ExecutionView> {
    // One snapshot: read apart, a step could show a later state than its execution's status.
    return this.repo.readConsistently(async (tx) => {
      const repo = this.repo.with(tx);
      const execution = await repo.findExecution(workspaceId, id);
      if (!execution) throw new AppError(AgentErrors.WORKFLOW_EXECUTION_NOT_FOUND);
      return { execution, steps: await this.withTaskAttempts(await repo.steps(id), this.agents.with(tx)) };
    });
  }

  async cancel(ctx: ChangeContext, workspaceId: string, id: string, reason?: string): Promise<ExecutionView> {
    await this.engine.cancel(ctx, workspaceId, id, reason ?? null);
    return this.getExecution(workspaceId, id);
  }

  async approve(
    ctx: ChangeContext,
    workspaceId: string,
    id: string,
    stepKey: string,
    comment?: string,
  ): Promise<ExecutionView> {
    const by = actingUserId(ctx.actor);
    const decision = {
      decision: 'approved' as const,
      reason: comment ?? null,
      by,
      at: new Date().toISOString(),
    };
    await this.engine.decide(ctx, workspaceId, id, stepKey, decision);
    return this.getExecution(workspaceId, id);
  }

  async reject(
    ctx: ChangeContext,
    workspaceId: string,
    id: string,
    stepKey: string,
    reason: string,
  ): Promise<ExecutionView> {
    const by = actingUserId(ctx.actor);
    const decision = { decision: 'rejected' as const, reason, by, at: new Date().toISOString() };
    await this.engine.decide(ctx, workspaceId, id, stepKey, decision);
    return this.getExecution(workspaceId, id);
  }

  /** A running agent step shows its task's attempts so far. */
  private async withTaskAttempts(steps: StepRow[], agents = this.agents): Promise<StepRow[]> {
    return Promise.all(
      steps.map(async (step) => {
        if (step.stepType !== 'agent' || step.status !== 'running' || !step.taskId) return step;
        const task = await agents.findTask(step.workspaceId, step.taskId);
        return task ? { ...step, attempts: task.attempts } : step;
      }),
    );
  }

  /**
   * Checks a definition against the step schema and the workspace: agents exist here and take the task type,
   * actions are installed; inputs without templates are checked now. Refusals name the body field `steps`.
   */
  private async validateSteps(workspaceId: string, raw: unknown): Promise<StepDefinition[]> {
    const steps = parseOrThrow(stepsDefinition, raw, 'steps');
    const refuse = (path: string, message: string) =>
      new AppError('VALIDATION_FAILED', { field: 'steps', message: `steps.${path}: ${message}` });
    const located = steps.flatMap((step, i) => [
      { step, path: `${i}` },
      ...(step.type === 'parallel'
        ? step.steps.map((child, j) => ({ step: child, path: `${i}.steps.${j}` }))
        : []),
    ]);
    for (const { step, path } of located) {
      if (step.type === 'agent') {
        const agent = await this.agents.findAgent(workspaceId, step.agent_id);
        if (!agent) throw refuse(`${path}.agent_id`, 'no agent with that id in this workspace');
        const kind = this.flow.kinds.get(agent.agentType);
        if (!kind?.taskTypes[step.task_type]) {
          const types = Object.keys(kind?.taskTypes ?? {}).join(', ') || 'none';
          throw refuse(`${path}.task_type`, `the agent takes ${types}, not ${step.task_type}`);
        }
        if (!hasTemplates(step.input)) {
          const checked = kind.taskTypes[step.task_type]!.safeParse(step.input);
          if (!checked.success) throw refuse(`${path}.input`, issueText(checked.error.issues[0]));
        }
      }
      if (step.type === 'action') {
        const action = this.engine.actions.get(step.action);
        if (!action) {
          throw refuse(
            `${path}.action`,
            `no such action; installed: ${this.engine.actions.names().join(', ')}`,
          );
        }
        if (!hasTemplates(step.input)) {
          const checked = action.input.safeParse(step.input);
          if (!checked.success) throw refuse(`${path}.input`, issueText(checked.error.issues[0]));
        }
      }
    }
    return steps;
  }
}

function issueText(issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (!issue) return 'not valid';
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

function workflowAudit(workflow: WorkflowRow) {
  return {
    name: workflow.name,
    description: workflow.description,
    version: workflow.version,
    steps: workflow.steps.length,
  };
}
