import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { systemContext } from '../src/platform/events/actor.ts';
import { waitFor } from './agents.ts';
import type { AgencyProcess } from './process.ts';
import { slowReviewDiff as diff, workerRig } from './worker-processes.ts';

/**
 * Crash safety on real PostgreSQL: two `agency-os start --role worker` processes share one fresh database
 * while code reviews flow in; one of them is SIGKILLed in the middle of tasks, again and again. Every task
 * must end, the interrupted ones included, and no effect (the security task a review hands over) may happen
 * twice.
 */
const KILLS = 4;
const BURST = 12;

const { t, workspaceId, reviewerId, startWorker, kill, query } = await workerRig('agency_crash');

/** Tasks a worker process is running right now (its runs stamp their rows with host:pid:…). */
const runningOn = (worker: AgencyProcess) =>
  query<{ id: string }>(
    sql`select id from agent_tasks where worker_id like ${`%:${worker.pid}:%`} and status in ('in_progress', 'approved')`,
  );

async function addReviews(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await t.container.agents.service.createTask(systemContext, workspaceId, reviewerId, {
      taskType: 'review_diff',
      input: { diff, title: `Change ${i}` },
      maxAttempts: 10,
    });
  }
}

/** Signs off every security triage that waits for a person, as someone watching the console would. */
async function approveWaiting(): Promise<void> {
  const waiting = await query<{ id: string }>(
    sql`select id from agent_tasks where status = 'needs_approval'`,
  );
  for (const { id } of waiting) {
    await t.container.agents.service.approve(systemContext, workspaceId, id).catch(() => undefined);
  }
}

/** Runs `work` while signing off, every 200 ms, each security triage that waits for a person. */
async function whileApproving<T>(work: () => Promise<T>): Promise<T> {
  let approving = true;
  const approver = (async () => {
    while (approving) {
      await approveWaiting().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  try {
    return await work();
  } finally {
    approving = false;
    await approver;
  }
}

describe('crash safety with two worker processes on PostgreSQL', () => {
  it('finishes every task and performs every effect once while a worker is SIGKILLed mid-task, repeatedly', async () => {
    const steady = await startWorker();
    let victim = await startWorker();
    const interrupted = new Set<string>();
    let reviewCount = 0;
    const total = await whileApproving(async () => {
      // A kill counts when the dead process still held a task; rounds are bounded in case one keeps missing.
      let kills = 0;
      for (let round = 0; kills < KILLS && round < 3 * KILLS; round++) {
        await addReviews(BURST);
        reviewCount += BURST;
        await waitFor(
          async () => (await runningOn(victim)).length > 0,
          `worker ${victim.pid} to be in the middle of a task`,
          60_000,
        );
        await kill(victim);
        // What the dead process still holds was cut short (no other worker takes it before its heartbeat lapses).
        const cut = await runningOn(victim);
        if (cut.length > 0) kills++;
        for (const { id } of cut) interrupted.add(id);
        victim = await startWorker();
      }
      expect(kills).toBe(KILLS);
      return waitFor(
        async () => {
          await approveWaiting();
          const [row] = await query<{ open: number; all: number }>(
            sql`select count(*) filter (where status not in ('completed', 'failed', 'rejected', 'cancelled', 'dead_letter'))::int as open, count(*)::int as all from agent_tasks`,
          );
          return row!.open === 0 && row!.all;
        },
        'every task to reach a final state',
        150_000,
      );
    });
    expect(steady.child.exitCode).toBeNull();

    const reviews = await query<{ id: string; status: string; attempts: number; children: number }>(sql`
        select r.id, r.status, r.attempts, (select count(*)::int from agent_tasks c where c.parent_task_id = r.id) as children
        from agent_tasks r where r.agent_id = ${reviewerId}`);
    expect(reviews).toHaveLength(reviewCount);
    expect(total).toBe(2 * reviewCount);
    // Every review completed and handed over exactly one security task, however often it ran.
    expect(reviews.filter((r) => r.status !== 'completed' || r.children !== 1)).toEqual([]);
    const statuses = await query<{ status: string; n: number }>(
      sql`select status, count(*)::int as n from agent_tasks group by status`,
    );
    expect(statuses).toEqual([{ status: 'completed', n: 2 * reviewCount }]);
    const [effects] = await query<{ n: number; keys: number }>(
      sql`select count(*)::int as n, count(distinct key)::int as keys from agent_effects`,
    );
    expect(effects).toEqual({ n: reviewCount, keys: reviewCount });
    const [collaborations] = await query<{ n: number }>(
      sql`select count(*)::int as n from agent_collaborations`,
    );
    expect(collaborations!.n).toBe(reviewCount);

    // The runs cut short by a kill were started again (as a recovered attempt) and run to the end.
    const recoveredIds = await query<{ id: string }>(
      sql`select distinct aggregate_id as id from domain_events where type = 'agent_task.started' and payload->>'recovered' = 'true'`,
    );
    const recovered = new Set(recoveredIds.map((row) => row.id));
    expect([...interrupted].filter((id) => !recovered.has(id))).toEqual([]);
  }, 300_000);
});
