import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { memberCaller, planeWorkspace, raw, type Caller } from '../../../test/plane-kit.ts';

// Modules (contract §2.13): the module_view switch, names, dates, members, work items with their history,
// archive and unarchive, and who may delete.
const { server, owner, workspace } = await planeWorkspace();
let member: Caller; // project member (15)
let outsider: Caller; // workspace member, not in the project
let base: string;
let states: Record<string, string>;

const call = (caller: Caller, method: string, path: string, body?: unknown) =>
  raw(server, method, `${base}${path}`, { key: caller.token, body });

beforeAll(async () => {
  member = await memberCaller(server, workspace, 'member');
  outsider = await memberCaller(server, workspace, 'member');
  const project = await owner.sdk.projects.create(workspace.slug, { name: 'Streams', identifier: 'STR' });
  base = `/api/v1/workspaces/${workspace.slug}/projects/${project.id}`;
  await call(owner, 'POST', '/members/', { member: member.user.id, role: 15 });
  const list = await owner.sdk.states.list(workspace.slug, project.id);
  states = Object.fromEntries(list.results.map((s) => [s.name, s.id]));
});

describe('module create and update', () => {
  it('refuses modules until the project turns them on, then creates them with Plane defaults', async () => {
    expect(await call(owner, 'POST', '/modules/', { name: 'Too early' })).toMatchObject({
      status: 400,
      body: ['Modules are not enabled for this project'],
    });
    expect((await call(owner, 'PATCH', '/', { module_view: true })).status).toBe(200);

    const first = await call(owner, 'POST', '/modules/', {
      name: 'Paid social',
      lead: member.user.id,
      members: [member.user.id, outsider.user.id],
      start_date: '2026-03-01',
      target_date: '2026-03-31',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      name: 'Paid social',
      status: 'planned',
      lead: member.user.id,
      // Only people in the project stay members.
      members: [member.user.id],
      start_date: '2026-03-01',
      target_date: '2026-03-31',
      sort_order: 65535,
      archived_at: null,
      created_by: owner.user.id,
    });
    expect(first.body).not.toHaveProperty('total_issues');
    const second = await call(owner, 'POST', '/modules/', { name: 'Search ads' });
    expect(second.body).toMatchObject({ sort_order: 55535, members: [], lead: null });

    const list = await call(owner, 'GET', '/modules/');
    expect(list.body).toMatchObject({ total_count: 2, next_page_results: false });
    const results = (list.body as { results: Array<{ name: string; total_issues: number }> }).results;
    expect(results.map((m) => [m.name, m.total_issues])).toEqual([
      ['Search ads', 0],
      ['Paid social', 0],
    ]);
  });

  it('refuses duplicate names with 400, duplicate external ids with 409, and reversed dates', async () => {
    const taken = await call(owner, 'POST', '/modules/', {
      name: 'Brand',
      external_source: 'jira',
      external_id: 'EPIC-1',
    });
    expect(await call(owner, 'POST', '/modules/', { name: 'Brand' })).toEqual(
      expect.objectContaining({
        status: 400,
        body: {
          error: 'Module with this name already exists',
          id: (taken.body as { id: string }).id,
          code: 'MODULE_NAME_ALREADY_EXISTS',
          message: 'Module with this name already exists',
        },
      }),
    );
    expect(
      await call(owner, 'POST', '/modules/', {
        name: 'Other',
        external_source: 'jira',
        external_id: 'EPIC-1',
      }),
    ).toMatchObject({
      status: 409,
      body: {
        error: 'Module with the same external id and external source already exists',
        id: (taken.body as { id: string }).id,
      },
    });
    expect(
      await call(owner, 'POST', '/modules/', {
        name: 'Backwards',
        start_date: '2026-05-02',
        target_date: '2026-05-01',
      }),
    ).toMatchObject({ status: 400, body: { non_field_errors: ['Start date cannot exceed target date'] } });
    const other = await call(owner, 'POST', '/modules/', { name: 'Renamed later' });
    const id = (other.body as { id: string }).id;
    expect(await call(owner, 'PATCH', `/modules/${id}/`, { name: 'Brand' })).toMatchObject({
      status: 400,
      body: { error: 'Module with this name already exists' },
    });
    expect(await call(owner, 'PATCH', `/modules/${id}/`, { status: 'someday' })).toMatchObject({
      status: 400,
      body: { status: ['"someday" is not a valid choice.'] },
    });
    const renamed = await call(member, 'PATCH', `/modules/${id}/`, {
      name: 'Brand refresh',
      status: 'in-progress',
      members: [owner.user.id],
    });
    expect(renamed).toMatchObject({
      status: 200,
      body: {
        id,
        name: 'Brand refresh',
        status: 'in-progress',
        members: [owner.user.id],
        updated_by: member.user.id,
      },
    });
  });
});

describe('module work items', () => {
  it('adds items (skipping foreign and repeated ids), lists and counts them, and writes their history', async () => {
    const module = (await call(owner, 'POST', '/modules/', { name: 'Launch' })).body as { id: string };
    const todo = await call(owner, 'POST', '/work-items/', { name: 'Brief', state: states.Todo });
    const done = await call(owner, 'POST', '/work-items/', { name: 'Kickoff', state: states.Done });
    const [todoId, doneId] = [todo.body, done.body].map((b) => (b as { id: string }).id) as [string, string];
    const elsewhere = await owner.sdk.projects.create(workspace.slug, {
      name: 'Elsewhere',
      identifier: 'ELW',
    });
    const foreign = await owner.sdk.workItems.create(workspace.slug, elsewhere.id, { name: 'Not here' });

    expect(await call(owner, 'POST', `/modules/${module.id}/module-issues/`, { issues: [] })).toMatchObject({
      status: 400,
      body: { error: 'Issues are required' },
    });
    const added = await call(member, 'POST', `/modules/${module.id}/module-issues/`, {
      issues: [todoId, doneId, foreign.id, randomUUID()],
    });
    expect(added.status).toBe(200);
    const links = added.body as Array<Record<string, unknown>>;
    expect(links.map((l) => l.issue)).toEqual([todoId, doneId]);
    expect(links[0]).toMatchObject({ module: module.id, sub_issues_count: 0, created_by: member.user.id });
    const again = await call(owner, 'POST', `/modules/${module.id}/module-issues/`, { issues: [todoId] });
    expect((again.body as unknown[]).length).toBe(2);

    const items = await call(owner, 'GET', `/modules/${module.id}/module-issues/?per_page=1`);
    expect(items.body).toMatchObject({ total_count: 2, count: 1, next_page_results: true });
    expect((items.body as { results: Array<{ id: string }> }).results[0]!.id).toBe(todoId);
    const detail = await call(owner, 'GET', `/modules/${module.id}/`);
    expect(detail.body).toMatchObject({ total_issues: 2, completed_issues: 1, unstarted_issues: 1 });

    expect((await call(owner, 'DELETE', `/modules/${module.id}/module-issues/${todoId}/`)).status).toBe(204);
    expect((await call(owner, 'DELETE', `/modules/${module.id}/module-issues/${todoId}/`)).status).toBe(404);
    const history = await call(owner, 'GET', `/work-items/${todoId}/activities/`);
    const rows = (history.body as { results: Array<Record<string, unknown>> }).results
      .filter((a) => a.field === 'modules')
      .map((a) => [a.verb, a.old_value, a.new_value, a.actor]);
    expect(rows).toEqual([
      ['created', null, 'Launch', member.user.id],
      ['deleted', 'Launch', null, owner.user.id],
    ]);
  });
});

describe('archive and delete', () => {
  it('archives only completed or cancelled modules, hides them, and brings them back', async () => {
    const { id } = (await call(owner, 'POST', '/modules/', { name: 'Q1 push' })).body as { id: string };
    expect(await call(owner, 'POST', `/modules/${id}/archive/`)).toMatchObject({
      status: 400,
      body: { error: 'Only completed or cancelled modules can be archived' },
    });
    await call(owner, 'PATCH', `/modules/${id}/`, { status: 'completed' });
    expect((await call(member, 'POST', `/modules/${id}/archive/`)).status).toBe(204);
    expect((await call(owner, 'GET', `/modules/${id}/`)).status).toBe(404);
    expect(await call(owner, 'PATCH', `/modules/${id}/`, { name: 'x' })).toMatchObject({
      status: 400,
      body: { error: 'Archived module cannot be edited' },
    });
    const listed = await call(owner, 'GET', '/modules/');
    expect((listed.body as { results: Array<{ id: string }> }).results.map((m) => m.id)).not.toContain(id);
    const archived = await call(owner, 'GET', '/archived-modules/');
    expect(archived.body).toMatchObject({
      results: [expect.objectContaining({ id, archived_at: expect.any(String) })],
    });

    expect((await call(owner, 'DELETE', `/archived-modules/${id}/unarchive/`)).status).toBe(204);
    expect(await call(owner, 'GET', `/modules/${id}/`)).toMatchObject({
      status: 200,
      body: { archived_at: null },
    });
  });

  it('lets the creator or a project admin delete a module, and takes its items out with a history row', async () => {
    const { id } = (await call(owner, 'POST', '/modules/', { name: 'Owner stream' })).body as { id: string };
    const item = (await call(owner, 'POST', '/work-items/', { name: 'In stream' })).body as { id: string };
    await call(owner, 'POST', `/modules/${id}/module-issues/`, { issues: [item.id] });
    expect(await call(member, 'DELETE', `/modules/${id}/`)).toMatchObject({
      status: 403,
      body: { error: 'Only admin or creator can delete the module' },
    });
    const mine = (await call(member, 'POST', '/modules/', { name: 'Member stream' })).body as { id: string };
    expect((await call(member, 'DELETE', `/modules/${mine.id}/`)).status).toBe(204);
    expect((await call(owner, 'DELETE', `/modules/${id}/`)).status).toBe(204);
    expect((await call(owner, 'GET', `/modules/${id}/`)).status).toBe(404);
    const history = await call(owner, 'GET', `/work-items/${item.id}/activities/`);
    expect(
      (history.body as { results: Array<Record<string, unknown>> }).results
        .filter((a) => a.field === 'modules')
        .map((a) => a.verb),
    ).toEqual(['created', 'deleted']);
  });
});
