import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rowsOf } from '../../platform/db/database.ts';
import { agentsApi, waitFor, type TaskJson } from '../../../test/agents.ts';
import { newUser, newWorkspace, type TestUser, type TestWorkspace } from '../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { PermanentTaskError, type AgentKind, type TaskContext } from './index.ts';

/**
 * The runtime end to end: tasks go through the real queue (pg-boss on this test's database) to test agent
 * kinds registered here, exactly as built-in kinds are.
 */
let t: TestApp;
let owner: TestUser;
let workspace: TestWorkspace;
let api: ReturnType<typeof agentsApi>;

/** What the test kinds saw, per task. */
const seen = new Map<
  string,
  { attempts: number[]; aborted: string[]; reviews: unknown[]; startedAt: number[] }
>();
const record = (ctx: TaskContext) => {
  const entry = seen.get(ctx.task.id) ?? { attempts: [], aborted: [], reviews: [], startedAt: [] };
  entry.attempts.push(ctx.task.attempt);
  entry.startedAt.push(Date.now());
  entry.reviews = ctx.task.reviews;
  seen.set(ctx.task.id, entry);
  ctx.signal.addEventListener('abort', () =>
    entry.aborted.push(String((ctx.signal.reason as Error).message)),
  );
  return entry;
};

/** Gates that a test opens to let held tasks finish. */
const gates = new Map<string, () => void>();
let running = 0;
let mostRunning = 0;
const held = (ctx: TaskContext) =>
  new Promise<void>((resolve, reject) => {
    running++;
    mostRunning = Math.max(mostRunning, running);
    const done = () => {
      running--;
      resolve();
    };
    gates.set(ctx.task.id, done);
    ctx.signal.addEventListener('abort', () => {
      running--;
      reject(ctx.signal.reason as Error);
    });
  });

/** Ignores its signal, waits for its gate, then tries an effect: what a run that outlives its task does. */
const lateEffects = new Map<string, string>();
async function holdThenPost(ctx: TaskContext) {
  await new Promise<void>((resolve) => gates.set(ctx.task.id, resolve));
  try {
    await ctx.performOnce('late', async () => ({ posted: true }));
    lateEffects.set(ctx.task.id, 'performed');
  } catch (error) {
    lateEffects.set(ctx.task.id, (error as Error).message);
  }
}

const input = z.looseObject({
  behaviour: z
    .enum(['succeed', 'fail', 'fail_then_succeed', 'refuse', 'hang', 'hold', 'hold_then_post'])
    .default('succeed'),
  failures: z.number().int().optional(),
  value: z.string().optional(),
});

const workerKind: AgentKind = {
  type: 'test_worker',
  role: 'executor',
  description: 'Does what its input says.',
  capabilities: ['testing'],
  taskTypes: { work: input },
  configuration: z.strictObject({}),
  async execute(ctx) {
    const entry = record(ctx);
    const { behaviour, failures = 0, value } = input.parse(ctx.task.input);
    if (behaviour === 'fail') throw new Error(`failure ${ctx.task.attempt}`);
    if (behaviour === 'fail_then_succeed' && entry.attempts.length <= failures) throw new Error('not yet');
    if (behaviour === 'refuse') throw new PermanentTaskError('cannot do this');
    if (behaviour === 'hang') await new Promise(() => undefined);
    if (behaviour === 'hold') await held(ctx);
    if (behaviour === 'hold_then_post') await holdThenPost(ctx);
    return { output: { echoed: value ?? null, attempt: ctx.task.attempt } };
  },
};

/** Posts a draft only after approval, through performOnce; redrafts with the reviewer's reasons. */
const posts: string[] = [];
const applyRuns = new Map<string, number>();
const writerKind: AgentKind = {
  type: 'test_writer',
  role: 'executor',
  description: 'Drafts, waits for approval, then posts.',
  capabilities: ['writing'],
  taskTypes: { draft: z.looseObject({ topic: z.string() }) },
  configuration: z.strictObject({}),
  defaults: { requiresApproval: true },
  redrafts: true,
  async execute(ctx) {
    record(ctx);
    const notes = ctx.task.reviews.filter((r) => r.decision === 'rejected').map((r) => r.reason);
    return { output: { draft: `About ${String(ctx.task.input.topic)} (v${ctx.task.revision + 1})`, notes } };
  },
  async apply(ctx) {
    const runs = (applyRuns.get(ctx.task.id) ?? 0) + 1;
    applyRuns.set(ctx.task.id, runs);
    const draft = String(ctx.task.previousOutput?.draft);
    const posted = await ctx.performOnce('post', async (_tx, key) => {
      posts.push(`${key} ${draft}`);
      return { url: `https://example.test/posts/${posts.length}` };
    });
    // The first apply run dies after posting, as a crash would: the retry must not post again.
    if (runs === 1) throw new Error('lost the connection after posting');
    return posted;
  },
};

const rejectOnlyKind: AgentKind = {
  ...writerKind,
  type: 'test_reviewer',
  redrafts: false,
  apply: undefined,
};

beforeAll(async () => {
  t = await createTestApp();
  for (const kind of [workerKind, writerKind, rejectOnlyKind]) t.container.agents.kinds.register(kind);
  await t.container.jobs.startWorkers();
  owner = await newUser(t);
  workspace = await newWorkspace(t, owner);
  api = agentsApi(t, workspace, owner);
});
afterAll(() => t?.close());

let agentCount = 0;
const newAgent = (agentType = 'test_worker', extra: object = {}) =>
  api.createAgent({ name: `Agent ${++agentCount}`, agent_type: agentType, ...extra });
const work = (agentId: string, taskInput: object, extra: object = {}) =>
  api.createTask({ agent_id: agentId, task_type: 'work', input: taskInput, ...extra });

async function eventsOf(taskId: string): Promise<string[]> {
  const rows = rowsOf<{ type: string }>(
    await t.database.db.execute(
      sql`select type from domain_events where aggregate_id = ${taskId} order by insert_seq`,
    ),
  );
  return rows.map((r) => r.type);
}

describe('a task through the real queue', () => {
  it('runs, completes with its output, records every step and counts in the agent stats', async () => {
    const agent = await newAgent();
    const task = await work(agent.id, { value: 'hello' });
    expect(task.status).toBe('pending');
    const done = await api.settled(task.id, ['completed']);
    expect(done.output_data).toEqual({ echoed: 'hello', attempt: 1 });
    expect(done.attempts).toBe(1);
    expect(done.completed_at).not.toBeNull();
    expect(await eventsOf(task.id)).toEqual([
      'agent_task.created',
      'agent_task.started',
      'agent_task.completed',
    ]);
    const after = await api.agent(agent.id);
    expect(after).toMatchObject({
      status: 'idle',
      total_tasks_completed: 1,
      total_tasks_failed: 0,
      success_rate: 100,
      current_task_id: null,
    });
    expect(after.average_duration_seconds).toBeGreaterThanOrEqual(0);
    const audit = rowsOf<{ actor_type: string; actor_id: string; on_behalf_of: string }>(
      await t.database.db.execute(
        sql`select actor_type, actor_id, on_behalf_of from activity_log where object_id = ${task.id} and action = 'agent_task.completed'`,
      ),
    );
    expect(audit).toEqual([{ actor_type: 'agent', actor_id: agent.id, on_behalf_of: owner.id }]);
  });

  it('shows the agent working while a task runs, then idle again', async () => {
    const agent = await newAgent();
    const task = await work(agent.id, { behaviour: 'hold' });
    await waitFor(async () => gates.has(task.id), 'the task to start');
    expect(await api.agent(agent.id)).toMatchObject({ status: 'working', current_task_id: task.id });
    expect((await api.task(task.id)).status).toBe('in_progress');
    gates.get(task.id)!();
    await api.settled(task.id, ['completed']);
    expect((await api.agent(agent.id)).status).toBe('idle');
  });
});

describe('retries', () => {
  it('retries a failing task with exponential backoff, then dead-letters it and marks the agent in error', async () => {
    const agent = await newAgent();
    const task = await work(agent.id, { behaviour: 'fail' }, { max_attempts: 3, retry_backoff_seconds: 1 });
    const dead = await api.settled(task.id, ['dead_letter']);
    expect(dead.attempts).toBe(3);
    expect(dead.error_message).toBe('failure 3');
    expect(seen.get(task.id)!.attempts).toEqual([1, 2, 3]);
    expect(await eventsOf(task.id)).toEqual([
      'agent_task.created',
      'agent_task.started',
      'agent_task.retry_scheduled',
      'agent_task.started',
      'agent_task.retry_scheduled',
      'agent_task.started',
      'agent_task.dead_lettered',
    ]);
    // Each retry was scheduled base × 2^(attempt-1) after its failure, and did not start before that.
    const retries = rowsOf<{ payload: { next_run_at: string; attempt: number }; occurred_at: Date }>(
      await t.database.db.execute(
        sql`select payload, occurred_at from domain_events where aggregate_id = ${task.id} and type = 'agent_task.retry_scheduled' order by insert_seq`,
      ),
    );
    const delays = retries.map(
      (r) => new Date(r.payload.next_run_at).getTime() - new Date(r.occurred_at).getTime(),
    );
    expect(delays[0]).toBeGreaterThanOrEqual(900);
    expect(delays[0]).toBeLessThan(1900);
    expect(delays[1]).toBeGreaterThanOrEqual(1900);
    expect(delays[1]).toBeLessThan(2900);
    const starts = seen.get(task.id)!.startedAt;
    retries.forEach((r, i) =>
      expect(starts[i + 1]).toBeGreaterThanOrEqual(new Date(r.payload.next_run_at).getTime()),
    );
    expect(await api.agent(agent.id)).toMatchObject({
      status: 'error',
      total_tasks_failed: 1,
      success_rate: 0,
    });
  });

  it('completes a task that succeeds on a retry', async () => {
    const agent = await newAgent();
    const task = await work(
      agent.id,
      { behaviour: 'fail_then_succeed', failures: 1 },
      { max_attempts: 3, retry_backoff_seconds: 1 },
    );
    const done = await api.settled(task.id, ['completed']);
    expect(done).toMatchObject({ attempts: 2, output_data: { attempt: 2 }, error_message: null });
  });

  it('fails a task for good at once when the agent refuses it', async () => {
    const agent = await newAgent();
    const task = await work(agent.id, { behaviour: 'refuse' }, { max_attempts: 5 });
    const failed = await api.settled(task.id, ['failed']);
    expect(failed).toMatchObject({ attempts: 1, error_message: 'cannot do this' });
    expect((await api.agent(agent.id)).status).toBe('error');
  });
});

describe('timeouts', () => {
  it('stops a run at its timeout, aborts its signal, retries, then dead-letters it', async () => {
    const agent = await newAgent();
    const task = await work(
      agent.id,
      { behaviour: 'hang' },
      { timeout_seconds: 1, max_attempts: 2, retry_backoff_seconds: 1 },
    );
    const dead = await api.settled(task.id, ['dead_letter']);
    expect(dead.attempts).toBe(2);
    expect(dead.error_message).toBe('Timed out after 1 s.');
    expect(seen.get(task.id)!.aborted).toEqual(['Timed out after 1 s.', 'Timed out after 1 s.']);
  });
});

describe('cancellation', () => {
  it('stops a running task at once; an effect it tries afterwards is refused', async () => {
    const agent = await newAgent();
    const task = await work(agent.id, { behaviour: 'hold_then_post' });
    await waitFor(async () => gates.has(task.id), 'the task to start');
    const cancelled = await api.cancel(task.id);
    expect(cancelled.status).toBe('cancelled');
    await waitFor(async () => seen.get(task.id)!.aborted.length > 0, 'the run to be aborted');
    expect(seen.get(task.id)!.aborted).toEqual(['The task was cancelled.']);
    expect((await api.agent(agent.id)).status).toBe('idle');
    gates.get(task.id)!();
    await waitFor(async () => lateEffects.get(task.id), 'the late effect attempt');
    expect(lateEffects.get(task.id)).toBe('This run no longer owns the task.');
    const effects = rowsOf(
      await t.database.db.execute(sql`select 1 from agent_effects where task_id = ${task.id}`),
    );
    expect(effects).toEqual([]);
    expect((await api.task(task.id)).status).toBe('cancelled');
    const late = await t.request({
      method: 'POST',
      url: `/api/v1/workspaces/${workspace.slug}/agent-tasks/${task.id}/cancel`,
      headers: { cookie: owner.cookie },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ error: { code: 'TASK_TRANSITION_INVALID' } });
  });

  it('cancels a waiting task so that it never runs', async () => {
    const agent = await newAgent();
    const first = await work(agent.id, { behaviour: 'hold' });
    const second = await work(agent.id, { value: 'never' });
    await waitFor(async () => gates.has(first.id), 'the first task to start');
    expect((await api.cancel(second.id)).status).toBe('cancelled');
    gates.get(first.id)!();
    await api.settled(first.id, ['completed']);
    const third = await work(agent.id, { value: 'after' });
    await api.settled(third.id, ['completed']);
    expect(seen.has(second.id)).toBe(false);
    expect((await api.task(second.id)).status).toBe('cancelled');
  });
});

describe('priorities and the concurrency limit', () => {
  it('runs waiting tasks of an agent highest priority first, oldest first among equals', async () => {
    const agent = await newAgent();
    const blocker = await work(agent.id, { behaviour: 'hold' });
    await waitFor(async () => gates.has(blocker.id), 'the blocker to start');
    const tasks: TaskJson[] = [];
    for (const priority of [3, 9, 5, 9, 1, 7])
      tasks.push(await work(agent.id, { value: `p${priority}` }, { priority }));
    gates.get(blocker.id)!();
    await Promise.all(tasks.map((task) => api.settled(task.id, ['completed'])));
    const order = tasks
      .map((task) => ({ id: task.id, started: seen.get(task.id)!.startedAt[0]! }))
      .sort((a, b) => a.started - b.started)
      .map((x) => tasks.findIndex((task) => task.id === x.id));
    expect(order).toEqual([1, 3, 5, 2, 0, 4]);
  });

  it('never runs more tasks of one agent at once than its limit', async () => {
    const agent = await newAgent('test_worker', { max_concurrency: 2 });
    running = 0;
    mostRunning = 0;
    const tasks = await Promise.all(Array.from({ length: 6 }, () => work(agent.id, { behaviour: 'hold' })));
    for (let released = 0; released < tasks.length; released++) {
      // Wait until two run, let one finish.
      const open = await waitFor(async () => {
        const ids = tasks.map((task) => task.id).filter((id) => gates.has(id));
        return ids.length >= Math.min(2, tasks.length - released) && ids;
      }, 'two tasks to run');
      expect(running).toBeLessThanOrEqual(2);
      const id = open[0]!;
      const release = gates.get(id)!;
      gates.delete(id);
      release();
      await api.settled(id, ['completed']);
    }
    expect(mostRunning).toBe(2);
    // Every slot was given back: the agent is idle, and a new task starts at once.
    expect(await api.agent(agent.id)).toMatchObject({ status: 'idle', current_task_id: null });
    const next = await work(agent.id, { value: 'after' });
    await api.settled(next.id, ['completed']);
  });
});

describe('approval', () => {
  it('waits for a person, applies the approved result once even when the apply step is retried', async () => {
    const agent = await newAgent('test_writer');
    const task = await api.createTask({
      agent_id: agent.id,
      task_type: 'draft',
      input: { topic: 'launch' },
      retry_backoff_seconds: 1,
    });
    const waiting = await api.settled(task.id, ['needs_approval']);
    expect(waiting.output_data).toEqual({ draft: 'About launch (v1)', notes: [] });
    expect((await api.agent(agent.id)).status).toBe('idle');
    const approved = await api.approve(task.id, 'ship it');
    expect(approved.status).toBe('approved');
    const done = await api.settled(task.id, ['completed']);
    expect(done.output_data).toMatchObject({
      draft: 'About launch (v1)',
      applied: { url: 'https://example.test/posts/1' },
    });
    expect(posts.filter((p) => p.includes(task.id))).toEqual([`task:${task.id}:post About launch (v1)`]);
    expect(done.reviews).toMatchObject([{ decision: 'approved', reason: 'ship it', by: owner.id }]);
    expect(await eventsOf(task.id)).toEqual([
      'agent_task.created',
      'agent_task.started',
      'agent_task.needs_approval',
      'agent_task.approved',
      'agent_task.applying',
      'agent_task.retry_scheduled',
      'agent_task.applying',
      'agent_task.completed',
    ]);
  });

  it('sends a rejection reason back to an agent that redrafts, and the new draft waits again', async () => {
    const agent = await newAgent('test_writer');
    const task = await api.createTask({
      agent_id: agent.id,
      task_type: 'draft',
      input: { topic: 'pricing' },
    });
    await api.settled(task.id, ['needs_approval']);
    const back = await api.reject(task.id, 'too long, and mention the free tier');
    expect(back).toMatchObject({ status: 'pending', revision: 1 });
    const redraft = await api.settled(task.id, ['needs_approval']);
    expect(redraft.output_data).toEqual({
      draft: 'About pricing (v2)',
      notes: ['too long, and mention the free tier'],
    });
    expect(seen.get(task.id)!.reviews).toMatchObject([
      { decision: 'rejected', reason: 'too long, and mention the free tier', by: owner.id },
    ]);
  });

  it('ends the task on rejection when the agent does not redraft', async () => {
    const agent = await newAgent('test_reviewer');
    const task = await api.createTask({ agent_id: agent.id, task_type: 'draft', input: { topic: 'x' } });
    await api.settled(task.id, ['needs_approval']);
    const rejected = await api.reject(task.id, 'wrong audience');
    expect(rejected).toMatchObject({ status: 'rejected', error_message: 'wrong audience' });
    expect(await api.agent(agent.id)).toMatchObject({ total_tasks_failed: 1, status: 'error' });
    const again = await t.request({
      method: 'POST',
      url: `/api/v1/workspaces/${workspace.slug}/agent-tasks/${task.id}/approve`,
      headers: { cookie: owner.cookie },
    });
    expect(again.json()).toMatchObject({ error: { code: 'TASK_TRANSITION_INVALID' } });
  });

  it('asks for approval when the task itself requires it', async () => {
    const agent = await newAgent();
    const task = await work(agent.id, { value: 'check me' }, { requires_human_approval: true });
    await api.settled(task.id, ['needs_approval']);
    const approved = await api.approve(task.id);
    // This kind has no apply step: approval completes the task.
    expect(approved.status).toBe('completed');
    expect((await api.agent(agent.id)).total_tasks_completed).toBe(1);
  });
});

describe('agent lifecycle', () => {
  it('refuses to disable a working agent or to declare it idle', async () => {
    const agent = await newAgent();
    const busy = await work(agent.id, { behaviour: 'hold' });
    await waitFor(async () => gates.has(busy.id), 'the task to start');
    const refused = await api.send('PATCH', `/agents/${agent.id}`, { status: 'disabled' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'AGENT_TRANSITION_INVALID', field: 'status' } });
    const declaredIdle = await api.send('PATCH', `/agents/${agent.id}`, { status: 'idle' });
    expect(declaredIdle.json()).toMatchObject({
      error: { code: 'AGENT_TRANSITION_INVALID', field: 'status' },
    });
    expect((await api.agent(agent.id)).status).toBe('working');
    gates.get(busy.id)!();
    await api.settled(busy.id, ['completed']);
  });

  it('parks the waiting tasks of a disabled agent and runs them once it is enabled', async () => {
    const agent = await newAgent();
    const task = await work(
      agent.id,
      { behaviour: 'fail_then_succeed', failures: 1 },
      { retry_backoff_seconds: 3 },
    );
    // After its first failure the task waits out its backoff; the agent is idle meanwhile.
    await waitFor(
      async () => (await api.task(task.id)).attempts === 1 && (await api.task(task.id)).status === 'pending',
      'the first failure',
    );
    const disabled = await api.send('PATCH', `/agents/${agent.id}`, { status: 'disabled' });
    expect(disabled.json()).toMatchObject({ status: 'disabled' });
    await waitFor(async () => {
      const [row] = rowsOf<{ job_id: string | null }>(
        await t.database.db.execute(sql`select job_id from agent_tasks where id = ${task.id}`),
      );
      return row!.job_id === null;
    }, 'the due task to be parked');
    expect(await api.task(task.id)).toMatchObject({ status: 'pending', attempts: 1 });
    const refusedTask = await api.send('POST', '/agent-tasks', {
      agent_id: agent.id,
      task_type: 'work',
      input: {},
    });
    expect(refusedTask.json()).toMatchObject({ error: { code: 'AGENT_DISABLED', field: 'agent_id' } });
    const enabled = await api.send('PATCH', `/agents/${agent.id}`, { status: 'idle' });
    expect(enabled.json()).toMatchObject({ status: 'idle' });
    expect(await api.settled(task.id, ['completed'])).toMatchObject({ attempts: 2 });
  });

  it('resets an agent in error to idle, and refuses statuses only the runtime sets', async () => {
    const agent = await newAgent();
    const task = await work(agent.id, { behaviour: 'refuse' });
    await api.settled(task.id, ['failed']);
    expect((await api.agent(agent.id)).status).toBe('error');
    const working = await api.send('PATCH', `/agents/${agent.id}`, { status: 'working' });
    expect(working.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'status' } });
    const reset = await api.send('PATCH', `/agents/${agent.id}`, { status: 'idle' });
    expect(reset.json()).toMatchObject({ status: 'idle' });
  });
});
