import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { memberCaller, planeWorkspace, raw, type Caller } from '../../../test/plane-kit.ts';
import { cycles, cycleWorkItems } from './cycles.schema.ts';
import type { ProjectScope } from './project-access.ts';

// Work logs on Plane's commercial paths (docs/decisions/0014): minutes per work item, who may log and change
// them, the project's time-tracking switch, totals per item, project and cycle, and the item's history.
const { server, owner, workspace } = await planeWorkspace(); // owner: project admin
let member: Caller; // project member
let colleague: Caller; // another project member
let guest: Caller; // project guest
let base: string;
let projectId: string;

type Worklog = { id: string; duration: number; logged_by: string } & Record<string, unknown>;

const call = (caller: Caller | undefined, method: string, path: string, body?: unknown) =>
  raw(server, method, `${base}${path}`, { key: caller?.token, body });
const item = async (name: string) =>
  ((await call(owner, 'POST', '/work-items/', { name })).body as { id: string }).id;
const log = async (caller: Caller, itemId: string, duration: number, prefix = 'work-items') => {
  const response = await call(caller, 'POST', `/${prefix}/${itemId}/worklogs/`, {
    duration,
    description: 'work',
  });
  expect(response.status).toBe(201);
  return response.body as Worklog;
};

beforeAll(async () => {
  [member, colleague, guest] = await Promise.all([
    memberCaller(server, workspace, 'member'),
    memberCaller(server, workspace, 'member'),
    memberCaller(server, workspace, 'guest'),
  ]);
  const project = await owner.sdk.projects.create(workspace.slug, { name: 'Billing', identifier: 'BIL' });
  projectId = project.id;
  base = `/api/v1/workspaces/${workspace.slug}/projects/${project.id}`;
  await call(owner, 'POST', '/members/', { member: member.user.id, role: 15 });
  await call(owner, 'POST', '/members/', { member: colleague.user.id, role: 15 });
  await call(owner, 'POST', '/members/', { member: guest.user.id, role: 5 });
});

describe('logging time', () => {
  it("answers Plane's 404 until the project turns time tracking on", async () => {
    const id = await item('Not tracked yet');
    expect(
      await call(member, 'POST', `/work-items/${id}/worklogs/`, { duration: 30, description: 'x' }),
    ).toMatchObject({
      status: 404,
      body: {
        error: 'Worklog is not enabled for the project',
        message: 'Worklog is not enabled for the project',
      },
    });
    expect((await call(member, 'GET', '/total-worklogs/')).status).toBe(404);
    expect((await call(owner, 'PATCH', '/', { is_time_tracking_enabled: true })).status).toBe(200);
  });

  it('logs minutes as the caller under both prefixes, lists them newest first and records them in the history', async () => {
    const id = await item('Design review');
    const created = await call(member, 'POST', `/issues/${id}/worklogs/`, {
      duration: 90,
      description: 'Review with the client',
      logged_by: owner.user.id,
    });
    expect(created).toMatchObject({
      status: 201,
      body: {
        duration: 90,
        description: 'Review with the client',
        logged_by: member.user.id,
        created_by: member.user.id,
        updated_by: null,
        project_id: projectId,
        workspace_id: workspace.id,
      },
    });
    expect(Object.keys(created.body as object).sort()).toEqual([
      'created_at',
      'created_by',
      'description',
      'duration',
      'id',
      'logged_by',
      'project_id',
      'updated_at',
      'updated_by',
      'workspace_id',
    ]);
    const second = await log(owner, id, 0);
    const list = await call(member, 'GET', `/work-items/${id}/worklogs/`);
    expect((list.body as Worklog[]).map((w) => [w.id, w.duration])).toEqual([
      [second.id, 0],
      [(created.body as Worklog).id, 90],
    ]);
    const history = await call(owner, 'GET', `/work-items/${id}/activities/`);
    expect(
      (history.body as { results: Array<Record<string, unknown>> }).results
        .filter((a) => a.field === 'worklog')
        .map((a) => [a.verb, a.new_value, a.actor]),
    ).toEqual([
      ['created', '90', member.user.id],
      ['created', '0', owner.user.id],
    ]);
  });

  it('refuses bad durations and a missing description, writing nothing', async () => {
    const id = await item('Validation');
    expect(
      await call(member, 'POST', `/work-items/${id}/worklogs/`, { duration: -5, description: 'x' }),
    ).toMatchObject({
      status: 400,
      body: { non_field_errors: ['Duration cannot be negative'] },
    });
    expect(await call(member, 'POST', `/work-items/${id}/worklogs/`, { duration: 1.5 })).toMatchObject({
      status: 400,
      body: { duration: [expect.any(String)], description: ['This field is required.'] },
    });
    expect(
      await call(member, 'POST', `/work-items/${id}/worklogs/`, { description: 'x', duration: 'abc' }),
    ).toMatchObject({
      status: 400,
    });
    expect((await call(member, 'GET', `/work-items/${id}/worklogs/`)).body).toEqual([]);
    expect(
      (await call(member, 'POST', `/work-items/${randomUUID()}/worklogs/`, { duration: 5, description: 'x' }))
        .status,
    ).toBe(404);
  });
});

describe('who may log and change time', () => {
  it('keeps guests out entirely, before any lookup', async () => {
    const id = await item('Guest cannot log');
    expect((await call(guest, 'GET', `/work-items/${id}/worklogs/`)).status).toBe(403);
    expect((await call(guest, 'GET', `/work-items/${randomUUID()}/worklogs/`)).status).toBe(403);
    expect(
      (await call(guest, 'POST', `/work-items/${id}/worklogs/`, { duration: 5, description: 'x' })).status,
    ).toBe(403);
    expect((await call(guest, 'GET', '/total-worklogs/')).status).toBe(403);
    expect((await call(undefined, 'GET', '/total-worklogs/')).status).toBe(401);
    const bystander = await memberCaller(server, workspace, 'member');
    expect((await call(bystander, 'GET', `/work-items/${id}/worklogs/`)).status).toBe(403);
  });

  it("lets members change only their own logs, and project admins anyone's", async () => {
    const id = await item('Shared task');
    const mine = await log(member, id, 30);
    const path = `/work-items/${id}/worklogs/${mine.id}/`;
    expect(await call(colleague, 'PATCH', path, { duration: 1 })).toMatchObject({
      status: 403,
      body: { error: 'Only a project admin or the person who logged the time can change a work log' },
    });
    expect((await call(colleague, 'DELETE', path)).status).toBe(403);
    expect(await call(member, 'PATCH', path, { duration: 45 })).toMatchObject({
      status: 200,
      body: { duration: 45, logged_by: member.user.id, updated_by: member.user.id },
    });
    expect(await call(owner, 'PATCH', path, { description: 'Corrected by the lead' })).toMatchObject({
      status: 200,
      body: {
        duration: 45,
        description: 'Corrected by the lead',
        logged_by: member.user.id,
        updated_by: owner.user.id,
      },
    });
    expect((await call(member, 'GET', path)).status).toBe(405);
    expect((await call(owner, 'DELETE', path)).status).toBe(204);
    expect((await call(owner, 'DELETE', path)).status).toBe(404);
    expect((await call(member, 'GET', `/work-items/${id}/worklogs/`)).body).toEqual([]);
  });
});

describe('totals', () => {
  it('sums minutes per work item of the project, and per cycle', async () => {
    const other = await owner.sdk.projects.create(workspace.slug, { name: 'Totals', identifier: 'TOT' });
    const totals = `/api/v1/workspaces/${workspace.slug}/projects/${other.id}`;
    await raw(server, 'PATCH', `${totals}/`, { key: owner.token, body: { is_time_tracking_enabled: true } });
    await raw(server, 'POST', `${totals}/members/`, {
      key: owner.token,
      body: { member: member.user.id, role: 15 },
    });
    const make = async (name: string) =>
      (
        (await raw(server, 'POST', `${totals}/work-items/`, { key: owner.token, body: { name } })).body as {
          id: string;
        }
      ).id;
    const [a, b, c] = [await make('A'), await make('B'), await make('C')];
    const add = (caller: Caller, id: string, duration: number) =>
      raw(server, 'POST', `${totals}/work-items/${id}/worklogs/`, {
        key: caller.token,
        body: { duration, description: '' },
      });
    await add(owner, a, 30);
    await add(member, a, 20);
    await add(member, b, 15);
    const removed = (await add(owner, c, 999)).body as Worklog;
    await raw(server, 'DELETE', `${totals}/work-items/${c}/worklogs/${removed.id}/`, { key: owner.token });

    expect(await raw(server, 'GET', `${totals}/total-worklogs/`, { key: member.token })).toMatchObject({
      status: 200,
      body: [
        { issue_id: a, duration: 50 },
        { issue_id: b, duration: 15 },
      ],
    });
    // A cycle holding item B only (cycles have their own API; the rows are what it writes).
    const db = server.t.database.db;
    const cycleId = randomUUID();
    await db.insert(cycles).values({
      id: cycleId,
      workspaceId: workspace.id,
      projectId: other.id,
      name: 'Sprint 1',
      ownedBy: owner.user.id,
      sortOrder: 65535,
    });
    await db.insert(cycleWorkItems).values({
      id: randomUUID(),
      workspaceId: workspace.id,
      projectId: other.id,
      cycleId,
      workItemId: b,
    });
    expect(
      (await raw(server, 'GET', `${totals}/total-worklogs/?cycle_id=${cycleId}`, { key: member.token })).body,
    ).toEqual([{ issue_id: b, duration: 15 }]);
    expect(
      await raw(server, 'GET', `${totals}/total-worklogs/?cycle_id=nope`, { key: member.token }),
    ).toMatchObject({
      status: 400,
      body: { cycle_id: ['Must be a valid UUID.'] },
    });

    // The agency layer reads the same sums in-process, for the project and for the cycle.
    const scope = {
      workspace: { id: workspace.id, slug: workspace.slug },
      project: { id: other.id, isTimeTrackingEnabled: true },
      userId: owner.user.id,
      workspaceRole: 20,
      projectRole: 20,
    } as unknown as ProjectScope;
    const { worklogs } = server.t.container.work;
    expect(await worklogs.totals(scope)).toMatchObject({ total: 65 });
    expect(await worklogs.totals(scope, { cycleId })).toEqual({
      items: [{ workItemId: b, duration: 15 }],
      total: 15,
    });
  });
});
