import type { Project, State } from '@makeplane/plane-node-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { memberCaller, planeWorkspace, raw, type Caller } from '../../../test/plane-kit.ts';

// Saved views: a project's named filters, ordering and grouping, and the work items they show.
const { server, owner, workspace } = await planeWorkspace(); // owner: workspace owner, project admin (creator)
let member: Caller; // project member
let guest: Caller; // project guest
let bystander: Caller; // workspace member, not in the project
let project: Project;
let states: Record<string, State>;
let base: string;

const call = (caller: Caller | undefined, method: string, path: string, body?: unknown) =>
  raw(server, method, `${base}${path}`, { key: caller?.token, body });

beforeAll(async () => {
  [member, guest, bystander] = await Promise.all([
    memberCaller(server, workspace, 'member'),
    memberCaller(server, workspace, 'guest'),
    memberCaller(server, workspace, 'member'),
  ]);
  project = await owner.sdk.projects.create(workspace.slug, { name: 'Views', identifier: 'VUE' });
  base = `/api/v1/workspaces/${workspace.slug}/projects/${project.id}`;
  await call(owner, 'POST', '/members/', { member: member.user.id, role: 15 });
  await call(owner, 'POST', '/members/', { member: guest.user.id, role: 5 });
  states = Object.fromEntries(
    (await owner.sdk.states.list(workspace.slug, project.id)).results.map((s) => [s.name, s]),
  );
  const make = (name: string, extra: Record<string, unknown>) =>
    owner.sdk.workItems.create(workspace.slug, project.id, { name, ...extra });
  await make('Alpha urgent in progress', { priority: 'urgent', state: states['In Progress']!.id });
  await make('Beta high in progress', { priority: 'high', state: states['In Progress']!.id });
  await make('Gamma urgent done', { priority: 'urgent', state: states.Done!.id });
  await make('Delta low backlog', { priority: 'low' });
});

interface View {
  id: string;
  name: string;
  filters: Record<string, unknown>;
  order_by: string;
  display: { group_by: string | null; sub_group_by: string | null };
  owned_by: string;
  project: string;
}

describe('saved views', () => {
  it('saves filters, ordering and grouping, and lists the items the view shows', async () => {
    const created = await call(member, 'POST', '/views/', {
      name: 'Hot work',
      filters: { state_group: 'started,unstarted', priority: ['urgent', 'high'] },
      order_by: 'name',
      display: { group_by: 'priority' },
    });
    expect(created.status).toBe(201);
    const view = created.body as View;
    expect(view).toMatchObject({
      name: 'Hot work',
      filters: { state_group: ['started', 'unstarted'], priority: ['urgent', 'high'] },
      order_by: 'name',
      display: { group_by: 'priority', sub_group_by: null },
      owned_by: member.user.id,
      project: project.id,
      description: '',
    });

    const shown = await call(guest, 'GET', `/views/${view.id}/work-items/`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ total_count: 2 });
    expect((shown.body as { results: Array<{ name: string }> }).results.map((r) => r.name)).toEqual([
      'Alpha urgent in progress',
      'Beta high in progress',
    ]);
    const reordered = await call(guest, 'GET', `/views/${view.id}/work-items/?order_by=-name&per_page=1`);
    expect(reordered.body).toMatchObject({
      count: 1,
      next_page_results: true,
      results: [{ name: 'Beta high in progress' }],
    });

    const listed = await call(guest, 'GET', '/views/');
    expect(listed.body).toMatchObject({ total_count: 1, results: [{ id: view.id, name: 'Hot work' }] });
    expect((await call(guest, 'GET', `/views/${view.id}/`)).body).toMatchObject({ id: view.id });
  });

  it('lets the owner or a project admin change and delete a view; other members get 403', async () => {
    const view = (await call(member, 'POST', '/views/', { name: 'Mine' })).body as View;
    expect(view).toMatchObject({ filters: {}, order_by: '-created_at' });
    const renamed = await call(member, 'PATCH', `/views/${view.id}/`, {
      name: 'Mine, renamed',
      filters: { priority: 'low' },
    });
    expect(renamed).toMatchObject({
      status: 200,
      body: { name: 'Mine, renamed', filters: { priority: ['low'] } },
    });
    expect(
      (await call(member, 'GET', `/views/${view.id}/work-items/`)).body as {
        results: Array<{ name: string }>;
      },
    ).toMatchObject({ results: [{ name: 'Delta low backlog' }] });

    const adminView = (await call(owner, 'POST', '/views/', { name: 'Admin only' })).body as View;
    expect(await call(member, 'PATCH', `/views/${adminView.id}/`, { name: 'Taken over' })).toMatchObject({
      status: 403,
      body: { error: 'Only the owner of the view or a project admin can change it' },
    });
    expect((await call(member, 'DELETE', `/views/${adminView.id}/`)).status).toBe(403);
    expect((await call(owner, 'PATCH', `/views/${view.id}/`, { order_by: '-priority' })).status).toBe(200);
    expect((await call(owner, 'DELETE', `/views/${view.id}/`)).status).toBe(204);
    expect((await call(member, 'GET', `/views/${view.id}/`)).status).toBe(404);
  });

  it('lets guests read but not save; outsiders of the project get 403 before any lookup', async () => {
    expect((await call(guest, 'POST', '/views/', { name: 'Guest view' })).status).toBe(403);
    expect((await call(bystander, 'GET', '/views/')).status).toBe(403);
    expect((await call(bystander, 'GET', `/views/${crypto.randomUUID()}/`)).status).toBe(403);
    expect((await call(undefined, 'GET', '/views/')).status).toBe(401);
  });

  it('refuses bad filters, ordering and grouping naming the field, and saves nothing', async () => {
    expect(
      await call(member, 'POST', '/views/', { name: 'Bad', filters: { priority: 'asap', colour: 'red' } }),
    ).toMatchObject({ status: 400, body: { filters: { colour: ['Unknown filter.'] } } });
    expect(
      await call(member, 'POST', '/views/', { name: 'Bad', filters: { priority: 'asap' } }),
    ).toMatchObject({
      status: 400,
      body: { filters: { priority: ['"asap" is not a valid choice.'] } },
    });
    expect(await call(member, 'POST', '/views/', { name: 'Bad', order_by: 'colour' })).toMatchObject({
      status: 400,
      body: { order_by: ['"colour" is not a valid choice.'] },
    });
    expect(
      await call(member, 'POST', '/views/', { name: 'Bad', display: { group_by: 'colour' } }),
    ).toMatchObject({ status: 400, body: { display: expect.anything() } });
    expect(
      await call(member, 'POST', '/views/', { name: 'Bad', display: { sub_group_by: 'state' } }),
    ).toMatchObject({ status: 400, body: { display: { sub_group_by: [expect.any(String)] } } });
    expect(await call(member, 'POST', '/views/', { filters: {} })).toMatchObject({
      status: 400,
      body: { name: ['This field is required.'] },
    });
    const names = ((await call(owner, 'GET', '/views/')).body as { results: View[] }).results.map(
      (v) => v.name,
    );
    expect(names).not.toContain('Bad');
  });
});
