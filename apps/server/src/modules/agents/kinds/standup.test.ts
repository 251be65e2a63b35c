import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../platform/db/database.ts';
import { agentsApi } from '../../../../test/agents.ts';
import { newMember, newUser, newWorkspace, type TestUser } from '../../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';

describe('the standup agent through the runtime', () => {
  let t: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    await t.container.jobs.startWorkers();
    owner = await newUser(t, { name: 'Ada Owner' });
  });
  afterAll(() => t?.close());

  it("summarises each person's work item changes of the last day and posts the standup once", async () => {
    const workspace = await newWorkspace(t, owner);
    const admin = await newMember(t, workspace, 'admin');
    const call = async (user: TestUser, method: 'POST' | 'PATCH', url: string, payload: object) => {
      const r = await t.request({
        method,
        url: `/api/v1/workspaces/${workspace.slug}${url}`,
        headers: { cookie: user.cookie },
        payload,
      });
      if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
      return r.json<{ id: string }>();
    };
    const project = await call(owner, 'POST', '/projects/', { name: 'Website', identifier: 'WEB' });
    await call(owner, 'POST', `/projects/${project.id}/members/`, { member: admin.id, role: 20 });
    const items = `/projects/${project.id}/work-items/`;
    const login = await call(owner, 'POST', items, { name: 'Login page' });
    await call(owner, 'POST', items, { name: 'Pricing table' });
    const states = await t.request({
      method: 'GET',
      url: `/api/v1/workspaces/${workspace.slug}/projects/${project.id}/states/`,
      headers: { cookie: owner.cookie },
    });
    const started = states
      .json<{ results: Array<{ id: string; group: string }> }>()
      .results.find((s) => s.group === 'started')!;
    await call(admin, 'PATCH', `${items}${login.id}/`, { state: started.id });
    await call(admin, 'PATCH', `${items}${login.id}/`, { priority: 'high' });
    await call(admin, 'POST', `${items}${login.id}/comments/`, { comment_html: '<p>On it</p>' });

    const api = agentsApi(t, workspace, owner);
    const standup = await api.createAgent({ name: 'Standup', agent_type: 'standup' });
    const task = await api.createTask({ agent_id: standup.id, task_type: 'daily_standup', input: {} });
    const output = (await api.settled(task.id, ['completed'])).output_data as {
      text: string;
      people: Array<{ name: string }>;
      written_by: string;
    };
    const lines = output.text.split('\n');
    expect(lines[0]).toMatch(/^Standup \(\d{4}-\d\d-\d\d \d\d:\d\d – \d{4}-\d\d-\d\d \d\d:\d\d UTC\):$/);
    expect(lines.slice(1)).toEqual(
      [
        `- Ada Owner: created 2 (#1 Login page, #2 Pricing table); also changed 1 workspace(s), 1 project(s), 1 project member(s).`,
        `- ${admin.name}: moved 1 (#1 Login page); updated 1 (#1 Login page); wrote 1 comment(s).`,
      ].sort((a, b) => a.localeCompare(b)),
    );
    expect(output.written_by).toBe('offline:offline-templates-1');
    const posted = rowsOf<{ payload: { text: string } }>(
      await t.database.db.execute(
        sql`select payload from domain_events where type = 'standup.posted' and aggregate_id = ${task.id}`,
      ),
    );
    expect(posted.map((p) => p.payload.text)).toEqual([output.text]);
  });

  it('reports a quiet window as quiet and leaves other workspaces out', async () => {
    const api = agentsApi(t, await newWorkspace(t, owner), owner);
    const standup = await api.createAgent({ name: 'Standup', agent_type: 'standup' });
    const task = await api.createTask({
      agent_id: standup.id,
      task_type: 'daily_standup',
      input: { hours: 1, until: '2020-01-01T09:00:00Z' },
    });
    const output = (await api.settled(task.id, ['completed'])).output_data as Record<string, unknown>;
    expect(output).toMatchObject({
      since: '2020-01-01T08:00:00.000Z',
      changes: 0,
      people: [],
      text: 'Standup (2020-01-01 08:00 – 2020-01-01 09:00 UTC): no changes in this workspace.',
    });
  });
});
