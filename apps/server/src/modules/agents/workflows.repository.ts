import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/database.ts';
import { numberEvents } from '../../platform/events/sequencer.ts';
import type { Listing, Page } from './agents.repository.ts';
import { workflowExecutions, workflowSteps, workflows, type ExecutionStatus } from './workflows.schema.ts';

export type WorkflowRow = typeof workflows.$inferSelect;
export type ExecutionRow = typeof workflowExecutions.$inferSelect;
export type StepRow = typeof workflowSteps.$inferSelect;
export type StepPatch = Partial<
  Omit<typeof workflowSteps.$inferInsert, 'id' | 'executionId' | 'workspaceId'>
>;
export type ExecutionPatch = Partial<
  Omit<typeof workflowExecutions.$inferInsert, 'id' | 'workspaceId' | 'createdAt'>
>;

/** A step waiting for an event, as the event consumer matches it. */
export interface EventWait {
  executionId: string;
  key: string;
  workspaceId: string;
  eventType: string;
  eventMatch: Record<string, unknown> | null;
  sinceSeq: number;
}

/** The only code that touches the workflow tables. */
export class WorkflowsRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  with(tx: Db): WorkflowsRepository {
    return new WorkflowsRepository(tx);
  }

  /** Runs `read` in one read-only snapshot of the database. */
  readConsistently<T>(read: (tx: Db) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => read(tx as unknown as Db), {
      isolationLevel: 'repeatable read',
      accessMode: 'read only',
    });
  }

  /** The database's clock (the transaction's start): timers are set and compared on it, as the queue does. */
  async now(): Promise<Date> {
    const [row] = rowsOf<{ now: string | Date }>(await this.db.execute(sql`select now() as now`));
    return new Date(row!.now);
  }

  /**
   * The outbox position of the last recorded event (an event wait takes only those after it). Numbers the
   * committed events and this transaction's own first, so every event committed later comes after it.
   */
  async lastEventSeq(): Promise<number> {
    await numberEvents(this.db);
    const [row] = rowsOf<{ seq: string | number | null }>(
      await this.db.execute(sql`select max(seq) as seq from domain_events`),
    );
    return Number(row?.seq ?? 0);
  }

  async insertWorkflow(row: typeof workflows.$inferInsert): Promise<WorkflowRow> {
    const [created] = await this.db.insert(workflows).values(row).returning();
    return created!;
  }

  async findWorkflow(workspaceId: string, id: string): Promise<WorkflowRow | undefined> {
    const [row] = await this.db
      .select()
      .from(workflows)
      .where(and(eq(workflows.workspaceId, workspaceId), eq(workflows.id, id)))
      .limit(1);
    return row;
  }

  async lockWorkflow(workspaceId: string, id: string): Promise<WorkflowRow | undefined> {
    const [row] = await this.db
      .select()
      .from(workflows)
      .where(and(eq(workflows.workspaceId, workspaceId), eq(workflows.id, id)))
      .for('update');
    return row;
  }

  async listWorkflows(workspaceId: string, page: Page): Promise<Listing<WorkflowRow>> {
    const where = eq(workflows.workspaceId, workspaceId);
    const rows = await this.db
      .select()
      .from(workflows)
      .where(where)
      .orderBy(asc(workflows.createdAt), asc(workflows.id))
      .offset(page.offset)
      .limit(page.limit);
    const [total] = await this.db.select({ n: count() }).from(workflows).where(where);
    return { rows, total: total?.n ?? 0 };
  }

  async updateWorkflow(id: string, patch: Partial<typeof workflows.$inferInsert>): Promise<WorkflowRow> {
    const [row] = await this.db
      .update(workflows)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(workflows.id, id))
      .returning();
    return row!;
  }

  async deleteWorkflow(id: string): Promise<void> {
    await this.db.delete(workflows).where(eq(workflows.id, id));
  }

  async insertExecution(
    row: typeof workflowExecutions.$inferInsert,
    steps: Array<typeof workflowSteps.$inferInsert>,
  ): Promise<ExecutionRow> {
    const [created] = await this.db.insert(workflowExecutions).values(row).returning();
    await this.db.insert(workflowSteps).values(steps);
    return created!;
  }

  async findExecution(workspaceId: string, id: string): Promise<ExecutionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(workflowExecutions)
      .where(and(eq(workflowExecutions.workspaceId, workspaceId), eq(workflowExecutions.id, id)))
      .limit(1);
    return row;
  }

  /** Locks the execution until the transaction ends: every change to it or its steps goes through this lock. */
  async lockExecution(id: string): Promise<ExecutionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(workflowExecutions)
      .where(eq(workflowExecutions.id, id))
      .for('no key update');
    return row;
  }

  async listExecutions(
    workspaceId: string,
    filter: { workflowId?: string; statuses?: ExecutionStatus[] },
    page: Page,
  ): Promise<Listing<ExecutionRow>> {
    const conditions = [eq(workflowExecutions.workspaceId, workspaceId)];
    if (filter.workflowId) conditions.push(eq(workflowExecutions.workflowId, filter.workflowId));
    if (filter.statuses?.length) conditions.push(inArray(workflowExecutions.status, filter.statuses));
    const where = and(...conditions);
    const rows = await this.db
      .select()
      .from(workflowExecutions)
      .where(where)
      .orderBy(desc(workflowExecutions.createdAt), desc(workflowExecutions.id))
      .offset(page.offset)
      .limit(page.limit);
    const [total] = await this.db.select({ n: count() }).from(workflowExecutions).where(where);
    return { rows, total: total?.n ?? 0 };
  }

  async updateExecution(id: string, patch: ExecutionPatch): Promise<ExecutionRow> {
    const [row] = await this.db
      .update(workflowExecutions)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(workflowExecutions.id, id))
      .returning();
    return row!;
  }

  /** The execution's steps in definition order (a group before its members). */
  async steps(executionId: string): Promise<StepRow[]> {
    return this.db
      .select()
      .from(workflowSteps)
      .where(eq(workflowSteps.executionId, executionId))
      .orderBy(asc(workflowSteps.position));
  }

  async stepsOf(executionIds: string[]): Promise<StepRow[]> {
    if (executionIds.length === 0) return [];
    return this.db
      .select()
      .from(workflowSteps)
      .where(inArray(workflowSteps.executionId, executionIds))
      .orderBy(asc(workflowSteps.position));
  }

  async updateStep(id: string, patch: StepPatch): Promise<StepRow> {
    const [row] = await this.db
      .update(workflowSteps)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(workflowSteps.id, id))
      .returning();
    return row!;
  }

  /** Executions with a step that runs this agent task. */
  /** Executions that are not over, by the tasks their steps run; and the newest outbox position, same snapshot. */
  async executionsByTask(): Promise<{ rows: Map<string, string[]>; upTo: number }> {
    const rows = rowsOf<{ task_id: string | null; execution_id: string | null; up_to: string | number }>(
      await this.db.execute(sql`
        select s.task_id, s.execution_id, (select coalesce(max(seq), 0) from domain_events) as up_to
        from (select 1) one
        left join (
          select s.task_id, s.execution_id from workflow_steps s
          join workflow_executions e on e.id = s.execution_id
          where s.task_id is not null and e.status in ('pending', 'running', 'waiting')
        ) s on true`),
    );
    const byTask = new Map<string, string[]>();
    for (const row of rows) {
      if (!row.task_id || !row.execution_id) continue;
      byTask.set(row.task_id, [...(byTask.get(row.task_id) ?? []), row.execution_id]);
    }
    return { rows: byTask, upTo: Number(rows[0]!.up_to) };
  }

  /** Every step waiting for an event; and the newest outbox position, same snapshot. */
  async allEventWaits(): Promise<{ rows: EventWait[]; upTo: number }> {
    const rows = rowsOf<{
      execution_id: string | null;
      key: string;
      workspace_id: string;
      event_type: string;
      event_match: Record<string, unknown> | null;
      since_seq: string | number | null;
      up_to: string | number;
    }>(
      await this.db.execute(sql`
        select w.*, (select coalesce(max(seq), 0) from domain_events) as up_to
        from (select 1) one
        left join (
          select execution_id, key, workspace_id, event_type, event_match, since_seq from workflow_steps
          where status = 'waiting' and event_type is not null
        ) w on true`),
    );
    const waits = rows
      .filter((row) => row.execution_id)
      .map((row) => ({
        executionId: row.execution_id!,
        key: row.key,
        workspaceId: row.workspace_id,
        eventType: row.event_type,
        eventMatch: row.event_match,
        sinceSeq: Number(row.since_seq ?? 0),
      }));
    return { rows: waits, upTo: Number(rows[0]!.up_to) };
  }
}
