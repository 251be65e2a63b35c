import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AgentKind } from '../src/modules/agents/index.ts';
import { systemContext } from '../src/platform/events/actor.ts';
import { recordChange } from '../src/platform/events/outbox.ts';
import type { RealtimeServer } from '../src/platform/realtime/realtime-server.ts';
import { startRealtime } from '../src/realtime.ts';
import { agentsApi } from './agents.ts';
import {
  newApiToken,
  newMember,
  newUser,
  newWorkspace,
  type TestUser,
  type TestWorkspace,
} from './factories.ts';
import {
  closeAllClients,
  connectClient,
  refusal,
  type Received,
  type TestClient,
} from './realtime-client.ts';
import { createTestApp, TEST_ORIGIN, type TestApp } from './test-app.ts';

/**
 * Socket.IO end to end in one process: the real app listening on loopback with the realtime server attached,
 * real socket.io-client connections, events produced through the REST API and the runtime.
 */
let t: TestApp;
let realtime: RealtimeServer;
let url: string;
let owner: TestUser;
let workspace: TestWorkspace;
let other: { owner: TestUser; workspace: TestWorkspace };

const echoKind: AgentKind = {
  type: 'test_echo',
  role: 'executor',
  description: 'Returns its input.',
  capabilities: ['testing'],
  taskTypes: { echo: z.looseObject({ value: z.string().optional() }) },
  configuration: z.strictObject({}),
  async execute(ctx) {
    return { output: { echoed: ctx.task.input } };
  },
};

beforeAll(async () => {
  t = await createTestApp();
  t.container.agents.kinds.register(echoKind);
  await t.container.jobs.startWorkers();
  realtime = await startRealtime(t.container, t.app.server);
  url = await t.app.listen({ host: '127.0.0.1', port: 0 });
  owner = await newUser(t);
  workspace = await newWorkspace(t, owner);
  const otherOwner = await newUser(t);
  other = { owner: otherOwner, workspace: await newWorkspace(t, otherOwner) };
});
afterAll(async () => {
  closeAllClients();
  await realtime?.close();
  await t?.close();
});

const browser = (user: TestUser) => connectClient(url, { cookie: user.cookie, origin: TEST_ORIGIN });

async function joined(user: TestUser, slug: string, channels: string[]): Promise<TestClient> {
  const client = await browser(user);
  expect(await client.join(slug)).toMatchObject({ ok: true });
  for (const channel of channels) expect(await client.subscribe(channel)).toMatchObject({ ok: true });
  return client;
}

async function echoAgent(api: ReturnType<typeof agentsApi>) {
  return api.createAgent({ name: `Echo ${Math.random().toString(36).slice(2, 8)}`, agent_type: 'test_echo' });
}

const taskEvents = (received: Received[], taskId: string) =>
  received.filter((r) => r.event.startsWith('agent_task.') && r.payload.object_id === taskId);

describe('connecting', () => {
  it('refuses a connection without credentials, with a bad API key, or with a cookie from another site', async () => {
    expect(await refusal(url)).toBe('UNAUTHENTICATED');
    expect(await refusal(url, { apiKey: 'aos_not-a-real-key' })).toBe('INVALID_API_KEY');
    expect(await refusal(url, { cookie: owner.cookie, origin: 'https://evil.example' })).toBe(
      'CSRF_REJECTED',
    );
    expect(await refusal(url, { cookie: owner.cookie })).toBe('CSRF_REJECTED');
    expect(await refusal(url, { cookie: 'agency_os.session_token=forged', origin: TEST_ORIGIN })).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('accepts the session cookie from our own origin and an API key as header or in the auth payload', async () => {
    const { token } = await newApiToken(t, owner);
    for (const credentials of [
      { cookie: owner.cookie, origin: TEST_ORIGIN },
      { apiKey: token },
      { authApiKey: token, origin: 'https://any.example' },
    ]) {
      const client = await connectClient(url, credentials);
      expect(await client.join(workspace.slug)).toMatchObject({
        ok: true,
        workspace: { id: workspace.id, slug: workspace.slug, role: 'owner' },
      });
      client.close();
    }
  });

  it('lets only members join a workspace, and a workspace-scoped token only its own', async () => {
    const client = await browser(other.owner);
    expect(await client.join(workspace.slug)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'You are not a member of this workspace.' },
    });
    expect(await client.join('no-such-workspace')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await client.subscribe('agent_tasks')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    client.close();

    const scoped = await newApiToken(t, owner, { workspace: workspace.slug });
    await t.container.identity.members.add(
      { actor: { type: 'system', id: null } },
      await t.container.identity.workspaces.findBySlug(other.workspace.slug),
      owner.id,
      'member',
    );
    const byToken = await connectClient(url, { apiKey: scoped.token });
    expect(await byToken.join(other.workspace.slug)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await byToken.join(workspace.slug)).toMatchObject({ ok: true });
    byToken.close();
  });

  it('answers bad subscriptions with a code and the field at fault', async () => {
    const client = await joined(owner, workspace.slug, []);
    expect(await client.subscribe('payroll')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'channel' },
    });
    expect(await client.subscribe('agent_tasks', { repository: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'repository' },
    });
    expect(await client.socket.timeout(5000).emitWithAck('join', 'not-an-object')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'workspace' },
    });
    expect(await client.subscribe('pull_requests', { repository: 'acme/site' })).toEqual({
      ok: true,
      channel: 'pull_requests',
      repository: 'acme/site',
    });
    client.close();
  });
});

describe('agent task events', () => {
  it('delivers a task created through REST, in order, to a subscribed client, and nothing to another workspace', async () => {
    const watcher = await joined(owner, workspace.slug, ['agent_tasks', 'events']);
    const outsider = await joined(other.owner, other.workspace.slug, [
      'agent_tasks',
      'agents',
      'events',
      'deployments',
      'pull_requests',
      'work_items',
    ]);
    const api = agentsApi(t, workspace, owner);
    const agent = await echoAgent(api);
    const tasks = await Promise.all(
      [1, 2, 3].map((i) =>
        api.createTask({ agent_id: agent.id, task_type: 'echo', input: { value: `v${i}` } }),
      ),
    );
    for (const task of tasks) {
      await watcher.until(
        (r) => taskEvents(r, task.id).some((e) => e.event === 'agent_task.completed'),
        `task ${task.id} to complete`,
      );
      const events = taskEvents(watcher.received, task.id);
      expect(events.map((e) => e.event)).toEqual([
        'agent_task.created',
        'agent_task.started',
        'agent_task.completed',
      ]);
      // Outbox order: increasing sequence numbers, and the task as each step left it.
      const seqs = events.map((e) => e.payload.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(events.map((e) => (e.payload.data.task as { status: string }).status)).toEqual([
        'pending',
        'in_progress',
        'completed',
      ]);
      expect(events[0]!.payload).toMatchObject({
        workspace_id: workspace.id,
        object_type: 'agent_task',
        actor: { type: 'user', id: owner.id },
      });
    }
    // The events channel says what happened, without the payload.
    const created = watcher.of('event.created').filter((e) => e.payload.object_id === tasks[0]!.id);
    expect(created.map((e) => e.payload.data.type)).toEqual([
      'agent_task.created',
      'agent_task.started',
      'agent_task.completed',
    ]);

    // Something in the outsider's own workspace arrives, and nothing of the first workspace ever did.
    const theirs = await agentsApi(t, other.workspace, other.owner).createAgent({
      name: 'Theirs',
      agent_type: 'test_echo',
    });
    await outsider.until((r) => r.some((e) => e.payload.object_id === theirs.id), 'their own agent event');
    expect(outsider.received.filter((r) => r.payload.workspace_id !== other.workspace.id)).toEqual([]);
    watcher.close();
    outsider.close();
  });

  it('says when a task needs approval', async () => {
    const watcher = await joined(owner, workspace.slug, ['agent_tasks']);
    const api = agentsApi(t, workspace, owner);
    const agent = await echoAgent(api);
    const task = await api.createTask({
      agent_id: agent.id,
      task_type: 'echo',
      input: {},
      requires_human_approval: true,
    });
    await watcher.until(
      (r) => taskEvents(r, task.id).some((e) => e.event === 'agent_task.needs_approval'),
      'needs_approval',
    );
    await api.approve(task.id);
    await watcher.until(
      (r) => taskEvents(r, task.id).some((e) => e.event === 'agent_task.completed'),
      'completed after approval',
    );
    const names = taskEvents(watcher.received, task.id).map((e) => e.event);
    expect(names.indexOf('agent_task.needs_approval')).toBeLessThan(names.indexOf('agent_task.approved'));
    expect(names.indexOf('agent_task.approved')).toBeLessThan(names.indexOf('agent_task.completed'));
    watcher.close();
  });

  it('picks up again after a reconnect', async () => {
    const client = await joined(owner, workspace.slug, ['agents']);
    const bystander = await joined(owner, workspace.slug, ['agents']);
    const api = agentsApi(t, workspace, owner);
    const first = await echoAgent(api);
    await client.until((r) => r.some((e) => e.payload.object_id === first.id), 'first agent');
    client.socket.disconnect();
    const whileAway = await echoAgent(api);
    // Sent (to the client that stayed) while the first one was away.
    await bystander.until(
      (r) => r.some((e) => e.payload.object_id === whileAway.id),
      'the agent made meanwhile',
    );
    client.socket.connect();
    await new Promise<void>((resolve) => client.socket.once('connect', () => resolve()));
    // A new connection starts bare: join and subscribe again.
    expect(await client.join(workspace.slug)).toMatchObject({ ok: true });
    expect(await client.subscribe('agents')).toMatchObject({ ok: true });
    const after = await echoAgent(api);
    await client.until(
      (r) => r.some((e) => e.payload.object_id === after.id),
      'agent created after reconnect',
    );
    expect(client.received.some((e) => e.payload.object_id === whileAway.id)).toBe(false);
    client.close();
    bystander.close();
  });

  it('closes the sockets of a revoked API token and stops sending to a removed member', async () => {
    const member = await newMember(t, workspace, 'member');
    const token = await newApiToken(t, member);
    const byToken = await connectClient(url, { apiKey: token.token });
    expect(await byToken.join(workspace.slug)).toMatchObject({ ok: true });
    const disconnected = new Promise<string>((resolve) => byToken.socket.once('disconnect', resolve));
    await t.container.identity.apiTokens.revoke(
      { actor: { type: 'user', id: member.id } },
      member.id,
      token.id,
    );
    expect(await disconnected).toBe('io server disconnect');

    const removed = await joined(member, workspace.slug, ['agents']);
    const row = await t.container.identity.workspaces.findBySlug(workspace.slug);
    await t.container.identity.members.remove(
      { actor: { type: 'user', id: owner.id } },
      row,
      'owner',
      member.id,
    );
    await removed.until((r) => r.some((e) => e.event === 'workspace.access_revoked'), 'access revoked');
    const later = await echoAgent(agentsApi(t, workspace, owner));
    const watcher = await joined(owner, workspace.slug, ['agents']);
    const again = await echoAgent(agentsApi(t, workspace, owner));
    await watcher.until((r) => r.some((e) => e.payload.object_id === again.id), 'owner sees the next agent');
    expect(removed.received.some((e) => [later.id, again.id].includes(e.payload.object_id))).toBe(false);
    removed.close();
    watcher.close();
  });
});

describe('integration events', () => {
  it('sends deployments, and pull requests of all repositories or of the one asked for', async () => {
    const record = (type: string, objectId: string, payload: Record<string, unknown>) =>
      t.container.transactor.run((tx) =>
        recordChange(tx, systemContext, {
          workspaceId: workspace.id,
          action: type,
          objectType: type.split('.')[0]!,
          objectId,
          payload,
        }),
      );
    const allRepos = await joined(owner, workspace.slug, ['pull_requests', 'deployments']);
    const oneRepo = await joined(owner, workspace.slug, []);
    expect(await oneRepo.subscribe('pull_requests', { repository: 'acme/site' })).toMatchObject({ ok: true });
    await record('pull_request.opened', 'pr-1', { repository_id: 'acme/site', number: 1 });
    await record('pull_request.opened', 'pr-2', { repository_id: 'acme/app', number: 2 });
    await record('deployment.ready', 'dep-1', { url: 'https://site.example' });
    await record('pull_request.reviewed', 'pr-1', { repository_id: 'acme/site', number: 1 });
    await allRepos.until((r) => r.some((e) => e.event === 'pull_request.reviewed'), 'the review');
    await oneRepo.until((r) => r.some((e) => e.event === 'pull_request.reviewed'), 'the review');
    expect(allRepos.received.map((e) => `${e.event} ${e.payload.object_id}`)).toEqual([
      'pull_request.opened pr-1',
      'pull_request.opened pr-2',
      'deployment.ready dep-1',
      'pull_request.reviewed pr-1',
    ]);
    expect(oneRepo.received.map((e) => `${e.event} ${e.payload.object_id}`)).toEqual([
      'pull_request.opened pr-1',
      'pull_request.reviewed pr-1',
    ]);
    expect(allRepos.received[2]!.payload.data).toEqual({ url: 'https://site.example' });

    // Unsubscribed from pull requests, it still gets deployments and nothing else.
    expect(await allRepos.subscribe('pull_requests')).toMatchObject({ ok: true });
    expect(
      await allRepos.socket.timeout(5000).emitWithAck('unsubscribe', { channel: 'pull_requests' }),
    ).toEqual({
      ok: true,
      channel: 'pull_requests',
    });
    await record('pull_request.opened', 'pr-3', { repository_id: 'acme/site', number: 3 });
    await record('deployment.error', 'dep-2', {});
    await allRepos.until((r) => r.some((e) => e.event === 'deployment.error'), 'the failed deployment');
    expect(allRepos.received.some((e) => e.payload.object_id === 'pr-3')).toBe(false);
    allRepos.close();
    oneRepo.close();
  });
});

describe('work item events', () => {
  it('reach members of the project only, and a member who joins the project from then on', async () => {
    const base = `/api/v1/workspaces/${workspace.slug}`;
    const send = async (method: 'POST' | 'PATCH' | 'DELETE', path: string, payload?: object) => {
      const response = await t.request({
        method,
        url: `${base}${path}`,
        headers: { cookie: owner.cookie },
        payload,
      });
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response.body ? response.json<{ id: string }>() : undefined;
    };
    const project = (await send('POST', '/projects/', { name: 'Live board', identifier: 'LIVE' }))!;
    const elsewhere = (await send('POST', '/projects/', { name: 'Elsewhere', identifier: 'ELSE' }))!;
    const colleague = await newMember(t, workspace, 'member');

    const board = await joined(owner, workspace.slug, []);
    expect(await board.subscribe('work_items', { project_id: project.id })).toMatchObject({ ok: true });
    const everywhere = await joined(owner, workspace.slug, ['work_items']);
    const outside = await joined(colleague, workspace.slug, ['work_items']);
    expect(await outside.subscribe('work_items', { project_id: project.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'project_id' },
    });

    const item = (await send('POST', `/projects/${project.id}/work-items/`, { name: 'Draft the brief' }))!;
    await send('PATCH', `/projects/${project.id}/work-items/${item.id}/`, { name: 'Draft the client brief' });
    const away = (await send('POST', `/projects/${elsewhere.id}/work-items/`, { name: 'Other board' }))!;
    await send('DELETE', `/projects/${project.id}/work-items/${item.id}/`);

    await board.until((r) => r.some((e) => e.event === 'work_item.deleted'), 'the deletion');
    const forItem = (c: TestClient) => c.received.filter((e) => e.payload.object_id === item.id);
    expect(forItem(board).map((e) => e.event)).toEqual([
      'work_item.created',
      'work_item.updated',
      'work_item.deleted',
    ]);
    expect(forItem(board)[1]!.payload.data).toMatchObject({
      project_id: project.id,
      before: { name: 'Draft the brief' },
      after: { name: 'Draft the client brief' },
    });
    // The one-project board does not see the other project; the all-projects subscription sees both.
    expect(board.received.some((e) => e.payload.object_id === away.id)).toBe(false);
    await everywhere.until((r) => r.some((e) => e.payload.object_id === away.id), 'the other project');

    // Added to the project, the colleague's open subscription covers it from then on.
    await send('POST', `/projects/${project.id}/members/`, { member: colleague.id, role: 15 });
    // The membership event is handled before the next item's, in outbox order.
    const next = (await send('POST', `/projects/${project.id}/work-items/`, { name: 'Review the brief' }))!;
    await outside.until((r) => r.some((e) => e.payload.object_id === next.id), 'work item after joining');
    expect(outside.received.some((e) => [item.id, away.id].includes(e.payload.object_id))).toBe(false);
    for (const c of [board, everywhere, outside]) c.close();
  });
});
