import { randomUUID } from 'node:crypto';
import type { Project } from '@makeplane/plane-node-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpError, memberCaller, planeWorkspace, raw, type Caller } from '../../../test/plane-kit.ts';

// Project estimates (contract §2.16) through Plane's Node SDK: the estimate, its points, linking it to the
// project, work items' estimate_point, the project-member rule, and cycle points read from estimate points.
const { server, owner, workspace } = await planeWorkspace();
const slug = workspace.slug;
let project: Project;
let other: Project;
let guest: Caller;
let member: Caller;
let bystander: Caller;

const path = (p: Project, rest = '') => `/api/v1/workspaces/${slug}/projects/${p.id}/${rest}`;
const send = (method: string, url: string, body?: unknown, by: Caller = owner) =>
  raw(server, method, url, { key: by.token, body });
const addMember = (caller: Caller, role: number) =>
  send('POST', path(project, 'members/'), { member: caller.user.id, role });

beforeAll(async () => {
  [guest, member, bystander] = await Promise.all([
    memberCaller(server, workspace, 'guest'),
    memberCaller(server, workspace, 'member'),
    memberCaller(server, workspace, 'member'),
  ]);
  project = await owner.sdk.projects.create(slug, { name: 'Sized', identifier: 'SIZ' });
  other = await owner.sdk.projects.create(slug, { name: 'Elsewhere', identifier: 'ELS' });
  await addMember(guest, 5);
  await addMember(member, 15);
});

describe('the project estimate through the SDK', () => {
  it('creates, reads, updates and deletes the one estimate of a project', async () => {
    const sdk = owner.sdk.estimates;
    await httpError(sdk.retrieve(slug, project.id), 404, { error: 'Estimate not found' });
    const created = await sdk.create(slug, project.id, {
      name: 'Story points',
      description: 'Fibonacci',
      type: 'points',
      external_source: 'jira',
      external_id: 'EST-1',
    });
    expect(created).toMatchObject({
      name: 'Story points',
      description: 'Fibonacci',
      type: 'points',
      last_used: false,
      external_source: 'jira',
      external_id: 'EST-1',
      project: project.id,
      workspace: workspace.id,
      created_by: owner.user.id,
    });
    await httpError(sdk.create(slug, project.id, { name: 'Second' }), 409, {
      error: 'An estimate already exists for this project',
      id: created.id,
    });
    // Only the name and the description change; the type stays what it was.
    const updated = await sdk.update(slug, project.id, { name: 'Points', type: 'time' } as never);
    expect(updated).toMatchObject({
      id: created.id,
      name: 'Points',
      type: 'points',
      description: 'Fibonacci',
    });
    expect(await sdk.retrieve(slug, project.id)).toMatchObject({ id: created.id, name: 'Points' });

    await sdk.delete(slug, project.id);
    await httpError(sdk.retrieve(slug, project.id), 404, { error: 'Estimate not found' });
    await httpError(sdk.delete(slug, project.id), 404, { error: 'Estimate not found' });
    await httpError(sdk.update(slug, project.id, { name: 'Gone' }), 404);
  });

  it('lists, adds, changes and removes points, as a bare array in key order', async () => {
    const sdk = owner.sdk.estimates;
    const estimate = await sdk.create(slug, other.id, { name: 'T-shirt', type: 'categories' });
    expect(await sdk.listPoints(slug, other.id, estimate.id)).toEqual([]);
    const added = await sdk.createPoints(slug, other.id, estimate.id, [
      { value: 'M', key: 2 },
      { value: 'S', key: 1, description: 'An afternoon' },
    ]);
    expect(added).toEqual([
      expect.objectContaining({ value: 'M', key: 2, estimate: estimate.id, project: other.id }),
      expect.objectContaining({ value: 'S', key: 1, description: 'An afternoon' }),
    ]);
    // Plane also takes the points wrapped in an object.
    const wrapped = await send('POST', path(other, `estimates/${estimate.id}/estimate-points/`), {
      estimate_points: [{ value: 'XL', key: 4 }],
    });
    expect(wrapped).toMatchObject({ status: 201, body: [{ value: 'XL', key: 4 }] });
    const xl = (wrapped.body as Array<{ id: string }>)[0]!.id;
    expect(await sdk.updatePoint(slug, other.id, estimate.id, xl, { value: 'L', key: 3 })).toMatchObject({
      id: xl,
      value: 'L',
      key: 3,
    });
    expect((await sdk.listPoints(slug, other.id, estimate.id)).map((p) => p.value)).toEqual(['S', 'M', 'L']);

    await sdk.deletePoint(slug, other.id, estimate.id, xl);
    expect((await sdk.listPoints(slug, other.id, estimate.id)).map((p) => p.value)).toEqual(['S', 'M']);
    await httpError(sdk.deletePoint(slug, other.id, estimate.id, xl), 404, {
      error: 'Estimate point not found',
    });
    await httpError(sdk.listPoints(slug, other.id, randomUUID()), 404, { error: 'Estimate not found' });
    // An estimate is reached only through its own project.
    await httpError(sdk.listPoints(slug, project.id, estimate.id), 404, { error: 'Estimate not found' });
  });

  it('refuses bad points and changes nothing', async () => {
    const estimate = await owner.sdk.estimates.retrieve(slug, other.id);
    const points = path(other, `estimates/${estimate.id}/estimate-points/`);
    const before = (await send('GET', points)).body;
    expect(await send('POST', points, [{ value: 'x'.repeat(21) }])).toMatchObject({
      status: 400,
      body: { value: ['Ensure this field has no more than 20 characters.'] },
    });
    expect(await send('POST', points, [{ value: 'ok' }, { key: 1 }])).toMatchObject({
      status: 400,
      body: { value: ['This field is required.'] },
    });
    expect(await send('POST', points, [])).toMatchObject({
      status: 400,
      body: { error: 'Estimate points are required' },
    });
    expect(await send('POST', points, { points: [{ value: '1' }] })).toMatchObject({
      status: 400,
      body: { error: 'Estimate points are required' },
    });
    expect(await send('POST', points, [{ value: '1', key: 'one' }])).toMatchObject({
      status: 400,
      body: { key: ['A valid integer is required.'] },
    });
    const pair = { external_source: 'jira', external_id: 'P-1' };
    await send('POST', points, [{ value: 'XS', ...pair }]);
    expect(await send('POST', points, [{ value: 'XS again', ...pair }])).toMatchObject({
      status: 409,
      body: { error: 'Estimate point with the same external id and external source already exists' },
    });
    expect((await send('GET', points)).body).toHaveLength((before as unknown[]).length + 1);
    expect(await send('POST', path(project, 'estimates/'), { name: 'X', type: 'hours' })).toMatchObject({
      status: 400,
      body: { type: ['"hours" is not a valid choice.'] },
    });
    expect(await send('POST', path(project, 'estimates/'), { description: 'no name' })).toMatchObject({
      status: 400,
      body: { name: ['This field is required.'] },
    });
    await httpError(owner.sdk.estimates.retrieve(slug, project.id), 404);
  });
});

describe('estimates on projects and work items', () => {
  it('links the project to its own estimate only, and unlinks it when the estimate goes', async () => {
    const own = await owner.sdk.estimates.create(slug, project.id, { name: 'Points', type: 'points' });
    const foreign = await owner.sdk.estimates.retrieve(slug, other.id);
    await httpError(owner.sdk.estimates.linkToProject(slug, project.id, foreign.id), 400, {
      estimate: ['Estimate not found in this project.'],
    });
    const linked = await owner.sdk.estimates.linkToProject(slug, project.id, own.id);
    expect(linked).toMatchObject({ id: project.id, estimate: own.id });

    await owner.sdk.estimates.delete(slug, project.id);
    expect(await owner.sdk.projects.retrieve(slug, project.id)).toMatchObject({ estimate: null });
  });

  it("takes an estimate point of the project's estimate on a work item, and no other", async () => {
    const estimate = await owner.sdk.estimates.create(slug, project.id, { name: 'Points', type: 'points' });
    const [three, five] = await owner.sdk.estimates.createPoints(slug, project.id, estimate.id, [
      { value: '3', key: 1 },
      { value: '5', key: 2 },
    ]);
    const foreign = await owner.sdk.estimates.retrieve(slug, other.id);
    const [foreignPoint] = await owner.sdk.estimates.listPoints(slug, other.id, foreign.id);

    const item = await owner.sdk.workItems.create(slug, project.id, {
      name: 'Sized',
      estimate_point: three!.id,
    });
    expect(item).toMatchObject({ estimate_point: three!.id });
    const changed = await owner.sdk.workItems.update(slug, project.id, item.id, { estimate_point: five!.id });
    expect(changed).toMatchObject({ estimate_point: five!.id });
    const expanded = await send('GET', path(project, `work-items/${item.id}/?expand=estimate_point`));
    expect(expanded.body).toMatchObject({
      estimate_point: { id: five!.id, value: '5', estimate: estimate.id },
    });
    const activity = await owner.sdk.workItems.activities.list(slug, project.id, item.id);
    expect(activity.results).toContainEqual(
      expect.objectContaining({
        field: 'estimate_point',
        old_value: '3',
        new_value: '5',
        old_identifier: three!.id,
        new_identifier: five!.id,
      }),
    );

    await httpError(
      owner.sdk.workItems.update(slug, project.id, item.id, { estimate_point: foreignPoint!.id }),
      400,
      { non_field_errors: ['Estimate point is not valid please pass a valid estimate_point_id'] },
    );
    const unknown = randomUUID();
    await httpError(
      owner.sdk.workItems.create(slug, project.id, { name: 'x', estimate_point: unknown }),
      400,
      {
        estimate_point: [`Invalid pk "${unknown}" - object does not exist.`],
      },
    );
    expect(await owner.sdk.workItems.retrieve(slug, project.id, item.id)).toMatchObject({
      estimate_point: five!.id,
    });

    // A removed point leaves its work items without an estimate, and each one's history says so.
    await member.sdk.estimates.deletePoint(slug, project.id, estimate.id, five!.id);
    expect(await owner.sdk.workItems.retrieve(slug, project.id, item.id)).toMatchObject({
      estimate_point: null,
    });
    const history = await owner.sdk.workItems.activities.list(slug, project.id, item.id);
    expect(history.results.filter((a) => a.field === 'estimate_point')).toEqual([
      expect.objectContaining({ old_value: '3', new_value: '5' }),
      expect.objectContaining({
        verb: 'updated',
        old_value: '5',
        new_value: null,
        old_identifier: five!.id,
        new_identifier: null,
        actor: member.user.id,
      }),
    ]);
    await httpError(owner.sdk.workItems.update(slug, project.id, item.id, { estimate_point: five!.id }), 400);
  });
});

describe('deleting an estimate that work items use', () => {
  it("writes each item's history and tells its followers, in the deletion", async () => {
    const sized = await owner.sdk.projects.create(slug, { name: 'Sized again', identifier: 'SZA' });
    await send('POST', path(sized, 'members/'), { member: member.user.id, role: 15 });
    const estimate = await owner.sdk.estimates.create(slug, sized.id, { name: 'Points', type: 'points' });
    const [two, eight] = await owner.sdk.estimates.createPoints(slug, sized.id, estimate.id, [
      { value: '2', key: 1 },
      { value: '8', key: 2 },
    ]);
    const create = (body: Record<string, unknown>) =>
      member.sdk.workItems.create(slug, sized.id, { name: 'Sized item', ...body });
    const small = await create({ estimate_point: two!.id });
    const large = await create({ estimate_point: eight!.id });
    const bare = await create({});

    await owner.sdk.estimates.delete(slug, sized.id);
    const cleared = async (id: string) =>
      (await owner.sdk.workItems.activities.list(slug, sized.id, id)).results
        .filter((a) => a.field === 'estimate_point')
        .map((a) => [a.old_value, a.new_value, a.old_identifier, a.actor]);
    expect(await cleared(small.id)).toEqual([['2', null, two!.id, owner.user.id]]);
    expect(await cleared(large.id)).toEqual([['8', null, eight!.id, owner.user.id]]);
    expect(await cleared(bare.id)).toEqual([]);
    // The member created the items, so follows them and hears what their history says.
    const inbox = await send('GET', `/api/v1/workspaces/${slug}/users/me/notifications/`, undefined, member);
    const heard = (inbox.body as { results: Array<{ work_item: string; data: { fields?: string[] } }> })
      .results;
    expect(heard.filter((n) => n.work_item === small.id).map((n) => n.data.fields)).toEqual([
      ['estimate_point'],
    ]);
  });
});

describe('who may touch estimates (ProjectEntity)', () => {
  it('lets project members read, admins and members write, guests only read, outsiders nothing', async () => {
    const estimate = await owner.sdk.estimates.retrieve(slug, project.id);
    const points = path(project, `estimates/${estimate.id}/estimate-points/`);
    const [point] = await owner.sdk.estimates.listPoints(slug, project.id, estimate.id);
    expect((await guest.sdk.estimates.retrieve(slug, project.id)).id).toBe(estimate.id);
    expect(await guest.sdk.estimates.listPoints(slug, project.id, estimate.id)).toHaveLength(1);
    await httpError(guest.sdk.estimates.update(slug, project.id, { name: 'Guessed' }), 403);
    await httpError(guest.sdk.estimates.createPoints(slug, project.id, estimate.id, [{ value: '8' }]), 403);
    await httpError(guest.sdk.estimates.deletePoint(slug, project.id, estimate.id, point!.id), 403);
    await httpError(guest.sdk.estimates.delete(slug, project.id), 403);
    await httpError(bystander.sdk.estimates.retrieve(slug, project.id), 403, {
      detail: 'You do not have permission to perform this action.',
    });
    // Permission comes before any lookup: an outsider learns nothing about a project that does not exist.
    expect(
      (
        await send(
          'GET',
          `/api/v1/workspaces/${slug}/projects/${randomUUID()}/estimates/`,
          undefined,
          bystander,
        )
      ).status,
    ).toBe(403);

    const added = await member.sdk.estimates.createPoints(slug, project.id, estimate.id, [
      { value: '8', key: 9 },
    ]);
    expect(added[0]).toMatchObject({ value: '8', created_by: member.user.id });
    expect(await member.sdk.estimates.update(slug, project.id, { name: 'Team points' })).toMatchObject({
      name: 'Team points',
      updated_by: member.user.id,
    });
    expect((await send('GET', points, undefined, guest)).body).toHaveLength(2);
  });
});

describe('cycle points from estimates', () => {
  it('counts the value of a points estimate, and the legacy point where no number is set', async () => {
    await owner.sdk.projects.update(slug, other.id, { cycle_view: true } as never);
    await owner.sdk.projects.update(slug, project.id, { cycle_view: true } as never);
    const pointsEstimate = await owner.sdk.estimates.retrieve(slug, project.id);
    const [eight] = (await owner.sdk.estimates.listPoints(slug, project.id, pointsEstimate.id)).filter(
      (p) => p.value === '8',
    );
    const categories = await owner.sdk.estimates.retrieve(slug, other.id);
    const [small] = await owner.sdk.estimates.listPoints(slug, other.id, categories.id);

    const progress = async (p: Project, items: Array<Record<string, unknown>>) => {
      const cycle = await owner.sdk.cycles.create(slug, p.id, {
        name: `Sprint ${randomUUID().slice(0, 4)}`,
        owned_by: owner.user.id,
        project_id: p.id,
      });
      const ids = [];
      for (const body of items)
        ids.push((await owner.sdk.workItems.create(slug, p.id, { name: 'i', ...body })).id);
      await owner.sdk.cycles.addWorkItemsToCycle(slug, p.id, cycle.id, ids);
      return (await send('GET', path(p, `cycles/${cycle.id}/progress/`))).body;
    };
    // Points estimate: the point's value (8) wins over the legacy point; an item without one keeps its point.
    expect(await progress(project, [{ estimate_point: eight!.id, point: 2 }, { point: 3 }])).toMatchObject({
      total_items: 2,
      total_points: 11,
    });
    // Categories have no numbers: the legacy point counts.
    expect(await progress(other, [{ estimate_point: small!.id, point: 2 }])).toMatchObject({
      total_items: 1,
      total_points: 2,
    });
  });
});
