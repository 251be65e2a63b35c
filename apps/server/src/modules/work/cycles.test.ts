import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { newApiToken, newMember } from '../../../test/factories.ts';
import { memberCaller, planeWorkspace, raw, type Caller } from '../../../test/plane-kit.ts';
import { cycleStatus, zonedInstant } from './cycle-dates.ts';
import { burndown } from './cycle-progress.ts';

// Cycles (contract §2.12) plus status, progress and burndown; every move of an item is in its history.
const { server, owner, workspace } = await planeWorkspace();
let colleague: Caller;
let base: string;
let states: Record<string, string>;

type Json = Record<string, unknown>;
type Cycle = Json & { id: string; name: string; start_date: string | null; end_date: string | null };
type Item = { id: string; sequence_id: number };

/** `YYYY-MM-DD`, `offset` days from today (UTC). */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const call = (method: string, path: string, body?: unknown, key = owner.token) =>
  raw(server, method, `${base}${path}`, { key, body });
const newCycle = async (name: string, from?: number, to?: number) => {
  const dates = from === undefined ? {} : { start_date: day(from), end_date: day(to!) };
  const response = await call('POST', '/cycles/', { name, ...dates });
  expect(response.status).toBe(201);
  return response.body as Cycle;
};
const newItem = async (name: string, body: Json = {}) =>
  (await call('POST', '/work-items/', { name, ...body })).body as Item;
const addItems = (cycle: Cycle, items: Item[]) =>
  call('POST', `/cycles/${cycle.id}/cycle-issues/`, { issues: items.map((i) => i.id) });
const cycleRows = async (item: Item) => {
  const page = (await call('GET', `/work-items/${item.id}/activities/`)).body as { results: Json[] };
  return page.results
    .filter((a) => a.field === 'cycles')
    .map((a) => [a.verb, a.old_value, a.new_value, a.old_identifier, a.new_identifier]);
};

beforeAll(async () => {
  colleague = await memberCaller(server, workspace, 'member');
  const project = await owner.sdk.projects.create(workspace.slug, { name: 'Sprints', identifier: 'SPR' });
  base = `/api/v1/workspaces/${workspace.slug}/projects/${project.id}`;
  await call('POST', '/members/', { member: colleague.user.id, role: 15 });
  const list = await owner.sdk.states.list(workspace.slug, project.id);
  states = Object.fromEntries(list.results.map((s) => [s.name, s.id]));
});

describe('creating and editing cycles', () => {
  it('needs cycles switched on for the project, then creates one with Plane defaults', async () => {
    expect(await call('POST', '/cycles/', { name: 'Too early' })).toMatchObject({
      status: 400,
      body: { error: 'Cycles are not enabled for this project' },
    });
    expect((await call('PATCH', '/', { cycle_view: true })).status).toBe(200);
    const first = await newCycle('Backlog grooming');
    expect(first).toMatchObject({
      name: 'Backlog grooming',
      description: '',
      start_date: null,
      end_date: null,
      owned_by: owner.user.id,
      created_by: owner.user.id,
      updated_by: null,
      sort_order: 65535,
      view_props: {},
      logo_props: {},
      progress_snapshot: {},
      archived_at: null,
      timezone: 'UTC',
      version: 1,
      status: 'draft',
    });
    expect(first).not.toHaveProperty('total_issues');
    const second = await newCycle('Second');
    expect(second.sort_order).toBe(55535);
  });

  it("reads dates as the project's local 00:00:01 and 23:59, shown in the reader's time zone", async () => {
    expect((await call('PATCH', '/', { timezone: 'Asia/Kolkata' })).status).toBe(200);
    const cycle = (
      await call('POST', '/cycles/', {
        name: 'March',
        project_id: base.split('/').at(-1),
        start_date: '2026-03-01',
        end_date: '2026-03-05T10:00:00Z',
      })
    ).body as Cycle;
    expect(cycle).toMatchObject({ start_date: '2026-02-28T18:30:01Z', end_date: '2026-03-05T18:29:00Z' });
    const reader = await newMember(server.t, workspace, 'member');
    await call('POST', '/members/', { member: reader.id, role: 5 });
    await server.t.request({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: reader.cookie },
      payload: { timezone: 'Asia/Tokyo' },
    });
    const { token } = await newApiToken(server.t, reader);
    const seen = await call('GET', `/cycles/${cycle.id}/`, undefined, token);
    expect(seen.body).toMatchObject({
      start_date: '2026-03-01T03:30:01+09:00',
      end_date: '2026-03-06T03:29:00+09:00',
    });
    expect((await call('PATCH', '/', { timezone: 'UTC' })).status).toBe(200);
  });

  it('refuses bad dates, owners and pairs, changing nothing', async () => {
    expect(await call('POST', '/cycles/', { name: 'Half', start_date: day(1) })).toMatchObject({
      status: 400,
      body: { error: 'Both start date and end date are either required or are to be null' },
    });
    expect(
      await call('POST', '/cycles/', { name: 'Backwards', start_date: day(5), end_date: day(1) }),
    ).toMatchObject({ status: 400, body: { non_field_errors: ['Start date cannot exceed end date'] } });
    expect(
      await call('POST', '/cycles/', { name: 'Bad', start_date: 'soon', end_date: day(1) }),
    ).toMatchObject({
      status: 400,
      body: { start_date: expect.arrayContaining([expect.stringMatching(/^Datetime has wrong format/)]) },
    });
    expect(await call('POST', '/cycles/', { name: '' })).toMatchObject({
      status: 400,
      body: { name: ['This field may not be blank.'] },
    });
    const stranger = randomUUID();
    expect(await call('POST', '/cycles/', { name: 'Owned', owned_by: stranger })).toMatchObject({
      status: 400,
      body: { owned_by: [`Invalid pk "${stranger}" - object does not exist.`] },
    });
    expect(await call('POST', '/cycles/', { name: 'Zone', timezone: 'Mars/Olympus' })).toMatchObject({
      status: 400,
      body: { timezone: ['"Mars/Olympus" is not a valid choice.'] },
    });
    const names = ((await call('GET', '/cycles/')).body as { results: Cycle[] }).results.map((c) => c.name);
    expect(names).not.toContain('Half');
    expect(names).not.toContain('Owned');
  });

  it('answers 409 with the holder of an external pair', async () => {
    const made = (
      await call('POST', '/cycles/', { name: 'Imported', external_source: 'jira', external_id: 'S-1' })
    ).body as Cycle;
    expect(
      await call('POST', '/cycles/', { name: 'Again', external_source: 'jira', external_id: 'S-1' }),
    ).toMatchObject({
      status: 409,
      body: { error: 'Cycle with the same external id and external source already exists', id: made.id },
    });
    const other = await newCycle('Other import');
    expect(
      await call('PATCH', `/cycles/${other.id}/`, { external_source: 'jira', external_id: 'S-1' }),
    ).toMatchObject({ status: 409, body: { id: other.id } });
  });

  it('edits a cycle that has not ended; an ended one only takes a new sort order', async () => {
    const open = await newCycle('Open', 1, 8);
    const edited = await call('PATCH', `/cycles/${open.id}/`, {
      name: 'Open sprint',
      description: 'Goals',
      end_date: day(9),
    });
    expect(edited).toMatchObject({
      status: 200,
      body: { name: 'Open sprint', description: 'Goals', updated_by: owner.user.id, status: 'upcoming' },
    });
    expect((edited.body as Cycle).end_date).toBe(`${day(9)}T23:59:00Z`);
    expect(await call('PATCH', `/cycles/${open.id}/`, { start_date: null })).toMatchObject({
      status: 400,
      body: { error: 'Both start date and end date are either required or are to be null' },
    });
    const ended = await newCycle('Ended', -9, -2);
    expect(await call('PATCH', `/cycles/${ended.id}/`, { name: 'Renamed' })).toMatchObject({
      status: 400,
      body: { error: 'The Cycle has already been completed so it cannot be edited' },
    });
    const moved = await call('PATCH', `/cycles/${ended.id}/`, { name: 'Renamed', sort_order: 1 });
    expect(moved.body).toMatchObject({ name: 'Ended', sort_order: 1 });
  });

  it('lets the owner or a project admin delete a cycle; its items leave it', async () => {
    const cycle = await newCycle('Doomed', 0, 5);
    const item = await newItem('Orphan');
    await addItems(cycle, [item]);
    expect(await call('DELETE', `/cycles/${cycle.id}/`, undefined, colleague.token)).toMatchObject({
      status: 403,
      body: { error: 'Only admin or creator can delete the cycle' },
    });
    const mine = (await call('POST', '/cycles/', { name: 'Mine' }, colleague.token)).body as Cycle;
    expect((await call('DELETE', `/cycles/${mine.id}/`, undefined, colleague.token)).status).toBe(204);
    expect((await call('DELETE', `/cycles/${cycle.id}/`)).status).toBe(204);
    expect((await call('GET', `/cycles/${cycle.id}/`)).status).toBe(404);
    expect(await cycleRows(item)).toEqual([
      ['created', null, 'Doomed', null, cycle.id],
      ['deleted', 'Doomed', null, cycle.id, null],
    ]);
  });
});

describe('status and lists', () => {
  it('derives draft, upcoming, current and completed from the dates; cycle_view filters on them', async () => {
    await call('PATCH', '/', { cycle_view: true });
    const project = await owner.sdk.projects.create(workspace.slug, { name: 'Views', identifier: 'VIEW' });
    await owner.sdk.projects.update(workspace.slug, project.id, { cycle_view: true } as never);
    const viewBase = `/api/v1/workspaces/${workspace.slug}/projects/${project.id}`;
    const make = async (name: string, from?: number, to?: number) =>
      (
        await raw(server, 'POST', `${viewBase}/cycles/`, {
          key: owner.token,
          body: from === undefined ? { name } : { name, start_date: day(from), end_date: day(to!) },
        })
      ).body as Cycle;
    const draft = await make('Draft');
    const past = await make('Past', -10, -3);
    const now = await make('Now', -2, 4);
    const later = await make('Later', 10, 20);
    const view = async (name?: string) => {
      const query = name ? `?cycle_view=${name}` : '';
      const body = (await raw(server, 'GET', `${viewBase}/cycles/${query}`, { key: owner.token })).body;
      return Array.isArray(body)
        ? body.map((c: Cycle) => c.name)
        : (body as { results: Cycle[] }).results.map((c) => c.name);
    };
    expect(await view()).toEqual(['Later', 'Now', 'Past', 'Draft']);
    expect(await view('current')).toEqual(['Now']);
    expect(await view('upcoming')).toEqual(['Later']);
    expect(await view('completed')).toEqual(['Past']);
    expect(await view('draft')).toEqual(['Draft']);
    expect(await view('incomplete')).toEqual(['Later', 'Now', 'Draft']);
    expect(await view('whatever')).toEqual(['Later', 'Now', 'Past', 'Draft']);
    const current = (await raw(server, 'GET', `${viewBase}/cycles/?cycle_view=current`, { key: owner.token }))
      .body;
    expect(Array.isArray(current)).toBe(true);
    const statuses = await Promise.all(
      [draft, past, now, later].map(
        async (c) =>
          ((await raw(server, 'GET', `${viewBase}/cycles/${c.id}/`, { key: owner.token })).body as Cycle)
            .status,
      ),
    );
    expect(statuses).toEqual(['draft', 'completed', 'current', 'upcoming']);
  });

  it('derives the status from instants, whatever the zone', () => {
    const now = new Date('2026-06-15T12:00:00Z');
    expect(cycleStatus({ startDate: null, endDate: null }, now)).toBe('draft');
    expect(cycleStatus({ startDate: '2026-06-15 12:00:01+00', endDate: '2026-06-20 00:00:00+00' }, now)).toBe(
      'upcoming',
    );
    expect(cycleStatus({ startDate: '2026-06-15 13:00:00+02', endDate: '2026-06-15 23:59:00+10' }, now)).toBe(
      'current',
    );
    expect(
      cycleStatus({ startDate: '2026-06-01 00:00:00+00', endDate: '2026-06-15 11:59:59.5+00' }, now),
    ).toBe('completed');
    // Local midnight across a daylight-saving change: New York is UTC-5 in winter, UTC-4 in summer.
    expect(zonedInstant('2026-03-08', '00:00:00', 'America/New_York').toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    );
    expect(zonedInstant('2026-03-09', '00:00:00', 'America/New_York').toISOString()).toBe(
      '2026-03-09T04:00:00.000Z',
    );
  });
});

describe('work items in cycles', () => {
  it('adds items (moving them from another cycle), lists and pages them, and takes them out', async () => {
    const sprint = await newCycle('Sprint 1', 0, 6);
    const next = await newCycle('Sprint 2', 7, 13);
    const items = [await newItem('One'), await newItem('Two'), await newItem('Three')];
    expect((await addItems(sprint, items.slice(0, 2))).status).toBe(200);
    const added = await addItems(next, [items[1]!, items[2]!]);
    expect(added.status).toBe(200);
    expect(added.body).toEqual([
      expect.objectContaining({ issue: items[1]!.id, cycle: next.id, sub_issues_count: 0 }),
      expect.objectContaining({ issue: items[2]!.id, cycle: next.id, project: expect.any(String) }),
    ]);
    expect(await cycleRows(items[1]!)).toEqual([
      ['created', null, 'Sprint 1', null, sprint.id],
      ['updated', 'Sprint 1', 'Sprint 2', sprint.id, next.id],
    ]);
    // Adding again changes nothing.
    await addItems(next, [items[2]!]);
    expect(await cycleRows(items[2]!)).toHaveLength(1);

    const first = await call('GET', `/cycles/${next.id}/cycle-issues/?per_page=1&expand=state`);
    expect(first.body).toMatchObject({
      total_count: 2,
      count: 1,
      next_page_results: true,
      next_cursor: '1:1:0',
      results: [{ id: items[1]!.id, state: { name: 'Backlog', group: 'backlog' } }],
    });
    const second = await call('GET', `/cycles/${next.id}/cycle-issues/?per_page=1&cursor=1:1:0`);
    expect(second.body).toMatchObject({
      count: 1,
      next_page_results: false,
      results: [{ id: items[2]!.id }],
    });

    const link = await call('GET', `/cycles/${next.id}/cycle-issues/${items[2]!.id}/`);
    expect(link.body).toMatchObject({ issue: items[2]!.id, cycle: next.id, created_by: owner.user.id });
    expect((await call('DELETE', `/cycles/${next.id}/cycle-issues/${items[2]!.id}/`)).status).toBe(204);
    expect((await call('GET', `/cycles/${next.id}/cycle-issues/${items[2]!.id}/`)).status).toBe(404);
    expect((await call('DELETE', `/cycles/${next.id}/cycle-issues/${items[2]!.id}/`)).status).toBe(404);
    expect((await cycleRows(items[2]!)).at(-1)).toEqual(['deleted', 'Sprint 2', null, next.id, null]);
    const detail = (await call('GET', `/cycles/${next.id}/`)).body as Json;
    expect(detail).toMatchObject({ total_issues: 1, backlog_issues: 1, completed_issues: 0 });
  });

  it('refuses empty lists, unknown items and ended cycles with Plane’s bodies', async () => {
    const open = await newCycle('Open for items', 0, 3);
    expect(await call('POST', `/cycles/${open.id}/cycle-issues/`, { issues: [] })).toMatchObject({
      status: 400,
      body: { error: 'Work items are required', code: 'MISSING_WORK_ITEMS' },
    });
    const unknown = randomUUID();
    expect(await call('POST', `/cycles/${open.id}/cycle-issues/`, { issues: [unknown] })).toMatchObject({
      status: 400,
      body: { issues: [`Invalid pk "${unknown}" - object does not exist.`] },
    });
    const ended = await newCycle('Closed', -5, -1);
    const item = await newItem('Late');
    expect(await addItems(ended, [item])).toMatchObject({
      status: 400,
      body: {
        code: 'CYCLE_COMPLETED',
        message: 'The Cycle has already been completed so no new issues can be added',
      },
    });
    expect(await cycleRows(item)).toEqual([]);
  });
});

describe('archive, transfer, progress and burndown', () => {
  it('archives only completed cycles; archived ones leave the list and come back when unarchived', async () => {
    const current = await newCycle('Running', -1, 3);
    expect(await call('POST', `/cycles/${current.id}/archive/`)).toMatchObject({
      status: 400,
      body: { error: 'Only completed cycles can be archived' },
    });
    const done = await newCycle('Done sprint', -8, -2);
    const item = await newItem('Estimated', { point: 3, state: states.Done });
    await call('PATCH', `/cycles/${done.id}/`, { sort_order: 5 });
    await server.t.database.db.execute(
      sql`insert into cycle_work_items (id, workspace_id, project_id, cycle_id, work_item_id)
        select ${randomUUID()}, workspace_id, project_id, ${done.id}, id from work_items where id = ${item.id}`,
    );
    expect((await call('POST', `/cycles/${done.id}/archive/`)).status).toBe(204);
    expect((await call('GET', `/cycles/${done.id}/`)).status).toBe(404);
    expect(await call('PATCH', `/cycles/${done.id}/`, { sort_order: 1 })).toMatchObject({
      status: 400,
      body: { error: 'Archived cycle cannot be edited' },
    });
    const listed = ((await call('GET', '/cycles/')).body as { results: Cycle[] }).results.map((c) => c.id);
    expect(listed).not.toContain(done.id);
    const archived = (await call('GET', '/archived-cycles/')).body as { results: Cycle[] };
    expect(archived.results).toEqual([
      expect.objectContaining({
        id: done.id,
        archived_at: expect.stringMatching(/Z$/),
        total_issues: 1,
        completed_issues: 1,
        total_estimates: 3,
        completed_estimates: 3,
        started_estimates: 0,
      }),
    ]);
    expect((await call('DELETE', `/archived-cycles/${done.id}/unarchive/`)).status).toBe(204);
    expect((await call('GET', `/cycles/${done.id}/`)).body).toMatchObject({ id: done.id, archived_at: null });
    expect((await call('DELETE', `/archived-cycles/${done.id}/unarchive/`)).status).toBe(404);
  });

  it('transfers the unfinished items of an ended cycle and keeps its progress', async () => {
    const old = await newCycle('Old sprint', -15, -8);
    const target = await newCycle('New sprint', 0, 7);
    const over = await newCycle('Also over', -7, -1);
    const doing = await newItem('Doing', { state: states['In Progress'], point: 2 });
    const done = await newItem('Shipped', { state: states.Done, point: 5 });
    const todo = await newItem('Todo', { state: states.Todo });
    const link = (item: Item) =>
      server.t.database.db.execute(
        sql`insert into cycle_work_items (id, workspace_id, project_id, cycle_id, work_item_id)
          select ${randomUUID()}, workspace_id, project_id, ${old.id}, id from work_items where id = ${item.id}`,
      );
    for (const item of [doing, done, todo]) await link(item);
    const transfer = (body: Json, from = old) => call('POST', `/cycles/${from.id}/transfer-issues/`, body);
    expect(await transfer({})).toMatchObject({ status: 400, body: { error: 'New Cycle Id is required' } });
    expect(await transfer({ new_cycle_id: randomUUID() })).toMatchObject({ status: 404 });
    expect(await transfer({ new_cycle_id: old.id }, target)).toMatchObject({
      status: 400,
      body: { error: 'The old cycle is not completed yet' },
    });
    expect(await transfer({ new_cycle_id: over.id })).toMatchObject({
      status: 400,
      body: { error: 'The cycle where the issues are transferred is already completed' },
    });
    expect(await transfer({ new_cycle_id: target.id })).toEqual(
      expect.objectContaining({ status: 200, body: { message: 'Success' } }),
    );
    const moved = (await call('GET', `/cycles/${target.id}/cycle-issues/?order_by=sequence_id`)).body as {
      results: Item[];
    };
    expect(moved.results.map((i) => i.id)).toEqual([doing.id, todo.id]);
    const kept = (await call('GET', `/cycles/${old.id}/`)).body as Json;
    expect(kept).toMatchObject({
      total_issues: 1,
      completed_issues: 1,
      progress_snapshot: {
        total_items: 3,
        completed_items: 1,
        pending_items: 2,
        total_points: 7,
        groups: { started: { items: 1, points: 2 }, unstarted: { items: 1, points: 0 } },
      },
    });
    expect(await cycleRows(doing)).toEqual([['updated', 'Old sprint', 'New sprint', old.id, target.id]]);
  });

  it('reports progress per state group with points', async () => {
    const cycle = await newCycle('Measured', -1, 5);
    const items = [
      await newItem('a', { point: 1 }),
      await newItem('b', { point: 2, state: states['In Progress'] }),
      await newItem('c', { point: 4, state: states.Done }),
      await newItem('d', { point: 8, state: states.Cancelled }),
    ];
    await addItems(cycle, items);
    const progress = await call('GET', `/cycles/${cycle.id}/progress/`);
    expect(progress.body).toEqual({
      cycle_id: cycle.id,
      status: 'current',
      total_items: 4,
      total_points: 15,
      completed_items: 1,
      completed_points: 4,
      cancelled_items: 1,
      cancelled_points: 8,
      pending_items: 2,
      pending_points: 3,
      groups: {
        backlog: { items: 1, points: 1 },
        unstarted: { items: 0, points: 0 },
        started: { items: 1, points: 2 },
        completed: { items: 1, points: 4 },
        cancelled: { items: 1, points: 8 },
      },
    });
  });

  it("replays the items' history into a day-by-day burndown", async () => {
    const cycle = await newCycle('Burning', -3, 2);
    const a = await newItem('Alpha', { point: 3 });
    const b = await newItem('Beta', { point: 5 });
    const c = await newItem('Gamma', { point: 2 });
    await addItems(cycle, [a, b, c]);
    await call('PATCH', `/work-items/${a.id}/`, { state: states.Done });
    await call('PATCH', `/work-items/${b.id}/`, { state: states['In Progress'] });
    await call('PATCH', `/work-items/${c.id}/`, { state: states.Cancelled });
    // The history as it would be after a few days: created and planned three days ago, Alpha done two days ago,
    // Beta started yesterday, Gamma cancelled just now.
    const at = (offset: number, time: string) => `${day(offset)}T${time}Z`;
    const db = server.t.database.db;
    const ids = [a.id, b.id, c.id];
    for (const id of ids) {
      await db.execute(sql`update work_items set created_at = ${at(-3, '08:00:00')} where id = ${id}`);
      await db.execute(
        sql`update work_item_activities set created_at = ${at(-3, '09:00:00')}
          where work_item_id = ${id} and field = 'cycles'`,
      );
    }
    await db.execute(
      sql`update work_item_activities set created_at = ${at(-2, '12:00:00')} where work_item_id = ${a.id} and field = 'state'`,
    );
    await db.execute(
      sql`update work_item_activities set created_at = ${at(-1, '12:00:00')} where work_item_id = ${b.id} and field = 'state'`,
    );
    const chart = await call('GET', `/cycles/${cycle.id}/burndown/`);
    expect(chart.body).toMatchObject({
      cycle_id: cycle.id,
      status: 'current',
      time_zone: 'UTC',
      start_date: day(-3),
      end_date: day(2),
    });
    const days = (chart.body as { days: Json[] }).days.map((d) => [
      d.date,
      d.scope_items,
      d.pending_items,
      d.pending_points,
      d.completed_items,
      d.ideal_items,
    ]);
    expect(days).toEqual([
      [day(-3), 3, 3, 10, 0, 3],
      [day(-2), 3, 2, 7, 1, 2.4],
      [day(-1), 3, 2, 7, 1, 1.8],
      [day(0), 3, 1, 5, 1, 1.2],
      [day(1), null, null, null, null, 0.6],
      [day(2), null, null, null, null, 0],
    ]);
    const draft = await newCycle('No dates');
    expect((await call('GET', `/cycles/${draft.id}/burndown/`)).body).toMatchObject({
      status: 'draft',
      days: [],
    });
  });

  it('counts an item only while it was in the cycle and alive', () => {
    const withoutValues = <T>(change: T) => ({ ...change, oldValue: null, newValue: null });
    const d = (date: string) => ({
      date,
      start: new Date(`${date}T00:00:00Z`),
      end: new Date(`${date}T23:59:59.999Z`),
    });
    const groups = new Map([
      ['open', 'started'],
      ['done', 'completed'],
    ]);
    const points = burndown(
      'c1',
      {
        items: [
          // Joined on day 1, moved to another cycle on day 2.
          {
            id: 'x',
            createdAt: '2026-01-01 00:00:00+00',
            deletedAt: null,
            estimatePointId: null,
            legacyPoint: 1,
            stateId: 'open',
            inCycle: false,
          },
          // Joined on day 2 from another cycle, deleted on day 3.
          {
            id: 'y',
            createdAt: '2026-01-01 00:00:00+00',
            deletedAt: '2026-01-03 10:00:00+00',
            estimatePointId: null,
            legacyPoint: 2,
            stateId: 'open',
            inCycle: true,
          },
        ],
        changes: [
          {
            workItemId: 'x',
            field: 'cycles',
            oldIdentifier: null,
            newIdentifier: 'c1',
            createdAt: '2026-01-01 10:00:00+00',
          },
          {
            workItemId: 'x',
            field: 'cycles',
            oldIdentifier: 'c1',
            newIdentifier: 'c2',
            createdAt: '2026-01-02 10:00:00+00',
          },
          {
            workItemId: 'y',
            field: 'cycles',
            oldIdentifier: 'c2',
            newIdentifier: 'c1',
            createdAt: '2026-01-02 11:00:00+00',
          },
        ].map(withoutValues),
        points: new Map(),
      },
      groups,
      [d('2026-01-01'), d('2026-01-02'), d('2026-01-03')],
      new Date('2026-01-05T00:00:00Z'),
    );
    expect(points.map((p) => [p.date, p.scope_items, p.pending_points])).toEqual([
      ['2026-01-01', 1, 1],
      ['2026-01-02', 1, 2],
      ['2026-01-03', 0, 0],
    ]);
  });

  it('starts the ideal line from the whole scope when items are planned in after the first day', () => {
    const d = (date: string) => ({
      date,
      start: new Date(`${date}T00:00:00Z`),
      end: new Date(`${date}T23:59:59.999Z`),
    });
    const planned = (id: string, on: string) => ({
      workItemId: id,
      field: 'cycles',
      oldIdentifier: null,
      newIdentifier: 'c1',
      createdAt: `${on} 10:00:00+00`,
      oldValue: null,
      newValue: null,
    });
    const item = (id: string) => ({
      id,
      createdAt: '2026-01-01 00:00:00+00',
      deletedAt: null,
      estimatePointId: null,
      legacyPoint: 2,
      stateId: 'open',
      inCycle: true,
    });
    const points = burndown(
      'c1',
      {
        items: [item('a'), item('b'), item('c'), item('d')],
        changes: [
          planned('a', '2026-01-01'),
          planned('b', '2026-01-02'),
          planned('c', '2026-01-02'),
          planned('d', '2026-01-02'),
        ],
        points: new Map(),
      },
      new Map([['open', 'started']]),
      [d('2026-01-01'), d('2026-01-02'), d('2026-01-03')],
      new Date('2026-01-02T12:00:00Z'),
    );
    expect(points.map((p) => [p.scope_items, p.ideal_items, p.ideal_points])).toEqual([
      [1, 4, 8],
      [4, 2, 4],
      [null, 0, 0],
    ]);
  });

  it('counts the points each item had on each day, from its estimate point history', () => {
    const d = (date: string) => ({
      date,
      start: new Date(`${date}T00:00:00Z`),
      end: new Date(`${date}T23:59:59.999Z`),
    });
    const [three, eight, size] = [randomUUID(), randomUUID(), randomUUID()];
    const pointChange = (id: string, on: string, from: string | null, to: string | null) => ({
      workItemId: id,
      field: 'estimate_point',
      oldIdentifier: from,
      newIdentifier: to,
      oldValue: null,
      newValue: null,
      createdAt: `${on} 10:00:00+00`,
    });
    const item = (id: string, estimatePointId: string | null, legacyPoint: number | null) => ({
      id,
      createdAt: '2026-01-01 00:00:00+00',
      deletedAt: null,
      estimatePointId,
      legacyPoint,
      stateId: 'open',
      inCycle: true,
    });
    const points = burndown(
      'c1',
      {
        // a: 3 points, then 8 on day 2, then its point removed on day 3 (its legacy 1 counts again).
        // b: a point that counts for nothing (a category) until day 2: its legacy 2 counts, then 8.
        // c: never re-estimated: its point now counts every day.
        items: [item('a', null, 1), item('b', eight, 2), item('c', eight, null)],
        changes: [
          pointChange('a', '2026-01-01', null, three),
          pointChange('a', '2026-01-02', three, eight),
          pointChange('a', '2026-01-03', eight, null),
          pointChange('b', '2026-01-02', size, eight),
        ],
        points: new Map([
          [three, 3],
          [eight, 8],
          [size, null],
        ]),
      },
      new Map([['open', 'started']]),
      [d('2026-01-01'), d('2026-01-02'), d('2026-01-03')],
      new Date('2026-01-05T00:00:00Z'),
    );
    expect(points.map((p) => [p.date, p.scope_points, p.pending_points])).toEqual([
      ['2026-01-01', 3 + 2 + 8, 13],
      ['2026-01-02', 8 + 8 + 8, 24],
      ['2026-01-03', 1 + 8 + 8, 17],
    ]);
  });
});
