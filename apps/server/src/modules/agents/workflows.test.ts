import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rowsOf } from '../../platform/db/database.ts';
import { agentsApi, waitFor, type TaskJson } from '../../../test/agents.ts';
import { newUser, newWorkspace, type TestUser, type TestWorkspace } from '../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import type { AgentKind, WorkflowAction } from './index.ts';
import { assertExecutionMove, assertStepMove, canMoveExecution, canMoveStep } from './workflow-lifecycle.ts';

/**
 * Workflows end to end: definitions through the API, executions advanced by the real queue (pg-boss on this
 * test's database) and woken by the real outbox dispatcher, agent steps run by agent kinds registered here.
 */
let t: TestApp;
let owner: TestUser;
let workspace: TestWorkspace;
let agents: ReturnType<typeof agentsApi>;
let api: ReturnType<typeof workflowsApi>;

/** Gates that a test opens to let held agent tasks finish; when each held task started. */
const gates = new Map<string, () => void>();
const heldSince = new Map<string, number>();
const input = z.looseObject({
  behaviour: z.enum(['echo', 'fail', 'hold']).default('echo'),
  value: z.unknown().optional(),
});
const stepKind: AgentKind = {
  type: 'wf_worker',
  role: 'executor',
  description: 'Does what its input says.',
  capabilities: ['testing'],
  taskTypes: { work: input },
  configuration: z.strictObject({}),
  async execute(ctx) {
    const { behaviour, value } = input.parse(ctx.task.input);
    if (behaviour === 'fail') throw new Error(`failure ${ctx.task.attempt}`);
    if (behaviour === 'hold') {
      heldSince.set(ctx.task.id, Date.now());
      await new Promise<void>((resolve, reject) => {
        gates.set(ctx.task.id, resolve);
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error));
      });
    }
    return { output: { echoed: value ?? null, attempt: ctx.task.attempt } };
  },
};

/** Fails its first `failures` attempts per execution step; remembers each call. */
const flakyCalls: Array<{ executionId: string; stepKey: string; attempt: number }> = [];
const flakyAction: WorkflowAction = {
  name: 'flaky',
  description: 'Fails a number of times, then succeeds.',
  input: z.strictObject({ failures: z.number().int() }),
  async run({ executionId, stepKey, attempt, input: given }) {
    flakyCalls.push({ executionId, stepKey, attempt });
    if (attempt <= (given.failures as number)) throw new Error(`flaky failure ${attempt}`);
    return { attempt };
  },
};

beforeAll(async () => {
  t = await createTestApp();
  t.container.agents.kinds.register(stepKind);
  t.container.agents.workflows.actions.register(flakyAction);
  await t.container.jobs.startWorkers();
  t.container.dispatcher.start();
  owner = await newUser(t);
  workspace = await newWorkspace(t, owner);
  agents = agentsApi(t, workspace, owner);
  api = workflowsApi(t, workspace, owner);
});
afterAll(() => t?.close());

interface StepJson {
  key: string;
  type: string;
  status: string;
  attempts: number;
  max_attempts: number;
  parent_key: string | null;
  task_id: string | null;
  output: Record<string, unknown> | null;
  error: string | null;
  decision: { decision: string; reason: string | null; by: string | null } | null;
  wake_at: string | null;
  started_at: string | null;
  finished_at: string | null;
}
interface ExecutionJson {
  id: string;
  status: string;
  error: string | null;
  workflow_id: string | null;
  steps: StepJson[];
}

function workflowsApi(app: TestApp, space: TestWorkspace, user: TestUser) {
  const base = `/api/v1/workspaces/${space.slug}`;
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    app.request({ method, url: `${base}${url}`, headers: { cookie: user.cookie }, payload });
  const ok = async <T>(response: Promise<LightMyRequestResponse>, status: number): Promise<T> => {
    const r = await response;
    if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
    return r.json<T>();
  };
  const execution = (id: string) => ok<ExecutionJson>(send('GET', `/workflow-executions/${id}`), 200);
  return {
    send,
    define: (steps: object[], name = 'Flow') =>
      ok<{ id: string; version: number }>(send('POST', '/workflows', { name, steps }), 201),
    run: (id: string, runInput?: object) =>
      ok<ExecutionJson>(
        send('POST', `/workflows/${id}/run`, runInput ? { input: runInput } : undefined),
        201,
      ),
    execution,
    approve: (id: string, key: string, comment?: string) =>
      send('POST', `/workflow-executions/${id}/steps/${key}/approve`, comment ? { comment } : undefined),
    reject: (id: string, key: string, reason: string) =>
      send('POST', `/workflow-executions/${id}/steps/${key}/reject`, { reason }),
    cancel: (id: string) => send('POST', `/workflow-executions/${id}/cancel`, { reason: 'Not needed' }),
    /** Waits until `probe` holds for the execution. */
    until: (id: string, probe: (e: ExecutionJson) => boolean, what: string, timeoutMs = 30_000) =>
      waitFor(
        async () => {
          const e = await execution(id);
          return probe(e) && e;
        },
        `execution ${id}: ${what}`,
        timeoutMs,
      ),
  };
}

const step = (e: ExecutionJson, key: string) => e.steps.find((s) => s.key === key)!;
const ended = (e: ExecutionJson) => ['completed', 'failed', 'cancelled'].includes(e.status);
let agentCount = 0;
const newAgent = async () =>
  (await agents.createAgent({ name: `Worker ${++agentCount}`, agent_type: 'wf_worker', max_concurrency: 4 }))
    .id;

async function eventTypes(objectIds: string[]): Promise<string[]> {
  const rows = rowsOf<{ type: string }>(
    await t.database.db.execute(
      sql`select type from domain_events where aggregate_id in ${objectIds} order by insert_seq`,
    ),
  );
  return rows.map((r) => r.type);
}

describe('lifecycles', () => {
  it('allow only the edges of the execution and step state machines', () => {
    expect(canMoveExecution('pending', 'running')).toBe(true);
    expect(canMoveExecution('running', 'waiting')).toBe(true);
    expect(canMoveExecution('waiting', 'running')).toBe(true);
    expect(canMoveExecution('completed', 'running')).toBe(false);
    expect(canMoveExecution('cancelled', 'cancelled')).toBe(false);
    expect(canMoveStep('waiting', 'completed')).toBe(true);
    expect(canMoveStep('running', 'pending')).toBe(true);
    expect(canMoveStep('completed', 'completed')).toBe(false);
    expect(canMoveStep('failed', 'pending')).toBe(false);
    expect(canMoveStep('pending', 'completed')).toBe(false);
    expect(() => assertExecutionMove('failed', 'cancelled')).toThrow(
      expect.objectContaining({
        code: 'WORKFLOW_TRANSITION_INVALID',
        message: 'A failed workflow execution cannot be cancelled.',
      }),
    );
    expect(() => assertStepMove('sign_off', 'completed', 'completed', 'approved')).toThrow(
      expect.objectContaining({
        code: 'WORKFLOW_TRANSITION_INVALID',
        message: 'Step sign_off is completed and cannot be approved.',
      }),
    );
  });
});

describe('sequential workflows', () => {
  it('runs steps in order, hands outputs on through templates, and checkpoints each step', async () => {
    const agentId = await newAgent();
    const workflow = await api.define([
      {
        key: 'prepare',
        type: 'action',
        action: 'set_output',
        input: { output: { ticket: '{{input.ticket}}' } },
      },
      {
        key: 'work',
        name: 'Do the work',
        type: 'agent',
        agent_id: agentId,
        task_type: 'work',
        input: { value: 'ticket {{steps.prepare.output.ticket}}' },
      },
      {
        key: 'announce',
        type: 'action',
        action: 'emit_event',
        input: { name: 'work_done', data: { by: 'flow' } },
      },
    ]);
    const started = await api.run(workflow.id, { ticket: 'T-42' });
    expect(started.steps.map((s) => [s.key, s.type])).toEqual([
      ['prepare', 'action'],
      ['work', 'agent'],
      ['announce', 'action'],
    ]);
    const done = await api.until(started.id, ended, 'to end');
    expect(done.status).toBe('completed');
    expect(step(done, 'prepare').output).toEqual({ ticket: 'T-42' });
    expect(step(done, 'work')).toMatchObject({
      status: 'completed',
      attempts: 1,
      output: { echoed: 'ticket T-42', attempt: 1 },
    });
    expect(step(done, 'announce')).toMatchObject({ status: 'completed', output: { name: 'work_done' } });
    // One after the other: each step started after the previous one finished.
    for (let i = 1; i < done.steps.length; i++) {
      expect(Date.parse(done.steps[i]!.started_at!)).toBeGreaterThanOrEqual(
        Date.parse(done.steps[i - 1]!.finished_at!),
      );
    }
    // The agent step's task is tied to the step, and a workflow.signal event was emitted once.
    const task = await agents.task(step(done, 'work').task_id!);
    expect(task).toMatchObject({ status: 'completed', idempotency_key: `workflow:${done.id}:work` });
    expect(task.description).toBe('Flow: Do the work');
    expect((await eventTypes([done.id])).filter((type) => type === 'workflow.signal')).toHaveLength(1);
  });

  it('lets a non-blocking step run on while later steps go ahead; the execution ends when it does', async () => {
    const agentId = await newAgent();
    const workflow = await api.define([
      {
        key: 'background',
        type: 'agent',
        agent_id: agentId,
        task_type: 'work',
        input: { behaviour: 'hold' },
        blocking: false,
      },
      { key: 'after', type: 'action', action: 'set_output', input: { output: { ok: true } } },
    ]);
    const execution = await api.run(workflow.id);
    const midway = await api.until(
      execution.id,
      (e) => step(e, 'after').status === 'completed',
      'the later step',
    );
    expect(midway.status).toBe('running');
    expect(step(midway, 'background').status).toBe('running');
    const taskId = step(midway, 'background').task_id!;
    await waitFor(async () => gates.has(taskId), 'the background task to start');
    gates.get(taskId)!();
    expect((await api.until(execution.id, ended, 'to end')).status).toBe('completed');
  });
});

describe('parallel groups', () => {
  it('runs the steps of a group at the same time and goes on when all of them are done', async () => {
    const agentId = await newAgent();
    const workflow = await api.define([
      {
        key: 'both',
        type: 'parallel',
        steps: [
          {
            key: 'left',
            type: 'agent',
            agent_id: agentId,
            task_type: 'work',
            input: { behaviour: 'hold', value: 'L' },
          },
          {
            key: 'right',
            type: 'agent',
            agent_id: agentId,
            task_type: 'work',
            input: { behaviour: 'hold', value: 'R' },
          },
        ],
      },
      {
        key: 'join',
        type: 'action',
        action: 'set_output',
        input: { output: { left: '{{steps.left.output.echoed}}' } },
      },
    ]);
    const execution = await api.run(workflow.id);
    const running = await api.until(
      execution.id,
      (e) => step(e, 'left').status === 'running' && step(e, 'right').status === 'running',
      'both branches to run',
    );
    const left = step(running, 'left').task_id!;
    const right = step(running, 'right').task_id!;
    // Both tasks are held at once: neither waited for the other.
    await waitFor(async () => gates.has(left) && gates.has(right), 'both tasks to be in progress');
    expect(step(running, 'both').status).toBe('running');
    expect(step(running, 'join').status).toBe('pending');
    gates.get(left)!();
    await api.until(execution.id, (e) => step(e, 'left').status === 'completed', 'the left branch');
    expect(step(await api.execution(execution.id), 'both').status).toBe('running');
    gates.get(right)!();
    const done = await api.until(execution.id, ended, 'to end');
    expect(done.status).toBe('completed');
    expect(step(done, 'both')).toMatchObject({
      status: 'completed',
      output: { left: { echoed: 'L', attempt: 1 }, right: { echoed: 'R', attempt: 1 } },
    });
    expect(step(done, 'left').parent_key).toBe('both');
    expect(step(done, 'join').output).toEqual({ left: 'L' });
  });
});

describe('retry policy per step', () => {
  it('retries a failing action with backoff until its attempts run out, then fails the execution', async () => {
    const workflow = await api.define([
      {
        key: 'shaky',
        type: 'action',
        action: 'flaky',
        input: { failures: 10 },
        retry: { max_attempts: 3, backoff_seconds: 1 },
      },
      { key: 'never', type: 'action', action: 'set_output', input: { output: {} } },
    ]);
    const execution = await api.run(workflow.id);
    const failed = await api.until(execution.id, ended, 'to end');
    expect(failed.status).toBe('failed');
    expect(step(failed, 'shaky')).toMatchObject({
      status: 'failed',
      attempts: 3,
      max_attempts: 3,
      error: 'flaky failure 3',
    });
    expect(step(failed, 'never').status).toBe('cancelled');
    expect(failed.error).toBe('Step shaky failed: flaky failure 3');
    const calls = flakyCalls.filter((c) => c.executionId === execution.id);
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    // Backoff 1 s then 2 s between attempts, timed on the queue's clock.
    const retries = rowsOf<{ payload: { next_run_at: string }; occurred_at: Date }>(
      await t.database.db.execute(
        sql`select payload, occurred_at from domain_events where type = 'workflow_step.retry_scheduled' and payload->>'execution_id' = ${execution.id} order by insert_seq`,
      ),
    );
    const delays = retries.map((r) => Date.parse(r.payload.next_run_at) - new Date(r.occurred_at).getTime());
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(900);
    expect(delays[1]).toBeGreaterThanOrEqual(1900);
  });

  it('completes a step that succeeds on a retry', async () => {
    const workflow = await api.define([
      {
        key: 'shaky',
        type: 'action',
        action: 'flaky',
        input: { failures: 1 },
        retry: { max_attempts: 3, backoff_seconds: 1 },
      },
    ]);
    const done = await api.until((await api.run(workflow.id)).id, ended, 'to end');
    expect(done.status).toBe('completed');
    expect(step(done, 'shaky')).toMatchObject({
      status: 'completed',
      attempts: 2,
      output: { attempt: 2 },
      error: null,
    });
  });

  it('gives an agent step its retry policy: the task retries, then the step fails with its error', async () => {
    const agentId = await newAgent();
    const workflow = await api.define([
      {
        key: 'doomed',
        type: 'agent',
        agent_id: agentId,
        task_type: 'work',
        input: { behaviour: 'fail' },
        retry: { max_attempts: 2, backoff_seconds: 1 },
      },
    ]);
    const failed = await api.until((await api.run(workflow.id)).id, ended, 'to end', 60_000);
    expect(failed.status).toBe('failed');
    expect(step(failed, 'doomed')).toMatchObject({
      status: 'failed',
      attempts: 2,
      max_attempts: 2,
      error: 'The agent task ended dead letter: failure 2.',
    });
    const task: TaskJson = await agents.task(step(failed, 'doomed').task_id!);
    expect(task).toMatchObject({ status: 'dead_letter', attempts: 2 });
  });
});

describe('approval steps', () => {
  const approvalFlow = () =>
    api.define([
      { key: 'draft', type: 'action', action: 'set_output', input: { output: { text: 'Hello' } } },
      { key: 'sign_off', type: 'approval', message: 'Publish the post?' },
      { key: 'publish', type: 'action', action: 'emit_event', input: { name: 'published' } },
    ]);

  it('waits for a person without a worker, continues once when approved, and refuses a second answer', async () => {
    const execution = await api.run((await approvalFlow()).id);
    const waiting = await api.until(execution.id, (e) => e.status === 'waiting', 'to wait');
    expect(step(waiting, 'sign_off').status).toBe('waiting');
    expect(step(waiting, 'publish').status).toBe('pending');
    // No job is held for the wait.
    const [jobs] = rowsOf<{ n: number }>(
      await t.database.db.execute(
        sql`select count(*)::int as n from pgboss.job where name = 'workflow-executions' and data->>'executionId' = ${execution.id} and state in ('created', 'retry', 'active')`,
      ),
    );
    expect(jobs!.n).toBe(0);

    // Stray advance jobs (a duplicate delivery) change nothing while it waits.
    const { engine } = t.container.agents.workflows;
    expect(await engine.advance(execution.id)).toBe(false);
    expect(await engine.advance(execution.id)).toBe(false);
    expect(step(await api.execution(execution.id), 'sign_off').status).toBe('waiting');

    // Two people answer at the same moment: one answer counts, the other is refused.
    const answers = await Promise.all([
      api.approve(execution.id, 'sign_off', 'Looks good'),
      api.approve(execution.id, 'sign_off', 'Looks good'),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const approved = answers.find((r) => r.statusCode === 200)!;
    expect(step(approved.json<ExecutionJson>(), 'sign_off')).toMatchObject({
      status: 'completed',
      decision: { decision: 'approved', reason: 'Looks good', by: owner.id },
    });
    expect(answers.find((r) => r.statusCode === 409)!.json()).toMatchObject({
      error: { code: 'WORKFLOW_TRANSITION_INVALID' },
    });
    const done = await api.until(execution.id, ended, 'to end');
    expect(done.status).toBe('completed');
    expect(await engine.advance(execution.id)).toBe(false);
    const types = await eventTypes([done.id]);
    expect(types.filter((type) => type === 'workflow.signal')).toHaveLength(1);
    expect(types.filter((type) => type === 'workflow_execution.completed')).toHaveLength(1);
    const signOff = await stepId(done.id, 'sign_off');
    const audit = rowsOf<{ actor_type: string; actor_id: string; reason: string }>(
      await t.database.db.execute(
        sql`select actor_type, actor_id, after->>'reason' as reason from activity_log where action = 'workflow_step.approved' and object_id = ${signOff}`,
      ),
    );
    expect(audit).toEqual([{ actor_type: 'user', actor_id: owner.id, reason: 'Looks good' }]);
  });

  it('fails the execution with the reason when rejected', async () => {
    const execution = await api.run((await approvalFlow()).id);
    await api.until(execution.id, (e) => e.status === 'waiting', 'to wait');
    const rejected = await api.reject(execution.id, 'sign_off', 'Wrong tone');
    expect(rejected.statusCode).toBe(200);
    const failed = await api.until(execution.id, ended, 'to end');
    expect(failed.status).toBe('failed');
    expect(step(failed, 'sign_off')).toMatchObject({
      status: 'failed',
      decision: { decision: 'rejected', reason: 'Wrong tone' },
      error: 'Rejected: Wrong tone',
    });
    expect(step(failed, 'publish').status).toBe('cancelled');
    expect(failed.error).toBe('Step sign_off failed: Rejected: Wrong tone');
  });

  it('refuses answers for steps that are not approvals or do not exist', async () => {
    const execution = await api.run((await approvalFlow()).id);
    await api.until(execution.id, (e) => e.status === 'waiting', 'to wait');
    expect((await api.approve(execution.id, 'draft')).json()).toMatchObject({
      error: { code: 'WORKFLOW_TRANSITION_INVALID' },
    });
    const missing = await api.approve(execution.id, 'no_such_step');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'WORKFLOW_STEP_NOT_FOUND' } });
    expect((await api.reject(execution.id, 'sign_off', 'x'.repeat(501))).statusCode).toBe(400);
    expect(step(await api.execution(execution.id), 'sign_off').status).toBe('waiting');
  });
});

describe('event waits', () => {
  it('resumes on the first matching domain event after the wait began, not on earlier or other ones', async () => {
    const emitter = await api.define([
      {
        key: 'emit',
        type: 'action',
        action: 'emit_event',
        input: { name: '{{input.name}}', data: { n: '{{input.n}}' } },
      },
    ]);
    // An event from before the wait must not count.
    await api.until((await api.run(emitter.id, { name: 'deploy_done', n: 0 })).id, ended, 'early emit');
    const waiter = await api.define([
      {
        key: 'wait',
        type: 'event',
        event_type: 'workflow.signal',
        match: { 'payload.name': 'deploy_done' },
      },
      {
        key: 'then',
        type: 'action',
        action: 'set_output',
        input: { output: { n: '{{steps.wait.output.event.payload.data.n}}' } },
      },
    ]);
    const execution = await api.run(waiter.id);
    await api.until(execution.id, (e) => e.status === 'waiting', 'to wait');
    await api.until((await api.run(emitter.id, { name: 'other', n: 1 })).id, ended, 'other emit');
    await t.container.dispatcher.drain();
    expect((await api.execution(execution.id)).status).toBe('waiting');
    await api.run(emitter.id, { name: 'deploy_done', n: 2 });
    const done = await api.until(execution.id, ended, 'to end');
    expect(done.status).toBe('completed');
    expect(step(done, 'wait').output).toMatchObject({
      event: { type: 'workflow.signal', payload: { name: 'deploy_done', data: { n: 2 } } },
    });
    expect(step(done, 'then').output).toEqual({ n: 2 });
  });

  it('fails the wait when no event comes within its timeout', async () => {
    const workflow = await api.define([
      {
        key: 'wait',
        type: 'event',
        event_type: 'workflow.signal',
        match: { 'payload.name': 'never' },
        timeout_seconds: 1,
      },
    ]);
    const failed = await api.until((await api.run(workflow.id)).id, ended, 'to end');
    expect(failed.status).toBe('failed');
    expect(step(failed, 'wait').error).toBe('No workflow.signal event matched within 1 s.');
  });
});

describe('durable sleep', () => {
  it('waits on a timer job and goes on once it is due', async () => {
    const workflow = await api.define([
      { key: 'nap', type: 'sleep', seconds: 1 },
      { key: 'after', type: 'action', action: 'set_output', input: { output: { woke: true } } },
    ]);
    const execution = await api.run(workflow.id);
    const sleeping = await api.until(execution.id, (e) => step(e, 'nap').status === 'waiting', 'to sleep');
    expect(sleeping.status).toBe('waiting');
    const wakeAt = Date.parse(step(sleeping, 'nap').wake_at!);
    // The timer is a queue job due at the wake time: nothing else holds the execution meanwhile.
    const timers = rowsOf<{ start_after: Date }>(
      await t.database.db.execute(
        sql`select start_after from pgboss.job where name = 'workflow-executions' and data->>'executionId' = ${execution.id} and state = 'created'`,
      ),
    );
    expect(timers.map((r) => new Date(r.start_after).getTime())).toEqual([wakeAt]);
    const done = await api.until(execution.id, ended, 'to end');
    expect(done.status).toBe('completed');
    expect(Date.parse(step(done, 'nap').finished_at!)).toBeGreaterThanOrEqual(wakeAt);
    expect(step(done, 'after').output).toEqual({ woke: true });
  });
});

describe('cancellation', () => {
  it('cancels the execution, its running agent task and every step not yet done; once', async () => {
    const agentId = await newAgent();
    const workflow = await api.define([
      { key: 'long', type: 'agent', agent_id: agentId, task_type: 'work', input: { behaviour: 'hold' } },
      { key: 'later', type: 'approval' },
    ]);
    const execution = await api.run(workflow.id);
    const running = await api.until(execution.id, (e) => step(e, 'long').status === 'running', 'to run');
    const taskId = step(running, 'long').task_id!;
    await waitFor(async () => gates.has(taskId), 'the task to start');
    const cancelled = await api.cancel(execution.id);
    expect(cancelled.statusCode).toBe(200);
    const body = cancelled.json<ExecutionJson>();
    expect(body).toMatchObject({ status: 'cancelled', error: 'Not needed' });
    expect(body.steps.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
    expect((await agents.task(taskId)).status).toBe('cancelled');
    expect((await api.cancel(execution.id)).json()).toMatchObject({
      error: { code: 'WORKFLOW_TRANSITION_INVALID' },
    });
    // Nothing moves it afterwards, not even its task's end.
    await t.container.dispatcher.drain();
    expect((await api.execution(execution.id)).status).toBe('cancelled');
  });
});

describe('bad input', () => {
  const agentStep = (agentId: string, extra: object = {}) => ({
    key: 'work',
    type: 'agent',
    agent_id: agentId,
    task_type: 'work',
    ...extra,
  });

  it('refuses invalid definitions with 400 naming the field and the path, and stores nothing', async () => {
    const agentId = await newAgent();
    const foreignOwner = await newUser(t);
    const foreign = await newWorkspace(t, foreignOwner);
    const foreignAgent = await agentsApi(t, foreign, foreignOwner).createAgent({
      name: 'Theirs',
      agent_type: 'wf_worker',
    });
    const cases: Array<[unknown, RegExp]> = [
      [[], /steps: .*/],
      [[{ key: 'a', type: 'teleport' }], /steps\.0\.type/],
      [[{ key: 'Bad Key', type: 'approval' }], /steps\.0\.key/],
      [
        [
          { key: 'a', type: 'approval' },
          { key: 'a', type: 'sleep', seconds: 1 },
        ],
        /steps\.1\.key: .*used twice/,
      ],
      [[{ key: 'a', type: 'sleep', seconds: 0 }], /steps\.0\.seconds/],
      [[{ key: 'a', type: 'approval', extra: 1 }], /steps\.0.*extra/],
      [
        [{ key: 'p', type: 'parallel', steps: [{ key: 'q', type: 'parallel', steps: [] }] }],
        /steps\.0\.steps\.0\.type/,
      ],
      [[agentStep(foreignAgent.id)], /steps\.0\.agent_id: no agent/],
      [[agentStep(agentId, { task_type: 'paint' })], /steps\.0\.task_type: the agent takes work, not paint/],
      [[agentStep(agentId, { input: { behaviour: 'dance' } })], /steps\.0\.input: behaviour/],
      [[agentStep(agentId, { retry: { max_attempts: 0 } })], /steps\.0\.retry\.max_attempts/],
      [
        [{ key: 'a', type: 'action', action: 'launch_rockets' }],
        /steps\.0\.action: no such action; installed: .*emit_event/,
      ],
      [
        [{ key: 'a', type: 'action', action: 'emit_event', input: { name: 'Not Valid' } }],
        /steps\.0\.input: name/,
      ],
      [[{ key: 'a', type: 'event', event_type: 'DROP TABLE' }], /steps\.0\.event_type/],
    ];
    const [before] = rowsOf<{ n: number }>(
      await t.database.db.execute(sql`select count(*)::int as n from workflows`),
    );
    for (const [steps, message] of cases) {
      const response = await api.send('POST', '/workflows', { name: 'Bad', steps });
      expect(response.statusCode, JSON.stringify(steps)).toBe(400);
      const { error } = response.json<{ error: { code: string; field: string; message: string } }>();
      expect(error, JSON.stringify(steps)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'steps' });
      expect(error.message, JSON.stringify(steps)).toMatch(message);
    }
    const missingName = await api.send('POST', '/workflows', { steps: [{ key: 'a', type: 'approval' }] });
    expect(missingName.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'name' } });
    const run = await api.send(
      'POST',
      `/workflows/${(await api.define([{ key: 'a', type: 'approval' }])).id}/run`,
      {
        input: 'not an object',
      },
    );
    expect(run.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'input' } });
    const [after] = rowsOf<{ n: number }>(
      await t.database.db.execute(sql`select count(*)::int as n from workflows`),
    );
    expect(after!.n).toBe(before!.n + 1);
    const executions = await api.send('GET', '/workflow-executions?status=running,sleeping');
    expect(executions.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'status' } });
  });

  it('updates a definition with a new version; running executions keep the steps they started with', async () => {
    const workflow = await api.define([{ key: 'gate', type: 'approval' }]);
    const execution = await api.run(workflow.id);
    await api.until(execution.id, (e) => e.status === 'waiting', 'to wait');
    const patched = await api.send('PATCH', `/workflows/${workflow.id}`, {
      steps: [{ key: 'other', type: 'sleep', seconds: 5 }],
    });
    expect(patched.json()).toMatchObject({
      version: 2,
      steps: [{ key: 'other', type: 'sleep', seconds: 5 }],
    });
    expect((await api.send('PATCH', `/workflows/${workflow.id}`, {})).statusCode).toBe(400);
    expect((await api.send('DELETE', `/workflows/${workflow.id}`)).statusCode).toBe(204);
    expect((await api.send('GET', `/workflows/${workflow.id}`)).statusCode).toBe(404);
    expect((await api.approve(execution.id, 'gate')).statusCode).toBe(200);
    const done = await api.until(execution.id, ended, 'to end');
    expect(done).toMatchObject({ status: 'completed', workflow_id: null });
    expect(done.steps.map((s) => s.key)).toEqual(['gate']);
  });
});

describe('workspace isolation', () => {
  it("answers 404 for another workspace's workflows, executions and steps, and changes nothing", async () => {
    const otherOwner = await newUser(t);
    const other = workflowsApi(t, await newWorkspace(t, otherOwner), otherOwner);
    const theirs = await other.define([{ key: 'gate', type: 'approval' }]);
    const theirRun = await other.run(theirs.id);
    await other.until(theirRun.id, (e) => e.status === 'waiting', 'to wait');
    const answers = await Promise.all([
      api.send('GET', `/workflows/${theirs.id}`),
      api.send('PATCH', `/workflows/${theirs.id}`, { name: 'Mine now' }),
      api.send('DELETE', `/workflows/${theirs.id}`),
      api.send('POST', `/workflows/${theirs.id}/run`),
      api.send('GET', `/workflow-executions/${theirRun.id}`),
      api.send('POST', `/workflow-executions/${theirRun.id}/cancel`),
      api.approve(theirRun.id, 'gate'),
      api.reject(theirRun.id, 'gate', 'Not yours'),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([404, 404, 404, 404, 404, 404, 404, 404]);
    expect(answers.map((r) => r.json<{ error: { code: string } }>().error.code)).toEqual([
      'WORKFLOW_NOT_FOUND',
      'WORKFLOW_NOT_FOUND',
      'WORKFLOW_NOT_FOUND',
      'WORKFLOW_NOT_FOUND',
      'WORKFLOW_EXECUTION_NOT_FOUND',
      'WORKFLOW_EXECUTION_NOT_FOUND',
      'WORKFLOW_EXECUTION_NOT_FOUND',
      'WORKFLOW_EXECUTION_NOT_FOUND',
    ]);
    const list = await api.send('GET', '/workflow-executions');
    expect(list.json<{ results: ExecutionJson[] }>().results.map((e) => e.id)).not.toContain(theirRun.id);
    const still = await other.execution(theirRun.id);
    expect(still).toMatchObject({ status: 'waiting' });
    expect(step(still, 'gate').status).toBe('waiting');
  });
});

async function stepId(executionId: string, key: string): Promise<string> {
  const [row] = rowsOf<{ id: string }>(
    await t.database.db.execute(
      sql`select id from workflow_steps where execution_id = ${executionId} and key = ${key}`,
    ),
  );
  return row!.id;
}
