import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './agents.ts';
import type { AgencyProcess } from './process.ts';
import { slowReviewDiff as diff, workerRig } from './worker-processes.ts';

/**
 * Durable workflows on real PostgreSQL with real worker processes: executions of a review pipeline (an agent
 * step, actions with effects, a parallel group with a timer, an approval) flow while a worker is SIGKILLed in
 * the middle of their steps, again and again; then every worker is killed while the executions wait for
 * approval, a person approves with no worker running, and the workers start again. Every execution must
 * finish, every step's effect must have happened exactly once, and each approval must resume its execution
 * exactly once.
 */
const KILLS = 3;
/** More executions than the steady worker runs review tasks at once (4), so the victim gets some. */
const BURST = 6;

const { t, ownerId, workspaceId, reviewerId, startWorker, kill, query } = await workerRig('agency_wfcrash');
let workflowId: string;

beforeAll(async () => {
  const ctx = { actor: { type: 'user' as const, id: ownerId } };
  const workflow = await t.container.agents.workflows.service.createWorkflow(ctx, workspaceId, {
    name: 'Review pipeline',
    steps: [
      {
        key: 'review',
        type: 'agent',
        agent_id: reviewerId,
        task_type: 'review_diff',
        input: { diff: '{{input.diff}}', title: '{{input.title}}' },
        retry: { max_attempts: 10, backoff_seconds: 1 },
      },
      { key: 'announce', type: 'action', action: 'emit_event', input: { name: 'reviewed' } },
      {
        key: 'fan_out',
        type: 'parallel',
        steps: [
          { key: 'notify', type: 'action', action: 'emit_event', input: { name: 'notified' } },
          { key: 'cool_down', type: 'sleep', seconds: 1 },
        ],
      },
      { key: 'sign_off', type: 'approval', message: 'Merge it?' },
      { key: 'publish', type: 'action', action: 'emit_event', input: { name: 'published' } },
    ],
  });
  workflowId = workflow.id;
});

/** Workflow agent tasks a worker process is running right now (its runs stamp their rows with host:pid:…). */
const runningOn = (worker: AgencyProcess) =>
  query<{ id: string }>(
    sql`select id from agent_tasks where worker_id like ${`%:${worker.pid}:%`} and status = 'in_progress' and idempotency_key like 'workflow:%'`,
  );

/** Review tasks of workflow steps that have not ended. */
async function reviewsLeft(): Promise<number> {
  const [row] = await query<{ n: number }>(
    sql`select count(*)::int as n from agent_tasks where idempotency_key like 'workflow:%' and status in ('pending', 'in_progress')`,
  );
  return row!.n;
}

async function runBurst(count: number, offset: number): Promise<string[]> {
  const ctx = { actor: { type: 'user' as const, id: ownerId } };
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { execution } = await t.container.agents.workflows.service.run(ctx, workspaceId, workflowId, {
      diff,
      title: `Change ${offset + i}`,
    });
    ids.push(execution.id);
  }
  return ids;
}

/** Count of executions whose step `key` has the status. */
async function stepsIn(key: string, status: string): Promise<number> {
  const [row] = await query<{ n: number }>(
    sql`select count(*)::int as n from workflow_steps where key = ${key} and status = ${status}`,
  );
  return row!.n;
}

describe('durable workflows with worker processes on PostgreSQL', () => {
  it('finishes every execution with each step’s effect once, through SIGKILLs mid-step and an approval given while no worker ran', async () => {
    const steady = await startWorker();
    let victim = await startWorker();
    const executions: string[] = [];
    const interrupted = new Set<string>();

    // Phase 1: kill a worker in the middle of workflow steps, repeatedly, while executions flow.
    let kills = 0;
    for (let round = 0; kills < KILLS && round < 3 * KILLS; round++) {
      executions.push(...(await runBurst(BURST, executions.length)));
      // Until the victim holds a review, or the burst's reviews all ran elsewhere (then the round misses).
      await waitFor(
        async () => (await runningOn(victim)).length > 0 || (await reviewsLeft()) === 0,
        `worker ${victim.pid} to be in the middle of a workflow step`,
        90_000,
      );
      if ((await runningOn(victim)).length === 0) continue;
      await kill(victim);
      const cut = await runningOn(victim);
      if (cut.length > 0) kills++;
      for (const { id } of cut) interrupted.add(id);
      victim = await startWorker();
    }
    expect(kills).toBe(KILLS);

    // Every execution reaches its approval and waits there.
    await waitFor(
      async () => (await stepsIn('sign_off', 'waiting')) === executions.length,
      'every execution to wait for approval',
      180_000,
    );

    // Phase 2: every worker dies during the approval wait; a person approves while none runs.
    await kill(steady);
    await kill(victim);
    const ctx = { actor: { type: 'user' as const, id: ownerId } };
    for (const id of executions) {
      await t.container.agents.workflows.service.approve(ctx, workspaceId, id, 'sign_off', 'Ship it');
    }
    // A second answer is refused: the step left `waiting` once.
    await expect(
      t.container.agents.workflows.service.approve(ctx, workspaceId, executions[0]!, 'sign_off'),
    ).rejects.toMatchObject({ code: 'WORKFLOW_TRANSITION_INVALID' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await stepsIn('publish', 'pending')).toBe(executions.length);

    // The workers come back and each execution resumes, once.
    const again = [await startWorker(), await startWorker()];
    await waitFor(
      async () => {
        const [row] = await query<{ open: number }>(
          sql`select count(*)::int as open from workflow_executions where status not in ('completed', 'failed', 'cancelled')`,
        );
        return row!.open === 0;
      },
      'every execution to end',
      150_000,
    );
    expect(again.every((worker) => worker.child.exitCode === null)).toBe(true);

    const statuses = await query<{ status: string; n: number }>(
      sql`select status, count(*)::int as n from workflow_executions group by status`,
    );
    expect(statuses).toEqual([{ status: 'completed', n: executions.length }]);
    const stepStatuses = await query<{ status: string; n: number }>(
      sql`select status, count(*)::int as n from workflow_steps group by status`,
    );
    expect(stepStatuses).toEqual([{ status: 'completed', n: executions.length * 7 }]);

    // One review task per execution, however often its worker died; each handed over one security task.
    const reviews = await query<{ key: string; status: string; children: number }>(sql`
      select r.idempotency_key as key, r.status,
        (select count(*)::int from agent_tasks c where c.parent_task_id = r.id) as children
      from agent_tasks r where r.idempotency_key like 'workflow:%'`);
    expect(reviews).toHaveLength(executions.length);
    expect(reviews.filter((r) => r.status !== 'completed' || r.children !== 1)).toEqual([]);
    const [effects] = await query<{ n: number; keys: number }>(
      sql`select count(*)::int as n, count(distinct key)::int as keys from agent_effects`,
    );
    expect(effects).toEqual({ n: executions.length, keys: executions.length });

    // Each action's effect (a workflow.signal event) happened exactly once per execution.
    const signals = await query<{ execution: string; names: string }>(sql`
      select aggregate_id as execution, string_agg(payload->>'name', ',' order by payload->>'name') as names
      from domain_events where type = 'workflow.signal' group by aggregate_id`);
    expect(signals).toHaveLength(executions.length);
    expect(signals.filter((s) => s.names !== 'notified,published,reviewed')).toEqual([]);

    // No step started or finished twice; each approval counted once and each execution completed once.
    const repeats = await query<{ type: string; id: string; n: number }>(sql`
      select type, aggregate_id as id, count(*)::int as n from domain_events
      where type in ('workflow_step.started', 'workflow_step.completed', 'workflow_step.approved',
                     'workflow_step.waiting_for_approval', 'workflow_execution.completed')
      group by type, aggregate_id having count(*) > 1`);
    expect(repeats).toEqual([]);
    const [approvals] = await query<{ n: number }>(
      sql`select count(*)::int as n from domain_events where type = 'workflow_step.approved'`,
    );
    expect(approvals!.n).toBe(executions.length);
    // The publish step of each execution ran after its approval, once.
    const order = await query<{ approved: number; published: number }>(sql`
      select (select seq from domain_events a where a.type = 'workflow_step.approved' and a.payload->>'execution_id' = e.id::text) as approved,
             (select seq from domain_events p where p.type = 'workflow.signal' and p.aggregate_id = e.id::text and p.payload->>'name' = 'published') as published
      from workflow_executions e`);
    expect(order.filter((o) => !(Number(o.published) > Number(o.approved)))).toEqual([]);

    // The review runs cut short by a kill were run again (as a recovered attempt) to the end.
    const recovered = new Set(
      (
        await query<{ id: string }>(
          sql`select distinct aggregate_id as id from domain_events where type = 'agent_task.started' and payload->>'recovered' = 'true'`,
        )
      ).map((row) => row.id),
    );
    expect([...interrupted].filter((id) => !recovered.has(id))).toEqual([]);
  }, 420_000);
});
