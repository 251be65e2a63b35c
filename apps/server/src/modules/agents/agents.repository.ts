import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import {
  agentCollaborations,
  agentEffects,
  agentTasks,
  agents,
  type AgentStatus,
  type TaskStatus,
} from './agents.schema.ts';

export type AgentRow = typeof agents.$inferSelect;
export type TaskRow = typeof agentTasks.$inferSelect;
export type NewAgent = typeof agents.$inferInsert;
export type NewTask = typeof agentTasks.$inferInsert;
export type TaskPatch = Partial<Omit<NewTask, 'id' | 'workspaceId' | 'agentId' | 'createdAt'>>;

export interface Page {
  offset: number;
  limit: number;
}

export interface Listing<T> {
  rows: T[];
  total: number;
}

/** A task that ended, as the agent's stats count it. */
interface Ended {
  succeeded: boolean;
  durationMs: number;
}

function statsOf(outcome: Ended) {
  return outcome.succeeded
    ? {
        totalTasksCompleted: sql`${agents.totalTasksCompleted} + 1`,
        totalDurationMs: sql`${agents.totalDurationMs} + ${Math.round(outcome.durationMs)}`,
      }
    : { totalTasksFailed: sql`${agents.totalTasksFailed} + 1` };
}

/** The only code that touches the agents module's tables. */
export class AgentsRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  with(tx: Db): AgentsRepository {
    return new AgentsRepository(tx);
  }

  async insertAgent(row: NewAgent): Promise<AgentRow> {
    const [created] = await this.db.insert(agents).values(row).returning();
    return created!;
  }

  async findAgent(workspaceId: string, id: string): Promise<AgentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(agents)
      .where(and(eq(agents.workspaceId, workspaceId), eq(agents.id, id)))
      .limit(1);
    return row;
  }

  /**
   * Locks the agent row until the transaction ends: status and concurrency decisions go through it. A
   * no-key lock, so that rows referring to the agent (tasks, collaborations) can still be inserted meanwhile.
   */
  async lockAgent(id: string): Promise<AgentRow | undefined> {
    const [row] = await this.db.select().from(agents).where(eq(agents.id, id)).for('no key update');
    return row;
  }

  /** An agent of the type to hand work to: enabled ones first, then the oldest. */
  async findAgentOfType(workspaceId: string, agentType: string): Promise<AgentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(agents)
      .where(and(eq(agents.workspaceId, workspaceId), eq(agents.agentType, agentType)))
      .orderBy(sql`${agents.status} = 'disabled'`, asc(agents.createdAt))
      .limit(1);
    return row;
  }

  async listAgents(
    workspaceId: string,
    filter: { status?: AgentStatus; agentType?: string },
    page: Page,
  ): Promise<Listing<AgentRow>> {
    const conditions = [eq(agents.workspaceId, workspaceId)];
    if (filter.status) conditions.push(eq(agents.status, filter.status));
    if (filter.agentType) conditions.push(eq(agents.agentType, filter.agentType));
    const where = and(...conditions);
    const rows = await this.db
      .select()
      .from(agents)
      .where(where)
      .orderBy(asc(agents.createdAt), asc(agents.id))
      .offset(page.offset)
      .limit(page.limit);
    const [total] = await this.db.select({ n: count() }).from(agents).where(where);
    return { rows, total: total?.n ?? 0 };
  }

  async updateAgent(id: string, patch: Partial<NewAgent>): Promise<AgentRow> {
    const [row] = await this.db
      .update(agents)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(agents.id, id))
      .returning();
    return row!;
  }

  async deleteAgent(id: string): Promise<void> {
    await this.db.delete(agents).where(eq(agents.id, id));
  }

  /** Counts a task into (+1) or out of (-1) the agent's tasks in progress. */
  async addRunning(id: string, delta: 1 | -1): Promise<void> {
    await this.db
      .update(agents)
      .set({ runningTasks: sql`${agents.runningTasks} + ${delta}` })
      .where(eq(agents.id, id));
  }

  /**
   * Takes one of the agent's slots for `task` in one statement (which locks the agent row), unless the agent
   * is disabled or its running tasks plus the due tasks that come before `task` already fill its slots:
   * undefined then. Its status is left as it was, so the row returned says what it was.
   */
  async takeSlot(task: TaskRow): Promise<AgentRow | undefined> {
    const now = new Date();
    const [row] = await this.db
      .update(agents)
      .set({ runningTasks: sql`${agents.runningTasks} + 1`, currentTaskId: task.id, lastActiveAt: now })
      .where(
        and(
          eq(agents.id, task.agentId),
          ne(agents.status, 'disabled'),
          sql`${agents.runningTasks} + (${this.aheadQuery(task, now)}) < ${agents.maxConcurrency}`,
        ),
      )
      .returning();
    return row;
  }

  /** Adds one ended task to the agent's running totals. */
  async addToStats(id: string, outcome: Ended): Promise<void> {
    await this.db.update(agents).set(statsOf(outcome)).where(eq(agents.id, id));
  }

  /**
   * Gives back the slot of a task that left in_progress, with its stats if it ended, in one statement (which
   * locks the agent row). Its status is left as it was; `current_task_id` is cleared when nothing runs.
   */
  async releaseSlot(id: string, ended?: Ended): Promise<AgentRow> {
    const [row] = await this.db
      .update(agents)
      .set({
        ...(ended ? statsOf(ended) : {}),
        runningTasks: sql`${agents.runningTasks} - 1`,
        currentTaskId: sql`case when ${agents.runningTasks} > 1 then ${agents.currentTaskId} end`,
        lastActiveAt: new Date(),
      })
      .where(eq(agents.id, id))
      .returning();
    return row!;
  }

  /** Undefined when the idempotency key is already used in the workspace. */
  async insertTask(row: NewTask): Promise<TaskRow | undefined> {
    const [created] = await this.db.insert(agentTasks).values(row).onConflictDoNothing().returning();
    return created;
  }

  async findTask(workspaceId: string, id: string): Promise<TaskRow | undefined> {
    const [row] = await this.db
      .select()
      .from(agentTasks)
      .where(and(eq(agentTasks.workspaceId, workspaceId), eq(agentTasks.id, id)))
      .limit(1);
    return row;
  }

  async findTaskByKey(workspaceId: string, idempotencyKey: string): Promise<TaskRow | undefined> {
    const [row] = await this.db
      .select()
      .from(agentTasks)
      .where(and(eq(agentTasks.workspaceId, workspaceId), eq(agentTasks.idempotencyKey, idempotencyKey)))
      .limit(1);
    return row;
  }

  async lockTask(id: string): Promise<TaskRow | undefined> {
    const [row] = await this.db.select().from(agentTasks).where(eq(agentTasks.id, id)).for('no key update');
    return row;
  }

  async updateTask(id: string, patch: TaskPatch): Promise<TaskRow> {
    const [row] = await this.db
      .update(agentTasks)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(agentTasks.id, id))
      .returning();
    return row!;
  }

  async listTasks(
    workspaceId: string,
    filter: { agentId?: string; statuses?: TaskStatus[] },
    page: Page,
  ): Promise<Listing<TaskRow>> {
    const conditions = [eq(agentTasks.workspaceId, workspaceId)];
    if (filter.agentId) conditions.push(eq(agentTasks.agentId, filter.agentId));
    if (filter.statuses?.length) conditions.push(inArray(agentTasks.status, filter.statuses));
    const where = and(...conditions);
    const rows = await this.db
      .select()
      .from(agentTasks)
      .where(where)
      .orderBy(desc(agentTasks.createdAt), desc(agentTasks.id))
      .offset(page.offset)
      .limit(page.limit);
    const [total] = await this.db.select({ n: count() }).from(agentTasks).where(where);
    return { rows, total: total?.n ?? 0 };
  }

  async countRunning(agentId: string, exceptTaskId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(agentTasks)
      .where(
        and(
          eq(agentTasks.agentId, agentId),
          eq(agentTasks.status, 'in_progress'),
          ne(agentTasks.id, exceptTaskId),
        ),
      );
    return row?.n ?? 0;
  }

  /** Waiting tasks of the agent that are due and come before `task` (higher priority, or older at the same). */
  async countAhead(task: TaskRow, now: Date): Promise<number> {
    const [row] = await this.aheadQuery(task, now);
    return row?.n ?? 0;
  }

  private aheadQuery(task: TaskRow, now: Date) {
    return this.db
      .select({ n: count() })
      .from(agentTasks)
      .where(
        and(
          eq(agentTasks.agentId, task.agentId),
          eq(agentTasks.status, 'pending'),
          isNotNull(agentTasks.jobId),
          lte(agentTasks.nextRunAt, now),
          ne(agentTasks.id, task.id),
          or(
            gt(agentTasks.priority, task.priority),
            and(eq(agentTasks.priority, task.priority), lt(agentTasks.createdAt, task.createdAt)),
          ),
        ),
      );
  }

  /**
   * Starts the run of a waiting task in one statement, if the job is still the task's and attempts remain;
   * undefined otherwise (the caller then looks closer under locks). Locks the task row.
   */
  async startWaiting(taskId: string, jobId: string, workerId: string): Promise<TaskRow | undefined> {
    const now = new Date();
    const [row] = await this.db
      .update(agentTasks)
      .set({
        status: 'in_progress',
        attempts: sql`${agentTasks.attempts} + 1`,
        workerId,
        startedAt: sql`coalesce(${agentTasks.startedAt}, ${now})`,
        updatedAt: now,
      })
      .where(
        and(
          eq(agentTasks.id, taskId),
          eq(agentTasks.jobId, jobId),
          eq(agentTasks.status, 'pending'),
          lt(agentTasks.attempts, agentTasks.maxAttempts),
        ),
      )
      .returning();
    return row;
  }

  /**
   * Moves a task that a run still owns (same job, same attempt, still `from`) in one statement; undefined when
   * the run no longer owns it. Locks the task row.
   */
  async settleOwned(
    owner: { taskId: string; jobId: string; attempt: number; from: TaskStatus },
    patch: TaskPatch,
  ): Promise<TaskRow | undefined> {
    const [row] = await this.db
      .update(agentTasks)
      .set({ ...patch, updatedAt: new Date() })
      .where(
        and(
          eq(agentTasks.id, owner.taskId),
          eq(agentTasks.jobId, owner.jobId),
          eq(agentTasks.attempts, owner.attempt),
          eq(agentTasks.status, owner.from),
        ),
      )
      .returning();
    return row;
  }

  /** Tasks of the agent that wait to run but have no job: parked while the agent was disabled. */
  async parkedTasks(agentId: string): Promise<TaskRow[]> {
    return this.db
      .select()
      .from(agentTasks)
      .where(
        and(
          eq(agentTasks.agentId, agentId),
          inArray(agentTasks.status, ['pending', 'approved']),
          isNull(agentTasks.jobId),
        ),
      )
      .orderBy(desc(agentTasks.priority), asc(agentTasks.createdAt));
  }

  async insertCollaboration(row: typeof agentCollaborations.$inferInsert): Promise<void> {
    await this.db.insert(agentCollaborations).values(row);
  }

  async completeCollaborations(taskId: string): Promise<void> {
    await this.db
      .update(agentCollaborations)
      .set({ status: 'completed' })
      .where(and(eq(agentCollaborations.taskId, taskId), eq(agentCollaborations.status, 'active')));
  }

  /** Claims an effect key; false when it was claimed before (the stored result is then in `findEffect`). */
  async claimEffect(row: { id: string; workspaceId: string; taskId: string; key: string }): Promise<boolean> {
    const inserted = await this.db
      .insert(agentEffects)
      .values(row)
      .onConflictDoNothing()
      .returning({ id: agentEffects.id });
    return inserted.length > 0;
  }

  async findEffect(workspaceId: string, key: string) {
    const [row] = await this.db
      .select()
      .from(agentEffects)
      .where(and(eq(agentEffects.workspaceId, workspaceId), eq(agentEffects.key, key)))
      .limit(1);
    return row;
  }

  async storeEffectResult(id: string, result: unknown): Promise<void> {
    await this.db
      .update(agentEffects)
      .set({ result: result ?? null })
      .where(eq(agentEffects.id, id));
  }
}
