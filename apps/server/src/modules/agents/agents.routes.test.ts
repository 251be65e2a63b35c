import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { agentsApi, waitFor, type AgentJson, type TaskJson } from '../../../test/agents.ts';
import { newUser, newWorkspace, type TestUser } from '../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';

/** The agent routes as a client uses them: shapes, pagination, filters, idempotency and refusals. */
let t: TestApp;
let owner: TestUser;
const released = new Map<string, () => void>();

beforeAll(async () => {
  t = await createTestApp();
  t.container.agents.kinds.register({
    type: 'test_holder',
    role: 'executor',
    description: 'Holds its task until the test lets go.',
    capabilities: ['holding'],
    taskTypes: { hold: z.looseObject({}) },
    configuration: z.strictObject({ label: z.string().optional() }),
    async execute(ctx) {
      await new Promise<void>((resolve) => released.set(ctx.task.id, resolve));
      return { output: {} };
    },
  });
  await t.container.jobs.startWorkers();
  owner = await newUser(t);
});
afterAll(() => t?.close());

type Page<T> = {
  results: T[];
  next_cursor: string;
  next_page_results: boolean;
  total_count: number;
  count: number;
};

describe('agent kinds', () => {
  it('lists what the server runs, with each task type’s input schema, so a client can build its form', async () => {
    const workspace = await newWorkspace(t, owner);
    const response = await agentsApi(t, workspace, owner).send('GET', '/agent-kinds');
    expect(response.statusCode).toBe(200);
    type Kind = {
      agent_type: string;
      role: string;
      requires_approval: boolean;
      task_types: { task_type: string; input_schema: { required?: string[]; properties?: object } }[];
    };
    const kinds = response.json<Kind[]>();
    expect(kinds.map((k) => k.agent_type)).toEqual(
      expect.arrayContaining([
        'code_review',
        'security',
        'standup',
        'content_writer',
        'deployment_risk',
        'deployment_coordinator',
        'test_holder',
      ]),
    );
    const review = kinds.find((k) => k.agent_type === 'code_review')!;
    expect(review.role).toBe('executor');
    expect(review.task_types).toEqual([
      {
        task_type: 'review_diff',
        input_schema: expect.objectContaining({ required: expect.arrayContaining(['diff']) }),
      },
    ]);
    expect(kinds.find((k) => k.agent_type === 'content_writer')!.requires_approval).toBe(true);
  });
});

describe('agents', () => {
  it('creates an agent of an installed type with its kind’s role and capabilities, in the audit trail', async () => {
    const workspace = await newWorkspace(t, owner);
    const api = agentsApi(t, workspace, owner);
    const agent = await api.createAgent({
      name: 'Reviewer',
      agent_type: 'code_review',
      configuration: { max_changed_lines: 300 },
      max_concurrency: 3,
    });
    expect(agent).toMatchObject({
      name: 'Reviewer',
      agent_type: 'code_review',
      role: 'executor',
      status: 'idle',
      capabilities: ['review_code', 'detect_secrets', 'escalate_security'],
      configuration: { max_changed_lines: 300, max_files: 25 },
      max_concurrency: 3,
      total_tasks_completed: 0,
      success_rate: null,
      average_duration_seconds: null,
      created_by: owner.id,
    });
    const activity = await t.request({
      method: 'GET',
      url: `/api/workspaces/${workspace.slug}/activity`,
      headers: { cookie: owner.cookie },
    });
    expect(activity.json<{ results: unknown[] }>().results).toContainEqual(
      expect.objectContaining({
        action: 'agent.created',
        object_id: agent.id,
        actor: { type: 'user', id: owner.id, on_behalf_of: null },
      }),
    );
  });

  it('refuses unknown agent types and configuration the kind does not accept, naming the field', async () => {
    const api = agentsApi(t, await newWorkspace(t, owner), owner);
    const unknown = await api.send('POST', '/agents', { name: 'X', agent_type: 'mind_reader' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { code: 'AGENT_TYPE_UNKNOWN', field: 'agent_type' } });
    const badConfig = await api.send('POST', '/agents', {
      name: 'X',
      agent_type: 'code_review',
      configuration: { max_changed_lines: 'lots' },
    });
    expect(badConfig.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'configuration' } });
    expect(badConfig.json().error.message).toContain('configuration.max_changed_lines');
    expect((await api.send('GET', '/agents')).json()).toMatchObject({ total_count: 0 });
  });

  it('pages through agents with per_page and next_cursor, and filters them', async () => {
    const api = agentsApi(t, await newWorkspace(t, owner), owner);
    for (const name of ['A', 'B', 'C']) await api.createAgent({ name, agent_type: 'code_review' });
    await api.createAgent({ name: 'S', agent_type: 'security' });
    const first = (await api.send('GET', '/agents?per_page=2')).json<Page<AgentJson>>();
    expect(first).toMatchObject({ count: 2, total_count: 4, next_page_results: true });
    const second = (await api.send('GET', `/agents?per_page=2&cursor=${first.next_cursor}`)).json<
      Page<AgentJson>
    >();
    expect(second).toMatchObject({ count: 2, next_page_results: false });
    expect([...first.results, ...second.results].map((a) => a.name)).toEqual(['A', 'B', 'C', 'S']);
    const security = (await api.send('GET', '/agents?agent_type=security')).json<Page<AgentJson>>();
    expect(security.results.map((a) => a.name)).toEqual(['S']);
  });

  it('refuses to delete a working agent, and deletes an idle one with its tasks', async () => {
    const api = agentsApi(t, await newWorkspace(t, owner), owner);
    const agent = await api.createAgent({ name: 'Holder', agent_type: 'test_holder' });
    const task = await api.createTask({ agent_id: agent.id, task_type: 'hold', input: {} });
    await waitFor(async () => released.has(task.id), 'the task to start');
    const busy = await api.send('DELETE', `/agents/${agent.id}`);
    expect(busy.statusCode).toBe(409);
    expect(busy.json()).toMatchObject({ error: { code: 'AGENT_BUSY' } });
    released.get(task.id)!();
    await api.settled(task.id, ['completed']);
    expect((await api.send('DELETE', `/agents/${agent.id}`)).statusCode).toBe(204);
    expect((await api.send('GET', `/agents/${agent.id}`)).json()).toMatchObject({
      error: { code: 'AGENT_NOT_FOUND' },
    });
    expect((await api.send('GET', `/agent-tasks/${task.id}`)).statusCode).toBe(404);
  });
});

describe('agent tasks', () => {
  it('returns the first task for a repeated idempotency key, and refuses the key for another task', async () => {
    const api = agentsApi(t, await newWorkspace(t, owner), owner);
    const agent = await api.createAgent({ name: 'Holder', agent_type: 'test_holder' });
    const other = await api.createAgent({ name: 'Other', agent_type: 'test_holder' });
    const body = { agent_id: agent.id, task_type: 'hold', input: {}, idempotency_key: 'deploy-42' };
    const first = await api.send('POST', '/agent-tasks', body);
    const again = await api.send('POST', '/agent-tasks', body);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json<TaskJson>().id).toBe(first.json<TaskJson>().id);
    const reused = await api.send('POST', '/agent-tasks', { ...body, agent_id: other.id });
    expect(reused.statusCode).toBe(409);
    expect(reused.json()).toMatchObject({
      error: { code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotency_key' },
    });
    await waitFor(async () => released.has(first.json<TaskJson>().id), 'the task to start');
    released.get(first.json<TaskJson>().id)!();
  });

  it('lists tasks newest first, by agent and by status, a page at a time', async () => {
    const workspace = await newWorkspace(t, owner);
    const api = agentsApi(t, workspace, owner);
    const agent = await api.createAgent({ name: 'Holder', agent_type: 'test_holder' });
    const other = await api.createAgent({ name: 'Other', agent_type: 'test_holder', max_concurrency: 1 });
    const mine: TaskJson[] = [];
    for (let i = 0; i < 3; i++)
      mine.push(await api.createTask({ agent_id: agent.id, task_type: 'hold', input: {} }));
    const theirs = await api.createTask({ agent_id: other.id, task_type: 'hold', input: {} });
    await waitFor(async () => released.has(theirs.id), 'the other task to start');
    released.get(theirs.id)!();
    await api.settled(theirs.id, ['completed']);

    const ofAgent = (await api.send('GET', `/agents/${agent.id}/tasks?per_page=2`)).json<Page<TaskJson>>();
    expect(ofAgent).toMatchObject({ total_count: 3, count: 2, next_page_results: true });
    expect(ofAgent.results.map((r) => r.id)).toEqual([mine[2]!.id, mine[1]!.id]);
    const completed = (await api.send('GET', '/agent-tasks?status=completed')).json<Page<TaskJson>>();
    expect(completed.results.map((r) => r.id)).toEqual([theirs.id]);
    const byAgent = (await api.send('GET', `/agent-tasks?agent_id=${other.id}`)).json<Page<TaskJson>>();
    expect(byAgent.results.map((r) => r.id)).toEqual([theirs.id]);
    const bad = await api.send('GET', '/agent-tasks?status=pending,sleeping');
    expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'status' } });
    for (const task of mine) {
      await waitFor(async () => released.has(task.id), 'the task to start');
      released.get(task.id)!();
    }
  });

  it('says which tasks of a task type an agent takes when given another', async () => {
    const api = agentsApi(t, await newWorkspace(t, owner), owner);
    const agent = await api.createAgent({ name: 'Holder', agent_type: 'test_holder' });
    const response = await api.send('POST', '/agent-tasks', {
      agent_id: agent.id,
      task_type: 'review_diff',
      input: {},
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: {
        code: 'AGENT_TASK_TYPE_UNSUPPORTED',
        field: 'task_type',
        message: 'Agents of type test_holder take hold, not review_diff.',
      },
    });
    const missing = await api.send('POST', '/agent-tasks', {
      agent_id: crypto.randomUUID(),
      task_type: 'hold',
      input: {},
    });
    expect(missing.json()).toMatchObject({ error: { code: 'AGENT_NOT_FOUND', field: 'agent_id' } });
  });
});
