import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors/app-error.ts';
import { actingUserId, type ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { Transactor } from '../../platform/events/transactor.ts';
import { assertPersonMove } from './agent-lifecycle.ts';
import { AgentErrors } from './agents.errors.ts';
import type { AgentRow, AgentsRepository, Listing, Page, TaskRow } from './agents.repository.ts';
import type { AgentStatus, TaskReview, TaskStatus } from './agents.schema.ts';
import { parseOrThrow, type NewTaskInput, type TaskFlow } from './task-flow.ts';

export interface CreateAgentInput {
  name: string;
  agentType: string;
  configuration?: Record<string, unknown>;
  maxConcurrency?: number;
}

export interface UpdateAgentInput {
  name?: string;
  configuration?: Record<string, unknown>;
  maxConcurrency?: number;
  /** Only a person's moves: disable, or back to idle (enable, or reset after an error). */
  status?: 'idle' | 'disabled';
}

/** What the API does with agents and their tasks; the runtime does the rest. */
export class AgentsService {
  private readonly repo: AgentsRepository;
  private readonly transactor: Transactor;
  private readonly flow: TaskFlow;
  private readonly onCancelled: (taskId: string) => void;

  constructor(
    repo: AgentsRepository,
    transactor: Transactor,
    flow: TaskFlow,
    onCancelled: (taskId: string) => void,
  ) {
    this.repo = repo;
    this.transactor = transactor;
    this.flow = flow;
    this.onCancelled = onCancelled;
  }

  listAgents(
    workspaceId: string,
    filter: { status?: AgentStatus; agentType?: string },
    page: Page,
  ): Promise<Listing<AgentRow>> {
    return this.repo.listAgents(workspaceId, filter, page);
  }

  async getAgent(workspaceId: string, id: string): Promise<AgentRow> {
    const agent = await this.repo.findAgent(workspaceId, id);
    if (!agent) throw new AppError(AgentErrors.AGENT_NOT_FOUND);
    return agent;
  }

  async createAgent(ctx: ChangeContext, workspaceId: string, input: CreateAgentInput): Promise<AgentRow> {
    const kind = this.flow.kinds.get(input.agentType);
    if (!kind) {
      throw new AppError(AgentErrors.AGENT_TYPE_UNKNOWN, {
        field: 'agent_type',
        message: `There is no agent of type "${input.agentType}"; installed: ${this.flow.kinds
          .list()
          .map((k) => k.type)
          .join(', ')}.`,
      });
    }
    const configuration = parseOrThrow(kind.configuration, input.configuration ?? {}, 'configuration');
    return this.transactor.run(async (tx) => {
      const agent = await this.repo.with(tx).insertAgent({
        id: randomUUID(),
        workspaceId,
        name: input.name,
        agentType: kind.type,
        capabilities: kind.capabilities,
        configuration,
        maxConcurrency: input.maxConcurrency ?? 1,
        createdBy: actingUserId(ctx.actor),
      });
      await recordChange(tx, ctx, {
        workspaceId,
        action: 'agent.created',
        objectType: 'agent',
        objectId: agent.id,
        after: agentAudit(agent),
      });
      return agent;
    });
  }

  async updateAgent(
    ctx: ChangeContext,
    workspaceId: string,
    id: string,
    input: UpdateAgentInput,
  ): Promise<AgentRow> {
    return this.transactor.run(async (tx) => {
      const repo = this.repo.with(tx);
      const agent = await this.lockAgent(repo, workspaceId, id);
      const configuration =
        input.configuration &&
        parseOrThrow(this.flow.kindOf(agent).configuration, input.configuration, 'configuration');
      let updated = await repo.updateAgent(id, {
        ...(input.name ? { name: input.name } : {}),
        ...(configuration ? { configuration } : {}),
        ...(input.maxConcurrency ? { maxConcurrency: input.maxConcurrency } : {}),
      });
      // Tasks parked while the agent was disabled get their jobs back (row writes before recorded changes).
      if (agent.status === 'disabled' && input.status === 'idle') {
        for (const task of await repo.parkedTasks(id)) {
          await this.flow.enqueue(tx, repo, task, updated, new Date());
        }
      }
      if (input.status) {
        assertPersonMove(agent.status, input.status);
        updated = await this.flow.moveAgent(tx, repo, ctx, updated, input.status);
      }
      await recordChange(tx, ctx, {
        workspaceId,
        action: 'agent.updated',
        objectType: 'agent',
        objectId: id,
        before: agentAudit(agent),
        after: agentAudit(updated),
      });
      return updated;
    });
  }

  async deleteAgent(ctx: ChangeContext, workspaceId: string, id: string): Promise<void> {
    await this.transactor.run(async (tx) => {
      const repo = this.repo.with(tx);
      const agent = await this.lockAgent(repo, workspaceId, id);
      if (agent.status === 'working') throw new AppError(AgentErrors.AGENT_BUSY);
      await repo.deleteAgent(id);
      await recordChange(tx, ctx, {
        workspaceId,
        action: 'agent.deleted',
        objectType: 'agent',
        objectId: id,
        before: agentAudit(agent),
      });
    });
  }

  listTasks(
    workspaceId: string,
    filter: { agentId?: string; statuses?: TaskStatus[] },
    page: Page,
  ): Promise<Listing<TaskRow>> {
    return this.repo.listTasks(workspaceId, filter, page);
  }

  async getTask(workspaceId: string, id: string): Promise<TaskRow> {
    const task = await this.repo.findTask(workspaceId, id);
    if (!task) throw new AppError(AgentErrors.AGENT_TASK_NOT_FOUND);
    return task;
  }

  /** Creates a task for an agent; with an idempotency key, asking twice returns the first task. */
  async createTask(
    ctx: ChangeContext,
    workspaceId: string,
    agentId: string,
    input: NewTaskInput,
  ): Promise<{ task: TaskRow; created: boolean }> {
    const agent = await this.repo.findAgent(workspaceId, agentId);
    if (!agent) throw new AppError(AgentErrors.AGENT_NOT_FOUND, { field: 'agent_id' });
    if (agent.status === 'disabled') throw new AppError(AgentErrors.AGENT_DISABLED, { field: 'agent_id' });
    const existing =
      input.idempotencyKey && (await this.repo.findTaskByKey(workspaceId, input.idempotencyKey));
    if (existing) return { task: sameRequest(existing, agentId, input.taskType), created: false };
    const task = await this.transactor.run((tx) =>
      this.flow.create(tx, this.repo.with(tx), ctx, agent, { ...input, createdBy: actingUserId(ctx.actor) }),
    );
    if (task) return { task, created: true };
    // Another request with the same key won the race.
    const winner = await this.repo.findTaskByKey(workspaceId, input.idempotencyKey!);
    return { task: sameRequest(winner!, agentId, input.taskType), created: false };
  }

  /** A person accepts the agent's result: the agent applies it (if it has a step for that), then it completes. */
  async approve(ctx: ChangeContext, workspaceId: string, id: string, comment?: string): Promise<TaskRow> {
    return this.transactor.run(async (tx) => {
      const repo = this.repo.with(tx);
      const task = await this.lockTask(repo, workspaceId, id);
      const agent = (await repo.lockAgent(task.agentId))!;
      const review = reviewOf(ctx, 'approved', comment ?? null);
      let updated = await this.flow.move(
        tx,
        repo,
        ctx,
        task,
        'approved',
        { reviews: [...task.reviews, review], approvedBy: review.by, approvedAt: new Date(), attempts: 0 },
        { action: 'approved', details: { comment: review.reason } },
      );
      if (this.flow.kindOf(agent).apply) {
        return agent.status === 'disabled'
          ? updated
          : this.flow.enqueue(tx, repo, updated, agent, new Date());
      }
      updated = await this.flow.move(tx, repo, ctx, updated, 'completed', {}, { action: 'completed' });
      await this.flow.afterTask(tx, repo, ctx, agent, updated);
      return updated;
    });
  }

  /** A person turns the result down; the reason goes back to the agent, which redrafts if it can. */
  async reject(ctx: ChangeContext, workspaceId: string, id: string, reason: string): Promise<TaskRow> {
    return this.transactor.run(async (tx) => {
      const repo = this.repo.with(tx);
      const task = await this.lockTask(repo, workspaceId, id);
      const agent = (await repo.lockAgent(task.agentId))!;
      const reviews = [...task.reviews, reviewOf(ctx, 'rejected', reason)];
      if (!this.flow.kindOf(agent).redrafts) {
        const rejected = await this.flow.move(
          tx,
          repo,
          ctx,
          task,
          'rejected',
          { reviews, errorMessage: reason },
          { action: 'rejected', details: { reason, redraft: false } },
        );
        await this.flow.afterTask(tx, repo, ctx, agent, rejected);
        return rejected;
      }
      const back = await this.flow.move(
        tx,
        repo,
        ctx,
        task,
        'pending',
        { reviews, revision: task.revision + 1, attempts: 0, errorMessage: null },
        { action: 'rejected', details: { reason, redraft: true } },
      );
      return agent.status === 'disabled' ? back : this.flow.enqueue(tx, repo, back, agent, new Date());
    });
  }

  async cancel(ctx: ChangeContext, workspaceId: string, id: string, reason?: string): Promise<TaskRow> {
    const cancelled = await this.transactor.run(async (tx) => {
      const repo = this.repo.with(tx);
      const task = await this.lockTask(repo, workspaceId, id);
      const agent = (await repo.lockAgent(task.agentId))!;
      await this.flow.dropJob(tx, task);
      const updated = await this.flow.move(
        tx,
        repo,
        ctx,
        task,
        'cancelled',
        { errorMessage: reason ?? null },
        { action: 'cancelled', details: { reason: reason ?? null } },
      );
      if (task.status === 'in_progress') await this.flow.afterTask(tx, repo, ctx, agent, updated);
      return updated;
    });
    this.onCancelled(id);
    return cancelled;
  }

  private async lockAgent(repo: AgentsRepository, workspaceId: string, id: string): Promise<AgentRow> {
    const agent = await repo.lockAgent(id);
    if (!agent || agent.workspaceId !== workspaceId) throw new AppError(AgentErrors.AGENT_NOT_FOUND);
    return agent;
  }

  private async lockTask(repo: AgentsRepository, workspaceId: string, id: string): Promise<TaskRow> {
    const task = await repo.lockTask(id);
    if (!task || task.workspaceId !== workspaceId) throw new AppError(AgentErrors.AGENT_TASK_NOT_FOUND);
    return task;
  }
}

function sameRequest(task: TaskRow, agentId: string, taskType: string): TaskRow {
  if (task.agentId === agentId && task.taskType === taskType) return task;
  throw new AppError(AgentErrors.IDEMPOTENCY_KEY_REUSED, { field: 'idempotency_key' });
}

function reviewOf(ctx: ChangeContext, decision: TaskReview['decision'], reason: string | null): TaskReview {
  return { decision, reason, by: actingUserId(ctx.actor), at: new Date().toISOString() };
}

function agentAudit(agent: AgentRow) {
  return {
    name: agent.name,
    agent_type: agent.agentType,
    status: agent.status,
    max_concurrency: agent.maxConcurrency,
    configuration: agent.configuration,
  };
}
