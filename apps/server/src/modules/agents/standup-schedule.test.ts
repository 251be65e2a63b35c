import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../platform/db/database.ts';
import { agentsApi } from '../../../test/agents.ts';
import { newUser, newWorkspace, type TestUser, type TestWorkspace } from '../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { SchedulesRepository } from './schedules.repository.ts';
import { StandupScheduler } from './standup-schedule.ts';

/**
 * The scheduler role's daily standups, with the clock driven by the test: each tick says what time it is.
 * No worker runs here, so the created tasks stay pending and can be counted.
 */
let t: TestApp;
let owner: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  owner = await newUser(t);
});
afterAll(() => t?.close());

async function zonedWorkspace(timezone: string): Promise<TestWorkspace> {
  const workspace = await newWorkspace(t, owner);
  const patched = await t.request({
    method: 'PATCH',
    url: `/api/workspaces/${workspace.slug}`,
    headers: { cookie: owner.cookie },
    payload: { timezone },
  });
  expect(patched.statusCode).toBe(200);
  return workspace;
}

/** Another scheduler process: its own objects and memory, the same database. */
function anotherScheduler(): StandupScheduler {
  return new StandupScheduler({
    repo: new SchedulesRepository(t.database.db),
    service: t.container.agents.service,
    timeZoneOf: async (id) => (await t.container.identity.workspaces.findById(id))!.timezone,
    logger: t.container.logger,
  });
}

async function standupTasks(agentId: string) {
  return rowsOf<{ key: string; input: { hours: number; until: string }; status: string }>(
    await t.database.db.execute(sql`
      select idempotency_key as key, input_data as input, status from agent_tasks
      where agent_id = ${agentId} order by created_at, idempotency_key`),
  );
}

const tick = (iso: string) => t.container.agents.schedules.tick(new Date(iso));

describe('scheduled daily standups', () => {
  it("creates each day's task once its local time comes in the workspace's zone, weekdays only", async () => {
    // New York is UTC-5 in late November: 09:00 there is 14:00 UTC.
    const workspace = await zonedWorkspace('America/New_York');
    const api = agentsApi(t, workspace, owner);
    const agent = await api.createAgent({
      name: 'Standup',
      agent_type: 'standup',
      configuration: { schedule_time: '09:00' },
    });

    // 2026-11-23 is a Monday: its standup, like the next Monday's, reaches back to Friday's.
    expect(await tick('2026-11-23T13:59:00Z')).toEqual([]);
    const [first] = await tick('2026-11-23T14:00:20Z');
    expect(first).toBeDefined();
    // Later ticks that day, and a scheduler that starts after a restart, find the day's task made.
    expect(await tick('2026-11-23T14:01:00Z')).toEqual([]);
    expect(await anotherScheduler().tick(new Date('2026-11-24T04:59:00Z'))).toEqual([]);
    // Tuesday, later than the hour (the scheduler was down at nine): made then, for that morning's window.
    expect(await tick('2026-11-24T18:30:00Z')).toHaveLength(1);
    // Saturday and Sunday in New York: nothing; Monday again, reaching back over the weekend to Friday's.
    expect(await tick('2026-11-28T15:00:00Z')).toEqual([]);
    expect(await tick('2026-11-29T15:00:00Z')).toEqual([]);
    expect(await tick('2026-11-30T14:00:00Z')).toHaveLength(1);

    const tasks = await standupTasks(agent.id);
    expect(tasks).toEqual([
      {
        key: `standup:${agent.id}:2026-11-23`,
        input: { hours: 72, until: '2026-11-23T14:00:00.000Z', stuck_days: 3 },
        status: 'pending',
      },
      {
        key: `standup:${agent.id}:2026-11-24`,
        input: { hours: 24, until: '2026-11-24T14:00:00.000Z', stuck_days: 3 },
        status: 'pending',
      },
      {
        key: `standup:${agent.id}:2026-11-30`,
        input: { hours: 72, until: '2026-11-30T14:00:00.000Z', stuck_days: 3 },
        status: 'pending',
      },
    ]);
    const task = await api.task(first!);
    expect(task).toMatchObject({ task_type: 'daily_standup', description: 'Daily standup for 2026-11-23' });
  });

  it('makes one task when several schedulers tick at the same moment', async () => {
    const workspace = await zonedWorkspace('Asia/Tokyo');
    const api = agentsApi(t, workspace, owner);
    const agent = await api.createAgent({
      name: 'Standup',
      agent_type: 'standup',
      configuration: { schedule_time: '08:30', schedule_days: 'every_day' },
    });
    // Saturday 08:30 in Tokyo (UTC+9) is Friday 23:30 UTC; every_day runs on weekends.
    const at = new Date('2026-11-27T23:30:00Z');
    const created = await Promise.all([
      anotherScheduler().tick(at),
      anotherScheduler().tick(at),
      anotherScheduler().tick(at),
      t.container.agents.schedules.tick(at),
    ]);
    const tasks = await standupTasks(agent.id);
    expect(tasks.map((task) => task.key)).toEqual([`standup:${agent.id}:2026-11-28`]);
    // Of the schedulers that ticked, exactly one made it (the others found the day's key taken).
    const mine = await Promise.all(
      created.flat().map((id) => agentsApi(t, workspace, owner).send('GET', `/agent-tasks/${id}`)),
    );
    expect(mine.filter((r) => r.statusCode === 200)).toHaveLength(1);
  });

  it('leaves agents without a schedule time, and disabled agents, alone; refuses a malformed time', async () => {
    const workspace = await zonedWorkspace('UTC');
    const api = agentsApi(t, workspace, owner);
    const manual = await api.createAgent({ name: 'By hand', agent_type: 'standup' });
    const paused = await api.createAgent({
      name: 'Paused',
      agent_type: 'standup',
      configuration: { schedule_time: '07:00', schedule_days: 'every_day' },
    });
    const disabled = await api.send('PATCH', `/agents/${paused.id}`, { status: 'disabled' });
    expect(disabled.statusCode).toBe(200);
    await tick('2026-11-25T12:00:00Z');
    expect(await standupTasks(manual.id)).toEqual([]);
    expect(await standupTasks(paused.id)).toEqual([]);

    const bad = await api.send('POST', '/agents', {
      name: 'Bad',
      agent_type: 'standup',
      configuration: { schedule_time: '9am' },
    });
    expect(bad.statusCode).toBe(400);
    const error = bad.json<{ error: { field: string; message: string } }>().error;
    expect(error.field).toBe('configuration');
    expect(error.message).toContain('use a 24-hour local time such as 09:00');
  });
});
