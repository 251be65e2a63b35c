import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Project, State, WorkItem } from '@makeplane/plane-node-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { memberCaller, planeWorkspace, raw, type Caller } from '../../../test/plane-kit.ts';
import { cycles, cycleWorkItems } from './cycles.schema.ts';
import { workModuleItems, workModules } from './work-modules.schema.ts';

// The list filters and orderings beyond Plane CE on GET P/work-items/ (and P/issues/).
const { server, owner, workspace } = await planeWorkspace();
let ada: Caller;
let project: Project;
let states: Record<string, State>;
let base: string;
let items: Record<string, WorkItem>;
let bugLabel: string;
let docsLabel: string;

interface Page {
  total_count: number;
  count: number;
  next_page_results: boolean;
  results: Array<{ id: string; name: string }>;
}

async function list(query: string, path = 'work-items'): Promise<{ status: number; body: unknown }> {
  return raw(server, 'GET', `${base}/${path}/?${query}`, { key: owner.token });
}

async function names(query: string): Promise<string[]> {
  const response = await list(query);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return (response.body as Page).results.map((r) => r.name).sort();
}

beforeAll(async () => {
  ada = await memberCaller(server, workspace, 'member');
  await server.t.database.db.execute(sql`update users set name = 'Ada Lovelace' where id = ${ada.user.id}`);
  await server.t.database.db.execute(sql`update users set name = 'Zed Owner' where id = ${owner.user.id}`);
  project = await owner.sdk.projects.create(workspace.slug, { name: 'Filters', identifier: 'FLT' });
  base = `/api/v1/workspaces/${workspace.slug}/projects/${project.id}`;
  await raw(server, 'POST', `${base}/members/`, {
    key: owner.token,
    body: { member: ada.user.id, role: 15 },
  });
  states = Object.fromEntries(
    (await owner.sdk.states.list(workspace.slug, project.id)).results.map((s) => [s.name, s]),
  );
  bugLabel = (await owner.sdk.labels.create(workspace.slug, project.id, { name: 'Bug' })).id;
  docsLabel = (await owner.sdk.labels.create(workspace.slug, project.id, { name: 'Docs' })).id;
  const make = (body: Parameters<typeof owner.sdk.workItems.create>[2]) =>
    owner.sdk.workItems.create(workspace.slug, project.id, body);
  const epic = await make({ name: 'Checkout epic', priority: 'high' });
  items = {
    epic,
    crash: await make({
      name: 'Checkout crashes on Safari',
      description_html: '<p>The payment button freezes the page.</p>',
      priority: 'urgent',
      state: states['In Progress']!.id,
      assignees: [ada.user.id],
      labels: [bugLabel],
      parent: epic.id,
      start_date: '2026-03-02',
      target_date: '2026-03-10',
    }),
    guide: await make({
      name: 'Write the setup guide',
      priority: 'low',
      state: states.Done!.id,
      labels: [docsLabel],
      assignees: [owner.user.id],
      start_date: '2026-02-01',
      target_date: '2026-02-20',
    }),
    banner: await make({
      name: 'Launch banner',
      priority: 'medium',
      state: states.Todo!.id,
      labels: [bugLabel, docsLabel],
      assignees: [owner.user.id, ada.user.id],
      parent: epic.id,
      target_date: '2026-04-01',
    }),
  };
});

describe('work-item list filters', () => {
  it('filters by state, state group and priority, any of several values', async () => {
    expect(await names(`state=${states.Done!.id},${states.Todo!.id}`)).toEqual([
      'Launch banner',
      'Write the setup guide',
    ]);
    expect(await names('state_group=started,completed')).toEqual([
      'Checkout crashes on Safari',
      'Write the setup guide',
    ]);
    expect(await names('state_group=backlog')).toEqual(['Checkout epic']);
    expect(await names('priority=urgent,high')).toEqual(['Checkout crashes on Safari', 'Checkout epic']);
  });

  it('filters by assignees and labels, and combines filters with AND', async () => {
    expect(await names(`assignees=${ada.user.id}`)).toEqual(['Checkout crashes on Safari', 'Launch banner']);
    expect(await names(`labels=${docsLabel}`)).toEqual(['Launch banner', 'Write the setup guide']);
    expect(await names(`labels=${bugLabel}&assignees=${owner.user.id}`)).toEqual(['Launch banner']);
    expect(await names(`labels=${bugLabel}&state_group=started&priority=urgent`)).toEqual([
      'Checkout crashes on Safari',
    ]);
    // Repeated parameters count as one list, as a browser's form would send them.
    expect(await names(`priority=low&priority=medium`)).toEqual(['Launch banner', 'Write the setup guide']);
  });

  it('filters by parent, top level with parent=null, and by date ranges (inclusive)', async () => {
    expect(await names(`parent=${items.epic!.id}`)).toEqual(['Checkout crashes on Safari', 'Launch banner']);
    expect(await names('parent=null')).toEqual(['Checkout epic', 'Write the setup guide']);
    expect(await names('start_date_after=2026-03-02')).toEqual(['Checkout crashes on Safari']);
    expect(await names('start_date_before=2026-03-01')).toEqual(['Write the setup guide']);
    expect(await names('target_date_after=2026-03-01&target_date_before=2026-04-01')).toEqual([
      'Checkout crashes on Safari',
      'Launch banner',
    ]);
  });

  it('searches names, descriptions (partial words) and readable keys', async () => {
    expect(await names('search=checkout')).toEqual(['Checkout crashes on Safari', 'Checkout epic']);
    expect(await names('search=paym butt')).toEqual(['Checkout crashes on Safari']);
    expect(await names(`search=FLT-${items.banner!.sequence_id}`)).toEqual(['Launch banner']);
    expect(await names(`search=flt-${items.guide!.sequence_id}`)).toEqual(['Write the setup guide']);
    expect(await names('search=nothing-like-this')).toEqual([]);
  });

  it('counts and pages the filtered rows, under both URL families', async () => {
    const first = await list('state_group=started,unstarted,completed&per_page=2&order_by=name');
    expect(first.body).toMatchObject({ total_count: 3, count: 2, next_page_results: true });
    const second = await list(
      'state_group=started,unstarted,completed&per_page=2&order_by=name&cursor=2:1:0',
    );
    expect((second.body as Page).results.map((r) => r.name)).toEqual(['Write the setup guide']);
    expect(second.body).toMatchObject({ total_count: 3, count: 1, next_page_results: false });
    // Past the end no row carries the total: it is still the filtered one.
    const beyond = await list(
      'state_group=started,unstarted,completed&per_page=2&order_by=name&cursor=2:5:0',
    );
    expect(beyond.body).toMatchObject({ total_count: 3, count: 0, results: [] });
    const none = await list('priority=none&search=nothing-like-this');
    expect(none.body).toMatchObject({ total_count: 0, count: 0, results: [] });
    const old = await list(`priority=urgent`, 'issues');
    expect((old.body as Page).results.map((r) => r.name)).toEqual(['Checkout crashes on Safari']);
  });

  it('filters by cycle and module membership', async () => {
    const db = server.t.database.db;
    const cycleId = randomUUID();
    const moduleId = randomUUID();
    const common = { workspaceId: workspace.id, projectId: project.id };
    await db
      .insert(cycles)
      .values({ id: cycleId, ...common, name: 'Sprint 1', ownedBy: owner.user.id, sortOrder: 1 });
    await db.insert(cycleWorkItems).values([
      { id: randomUUID(), ...common, cycleId, workItemId: items.crash!.id },
      {
        id: randomUUID(),
        ...common,
        cycleId,
        workItemId: items.guide!.id,
        deletedAt: new Date().toISOString(),
      },
    ]);
    await db.insert(workModules).values({ id: moduleId, ...common, name: 'Payments', sortOrder: 1 } as never);
    await db.insert(workModuleItems).values([
      { id: randomUUID(), ...common, moduleId, workItemId: items.banner!.id },
      { id: randomUUID(), ...common, moduleId, workItemId: items.crash!.id },
    ]);
    expect(await names(`cycle=${cycleId}`)).toEqual(['Checkout crashes on Safari']);
    expect(await names(`module=${moduleId}`)).toEqual(['Checkout crashes on Safari', 'Launch banner']);
    expect(await names(`module=${moduleId}&cycle=${cycleId}`)).toEqual(['Checkout crashes on Safari']);
    expect(await names(`cycle=${randomUUID()}`)).toEqual([]);
  });

  it('refuses bad filter values with a 400 naming each field, in Plane dialect', async () => {
    expect(await list('state_group=doing&priority=asap,high')).toEqual({
      status: 400,
      body: {
        state_group: ['"doing" is not a valid choice.'],
        priority: ['"asap" is not a valid choice.'],
      },
      headers: expect.anything(),
    });
    expect((await list('assignees=bob')).body).toEqual({ assignees: ['Must be a valid UUID.'] });
    expect((await list('parent=top')).body).toEqual({ parent: ['Must be a valid UUID.'] });
    expect((await list('start_date_after=2026-02-30')).body).toEqual({
      start_date_after: ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'],
    });
    expect((await list('target_date_after=2026-05-01&target_date_before=2026-04-01')).body).toEqual({
      target_date_before: ['Must not be before target_date_after.'],
    });
    expect((await list(`search=${'x'.repeat(256)}`)).status).toBe(400);
  });
});

describe('ordering', () => {
  it('orders by the first assignee name, and by state group, in both directions', async () => {
    // The highest first name among the assignees: Ada alone, then Zed (with or without Ada), unassigned last.
    const byAssignee = await list('order_by=assignees__first_name');
    expect((byAssignee.body as Page).results.map((r) => r.name)).toEqual([
      'Checkout crashes on Safari',
      'Write the setup guide',
      'Launch banner',
      'Checkout epic',
    ]);
    const backwards = await list('order_by=-assignees__first_name');
    expect((backwards.body as Page).results.map((r) => r.name)[0]).toBe('Launch banner');
    const response = await list('order_by=state__group');
    expect((response.body as Page).results.map((r) => r.name)).toEqual([
      'Checkout epic',
      'Launch banner',
      'Checkout crashes on Safari',
      'Write the setup guide',
    ]);
    const reversed = await list('order_by=-state__group');
    expect((reversed.body as Page).results.map((r) => r.name)[0]).toBe('Write the setup guide');
    expect((await list('order_by=colour')).body).toEqual({ order_by: ['"colour" is not a valid choice.'] });
  });
});
