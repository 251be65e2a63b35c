import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import type { Transactor } from '../../platform/events/transactor.ts';
import type { AgentsRepository, TaskRow } from './agents.repository.ts';
import type { AssignRequest } from './registry.ts';
import { agentContext, owns, type Run } from './run.ts';
import type { TaskFlow } from './task-flow.ts';

/** A run that lost its task (cancelled, timed out, taken over) tried to act for it. */
export class SupersededError extends Error {
  constructor() {
    super('This run no longer owns the task.');
    this.name = 'SupersededError';
  }
}

/** Side effects of task runs, each at most once per key however often the task runs. */
export class TaskEffects {
  private readonly repo: AgentsRepository;
  private readonly transactor: Transactor;
  private readonly flow: TaskFlow;

  constructor(repo: AgentsRepository, transactor: Transactor, flow: TaskFlow) {
    this.repo = repo;
    this.transactor = transactor;
    this.flow = flow;
  }

  /** The effect and the record of its key commit together, and only while this run still owns the task. */
  performOnce<T>(run: Run, key: string, effect: (tx: Db, idempotencyKey: string) => Promise<T>): Promise<T> {
    const { task } = run;
    const fullKey = `task:${task.id}:${key}`;
    return this.transactor.run(async (tx) => {
      const repo = this.repo.with(tx);
      if (!owns(await repo.lockTask(task.id), run)) throw new SupersededError();
      const id = randomUUID();
      const claimed = await repo.claimEffect({
        id,
        workspaceId: task.workspaceId,
        taskId: task.id,
        key: fullKey,
      });
      if (!claimed) return (await repo.findEffect(task.workspaceId, fullKey))!.result as T;
      const result = await effect(tx, fullKey);
      await repo.storeEffectResult(id, result);
      return result;
    });
  }

  /** Direct assignment: a task for another agent of the workspace, created once however often this runs. */
  assign(run: Run, request: AssignRequest): Promise<{ taskId: string; agentId: string } | null> {
    const { task, agent } = run;
    return this.performOnce(run, `assign:${request.key}`, async (tx) => {
      const repo = this.repo.with(tx);
      const target =
        (request.agentId && (await repo.findAgent(task.workspaceId, request.agentId))) ||
        (await repo.findAgentOfType(task.workspaceId, request.agentType));
      if (!target) return null;
      const handoff = (child: TaskRow) =>
        repo.insertCollaboration({
          id: randomUUID(),
          workspaceId: task.workspaceId,
          primaryAgentId: agent.id,
          collaboratingAgentId: target.id,
          taskId: child.id,
          collaborationType: 'handoff',
          metadata: { source_task_id: task.id, task_type: request.taskType },
        });
      const childTask = {
        taskType: request.taskType,
        input: request.input,
        description: request.description,
        priority: request.priority,
        parentTaskId: task.id,
        createdBy: task.createdBy,
        createdByAgentId: agent.id,
      };
      const child = await this.flow.create(tx, repo, agentContext(task), target, childTask, handoff);
      return { taskId: child!.id, agentId: target.id };
    });
  }
}
