import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../platform/db/database.ts';
import { TextWriter } from '../../../platform/llm/text-writer.ts';
import { standupInbox, standupSource } from '../../../standup-source.ts';
import { agentsApi } from '../../../../test/agents.ts';
import {
  newMember,
  newUser,
  newWorkspace,
  type TestUser,
  type TestWorkspace,
} from '../../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import type { AgentKind } from '../registry.ts';
import { standupKind } from './standup.ts';

const DAY = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** The workspace's work routes, called as `user` through the real HTTP stack. */
function workApi(t: TestApp, workspace: TestWorkspace) {
  return async <T = { id: string }>(
    user: TestUser,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: object,
  ) => {
    const r = await t.request({
      method,
      url: `/api/v1/workspaces/${workspace.slug}${url}`,
      headers: { cookie: user.cookie },
      payload,
    });
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json<T>();
  };
}

/** A project with its states by name, and a way to add items to it. */
async function newProject(
  t: TestApp,
  workspace: TestWorkspace,
  owner: TestUser,
  name: string,
  identifier: string,
) {
  const call = workApi(t, workspace);
  const project = await call(owner, 'POST', '/projects/', { name, identifier });
  const states = await call<{ results: Array<{ id: string; name: string }> }>(
    owner,
    'GET',
    `/projects/${project.id}/states/`,
  );
  const state = (n: string) => states.results.find((s) => s.name === n)!.id;
  const items = `/projects/${project.id}/work-items/`;
  return {
    id: project.id,
    state,
    item: (user: TestUser, body: object) => call(user, 'POST', items, body),
    update: (user: TestUser, id: string, body: object) => call(user, 'PATCH', `${items}${id}/`, body),
    blockedBy: (user: TestUser, id: string, blocker: string) =>
      call(user, 'POST', `${items}${id}/relations/`, { relation_type: 'blocked_by', issues: [blocker] }),
  };
}

/** As if nobody had touched the item since `at`: its row and its history move back to then. */
async function lastTouched(t: TestApp, id: string, at: Date) {
  const when = at.toISOString();
  await t.database.db.execute(
    sql`update work_items set created_at = ${when}::timestamptz, updated_at = ${when}::timestamptz where id = ${id}`,
  );
  await t.database.db.execute(
    sql`update work_item_activities set created_at = ${when}::timestamptz where work_item_id = ${id}`,
  );
}

const postsOf = async (t: TestApp, workspaceId: string) =>
  rowsOf<{ aggregate_id: string; payload: { text: string; task_id: string; receiver_ids: string[] } }>(
    await t.database.db.execute(
      sql`select aggregate_id, payload from domain_events where type = 'standup.posted' and workspace_id = ${workspaceId} order by id`,
    ),
  );

interface NotificationJson {
  id: string;
  kind: string;
  title: string;
  project: string;
  work_item: string | null;
  actor: string | null;
  read_at: string | null;
  data: { text?: string; task_id?: string; project?: { id: string; identifier: string; name: string } };
}

/** One person's inbox in a workspace, through the real HTTP stack. */
function inboxOf(t: TestApp, workspace: TestWorkspace, user: TestUser) {
  const base = `/api/v1/workspaces/${workspace.slug}/users/me/notifications/`;
  const call = async <T>(method: 'GET' | 'POST', url: string) => {
    const r = await t.request({ method, url: `${base}${url}`, headers: { cookie: user.cookie } });
    if (r.statusCode !== 200) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json<T>();
  };
  return {
    list: async (query = '') => (await call<{ results: NotificationJson[] }>('GET', query)).results,
    standups: async () =>
      (await call<{ results: NotificationJson[] }>('GET', '')).results.filter((n) => n.kind === 'standup'),
    unread: async () => (await call<{ unread_count: number }>('GET', 'unread-count/')).unread_count,
    read: (id: string) => call<NotificationJson>('POST', `${id}/read/`),
  };
}

const standupCreations = async (t: TestApp, workspaceId: string) =>
  rowsOf<{ receiver_id: string }>(
    await t.database.db.execute(
      sql`select payload->>'receiver_id' as receiver_id from domain_events
          where type = 'notification.created' and payload->>'kind' = 'standup' and workspace_id = ${workspaceId}`,
    ),
  );

describe('the standup agent through the runtime', () => {
  let t: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    await t.container.jobs.startWorkers();
    owner = await newUser(t, { name: 'Ada Owner' });
  });
  afterAll(() => t?.close());

  it('reports per project what moved, is blocked, stuck and overdue, and posts it once to its members', async () => {
    const workspace = await newWorkspace(t, owner);
    // UTC+14: at noon UTC the workspace is already on the next day, so an item due "today" in UTC is late there.
    const zone = await t.request({
      method: 'PATCH',
      url: `/api/workspaces/${workspace.slug}`,
      headers: { cookie: owner.cookie },
      payload: { timezone: 'Pacific/Kiritimati' },
    });
    expect(zone.statusCode).toBe(200);
    const admin = await newMember(t, workspace, 'admin');
    const call = workApi(t, workspace);
    const web = await newProject(t, workspace, owner, 'Website', 'WEB');
    await call(owner, 'POST', `/projects/${web.id}/members/`, { member: admin.id, role: 20 });
    const quietProject = await newProject(t, workspace, owner, 'Archive', 'ARC');
    await quietProject.item(owner, { name: 'Nothing to see', state: quietProject.state('Backlog') });

    // The standup reads at the next noon UTC, over the last 30 hours: everything below happens in its window.
    const until = new Date(Math.floor(Date.now() / DAY) * DAY + DAY / 2);
    if (until.getTime() < Date.now() + 5 * 60_000) until.setTime(until.getTime() + DAY);
    const utcToday = isoDate(until);
    const weekBefore = new Date(until.getTime() - 8 * DAY - 3_600_000);

    const login = await web.item(owner, { name: 'Login page', state: web.state('Todo') });
    await web.update(admin, login.id, { state: web.state('In Progress') });
    const pricing = await web.item(owner, { name: 'Pricing table', state: web.state('In Progress') });
    await web.update(owner, pricing.id, { state: web.state('Done') });
    const checkout = await web.item(admin, { name: 'Checkout', state: web.state('In Progress') });
    const contract = await web.item(owner, { name: 'Payment provider contract', state: web.state('Todo') });
    await web.blockedBy(admin, checkout.id, contract.id);
    const search = await web.item(admin, { name: 'Search', state: web.state('In Progress') });
    await lastTouched(t, search.id, weekBefore);
    // Due on the UTC date of the standup: a day late in the workspace's zone.
    await web.item(owner, { name: 'Launch email', state: web.state('Todo'), target_date: utcToday });
    // Closed items are neither overdue nor blocking nor stuck.
    await web.item(owner, { name: 'Old release', state: web.state('Done'), target_date: '2020-01-01' });
    const unblocked = await web.item(owner, { name: 'Footer', state: web.state('Todo') });
    await web.blockedBy(owner, unblocked.id, pricing.id);

    // Another workspace's blocked, stuck and overdue items never appear.
    const other = await newWorkspace(t, owner);
    const theirs = await newProject(t, other, owner, 'Secret', 'SEC');
    const hidden = await theirs.item(owner, {
      name: 'Hidden',
      state: theirs.state('In Progress'),
      target_date: '2020-01-01',
    });
    await lastTouched(t, hidden.id, weekBefore);

    const api = agentsApi(t, workspace, owner);
    const standup = await api.createAgent({ name: 'Standup', agent_type: 'standup' });
    const task = await api.createTask({
      agent_id: standup.id,
      task_type: 'daily_standup',
      input: { until: until.toISOString(), hours: 30 },
    });
    const output = (await api.settled(task.id, ['completed'])).output_data as {
      today: string;
      time_zone: string;
      text: string;
      written_by: string;
      projects: Array<{ identifier: string }>;
      posts: Array<{ project_id: string; text: string }>;
    };
    const localToday = isoDate(new Date(until.getTime() + DAY));
    expect(output).toMatchObject({ today: localToday, time_zone: 'Pacific/Kiritimati', stuck_days: 3 });
    expect(output.projects.map((p) => p.identifier)).toEqual(['ARC', 'WEB']);
    const window = `${isoDate(new Date(until.getTime() - DAY))} 06:00 – ${utcToday} 12:00 UTC`;
    expect(output.text.split('\n')).toEqual([
      `Standup for Website (WEB), ${window}:`,
      'Moved:',
      `- WEB-1 Login page: Todo → In Progress (${admin.name})`,
      'Completed:',
      '- WEB-2 Pricing table (Ada Owner)',
      'Blocked:',
      '- WEB-3 Checkout, blocked by WEB-4 Payment provider contract (Todo)',
      'Stuck (no change for 3 days or more):',
      '- WEB-5 Search: In Progress for 8 days without a change',
      `Overdue (as of ${localToday}):`,
      `- WEB-6 Launch email: due ${utcToday}, 1 day late (Todo)`,
    ]);
    expect(output.written_by).toBe('offline:offline-templates-1');
    expect(output.posts).toEqual([
      { project_id: web.id, text: output.text, written_by: 'offline:offline-templates-1' },
    ]);

    const posted = await postsOf(t, workspace.id);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({
      aggregate_id: web.id,
      payload: { text: output.text, task_id: task.id },
    });
    expect(posted[0]!.payload.receiver_ids.sort()).toEqual([owner.id, admin.id].sort());
    expect(await postsOf(t, other.id)).toEqual([]);

    // One project only, on request.
    const archiveOnly = await api.createTask({
      agent_id: standup.id,
      task_type: 'daily_standup',
      input: { until: until.toISOString(), hours: 30, project_id: quietProject.id },
    });
    const quiet = (await api.settled(archiveOnly.id, ['completed'])).output_data as Record<string, unknown>;
    expect(quiet).toMatchObject({
      posts: [],
      posted_at: null,
      text: `Standup (${window}): nothing moved, and nothing is blocked, stuck or overdue.`,
    });
    expect((quiet.projects as Array<{ identifier: string }>).map((p) => p.identifier)).toEqual(['ARC']);
    expect(await postsOf(t, workspace.id)).toHaveLength(1);
  });

  it('reports a quiet workspace as quiet and posts nothing', async () => {
    const workspace = await newWorkspace(t, owner);
    const api = agentsApi(t, workspace, owner);
    const standup = await api.createAgent({ name: 'Standup', agent_type: 'standup' });
    const task = await api.createTask({
      agent_id: standup.id,
      task_type: 'daily_standup',
      input: { hours: 1, until: '2020-01-01T09:00:00Z' },
    });
    const output = (await api.settled(task.id, ['completed'])).output_data as Record<string, unknown>;
    expect(output).toMatchObject({
      since: '2020-01-01T08:00:00.000Z',
      today: '2020-01-01',
      time_zone: 'UTC',
      projects: [],
      posts: [],
      text: 'Standup (2020-01-01 08:00 – 2020-01-01 09:00 UTC): nothing moved, and nothing is blocked, stuck or overdue.',
    });
    expect(await postsOf(t, workspace.id)).toEqual([]);
  });

  it('posts once when the worker dies after posting and the task runs again', async () => {
    const real = standupKind(
      new TextWriter(t.container.config.llm),
      standupSource(t.container.work, t.container.identity),
      standupInbox(t.container.work),
    );
    const runs = new Map<string, number>();
    const crashing: AgentKind = {
      ...real,
      type: 'standup_crash_test',
      async execute(ctx) {
        const result = await real.execute(ctx);
        runs.set(ctx.task.id, (runs.get(ctx.task.id) ?? 0) + 1);
        if (runs.get(ctx.task.id) === 1) throw new Error('lost the connection after posting');
        return result;
      },
    };
    t.container.agents.kinds.register(crashing);
    const workspace = await newWorkspace(t, owner);
    const web = await newProject(t, workspace, owner, 'Website', 'WEB');
    await web.item(owner, { name: 'Launch email', state: web.state('Todo'), target_date: '2020-01-01' });
    const api = agentsApi(t, workspace, owner);
    const agent = await api.createAgent({ name: 'Standup', agent_type: 'standup_crash_test' });
    const task = await api.createTask({
      agent_id: agent.id,
      task_type: 'daily_standup',
      input: {},
      retry_backoff_seconds: 1,
    });
    const done = await api.settled(task.id, ['completed']);
    expect(done.attempts).toBe(2);
    const output = done.output_data as { posts: Array<{ text: string }>; posted_at: string };
    expect(output.posts).toHaveLength(1);
    expect(output.posts[0]!.text).toContain('- WEB-1 Launch email: due 2020-01-01');
    const posted = await postsOf(t, workspace.id);
    expect(posted.map((p) => p.payload.text)).toEqual([output.posts[0]!.text]);
    const standups = await inboxOf(t, workspace, owner).standups();
    expect(standups.map((n) => n.data.text)).toEqual([output.posts[0]!.text]);
    expect(await standupCreations(t, workspace.id)).toEqual([{ receiver_id: owner.id }]);
  });

  it("lands once in each active project member's inbox, and nobody else's", async () => {
    const workspace = await newWorkspace(t, owner);
    const call = workApi(t, workspace);
    const admin = await newMember(t, workspace, 'admin');
    const leaver = await newMember(t, workspace, 'member');
    const outsider = await newMember(t, workspace, 'member');
    const web = await newProject(t, workspace, owner, 'Website', 'WEB');
    await call(owner, 'POST', `/projects/${web.id}/members/`, { member: admin.id, role: 20 });
    const joined = await call(owner, 'POST', `/projects/${web.id}/members/`, { member: leaver.id, role: 15 });
    const left = await t.request({
      method: 'DELETE',
      url: `/api/v1/workspaces/${workspace.slug}/projects/${web.id}/members/${joined.id}/`,
      headers: { cookie: owner.cookie },
    });
    expect(left.statusCode).toBe(204);
    await web.item(owner, {
      name: 'Launch <b>email</b>',
      state: web.state('Todo'),
      target_date: '2020-01-01',
    });
    // Another workspace with news of its own: its people hear nothing of this one's standup.
    const stranger = await newUser(t);
    const other = await newWorkspace(t, stranger);
    const theirs = await newProject(t, other, stranger, 'Secret', 'SEC');
    await theirs.item(stranger, { name: 'Hidden', state: theirs.state('Todo'), target_date: '2020-01-01' });

    const api = agentsApi(t, workspace, owner);
    const standup = await api.createAgent({ name: 'Standup', agent_type: 'standup' });
    const task = await api.createTask({ agent_id: standup.id, task_type: 'daily_standup', input: {} });
    const output = (await api.settled(task.id, ['completed'])).output_data as { text: string };
    expect(output.text).toContain('- WEB-1 Launch <b>email</b>: due 2020-01-01');

    for (const member of [owner, admin]) {
      const inbox = inboxOf(t, workspace, member);
      const standups = await inbox.standups();
      expect(standups).toHaveLength(1);
      expect(standups[0]).toMatchObject({
        kind: 'standup',
        title: 'Website',
        project: web.id,
        work_item: null,
        actor: null,
        read_at: null,
        data: {
          text: output.text,
          task_id: task.id,
          project: { id: web.id, identifier: 'WEB', name: 'Website' },
        },
      });
      expect(await inbox.unread()).toBeGreaterThanOrEqual(1);
    }
    for (const [who, where] of [
      [leaver, workspace],
      [outsider, workspace],
      [stranger, other],
    ] as const) {
      const inbox = inboxOf(t, where, who);
      expect(await inbox.list()).toEqual([]);
      expect(await inbox.unread()).toBe(0);
    }
    const receivers = (await standupCreations(t, workspace.id)).map((r) => r.receiver_id);
    expect(receivers.sort()).toEqual([owner.id, admin.id].sort());
    expect(await standupCreations(t, other.id)).toEqual([]);
    const posted = await postsOf(t, workspace.id);
    expect(posted[0]!.payload.receiver_ids.sort()).toEqual([owner.id, admin.id].sort());

    // Read like any other notification.
    const inbox = inboxOf(t, workspace, admin);
    const [note] = await inbox.standups();
    const before = await inbox.unread();
    const read = await inbox.read(note!.id);
    expect(read).toMatchObject({ id: note!.id, work_item: null });
    expect(read.read_at).not.toBeNull();
    expect(await inbox.unread()).toBe(before - 1);
    expect((await inbox.list('?read=false')).map((n) => n.id)).not.toContain(note!.id);
    expect((await inbox.list('?read=true')).map((n) => n.id)).toContain(note!.id);
  });

  it('leaves the person who posts a project message out of its receivers', async () => {
    const workspace = await newWorkspace(t, owner);
    const admin = await newMember(t, workspace, 'admin');
    const web = await newProject(t, workspace, owner, 'Website', 'WEB');
    await workApi(t, workspace)(owner, 'POST', `/projects/${web.id}/members/`, {
      member: admin.id,
      role: 20,
    });
    const other = await newWorkspace(t, owner);
    const post = (workspaceId: string, actor: { type: 'user' | 'agent'; id: string }) =>
      t.container.transactor.run((tx) =>
        t.container.work.notifyProject(
          tx,
          { actor },
          { workspaceId, projectId: web.id, kind: 'standup', data: { text: 'Hello' } },
        ),
      );
    expect(await post(workspace.id, { type: 'user', id: owner.id })).toEqual([admin.id]);
    // A project is only found in its own workspace.
    expect(await post(other.id, { type: 'user', id: owner.id })).toEqual([]);
    expect(await inboxOf(t, workspace, owner).standups()).toEqual([]);
    const [note] = await inboxOf(t, workspace, admin).standups();
    expect(note).toMatchObject({ actor: owner.id, data: { text: 'Hello' } });
  });
});
