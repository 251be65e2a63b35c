import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkspace } from '../../../test/factories.ts';
import {
  memberCaller,
  ownerWithWorkspace,
  raw,
  startPlaneServer,
  type Caller,
  type PlaneServer,
} from '../../../test/plane-kit.ts';

// Project-level roles on top of workspace roles (contract §1.3), tenancy, and permission before lookup.
let server: PlaneServer;
let workspace: TestWorkspace;
let owner: Caller;
let projectAdmin: Caller; // workspace member, project admin (20)
let projectMember: Caller; // workspace member, project member (15)
let projectGuest: Caller; // workspace guest, project guest (5)
let memberElsewhere: Caller; // workspace member, member of another project only
let bystander: Caller; // workspace member, in no project
let workspaceAdmin: Caller; // workspace admin who is a plain project member
let stranger: Caller; // no membership in this workspace
let strangerSpace: TestWorkspace;
let base: string;
let itemId: string;
let labelId: string;
let commentId: string;

const status = async (caller: Caller | undefined, method: string, path: string, body?: unknown) =>
  (await raw(server, method, path, { key: caller?.token, body })).status;

beforeAll(async () => {
  server = await startPlaneServer();
  ({ owner, workspace } = await ownerWithWorkspace(server));
  const callers = await Promise.all([
    memberCaller(server, workspace, 'member'),
    memberCaller(server, workspace, 'member'),
    memberCaller(server, workspace, 'guest'),
    memberCaller(server, workspace, 'member'),
    memberCaller(server, workspace, 'member'),
    memberCaller(server, workspace, 'admin'),
  ]);
  [projectAdmin, projectMember, projectGuest, memberElsewhere, bystander, workspaceAdmin] = callers as [
    Caller,
    Caller,
    Caller,
    Caller,
    Caller,
    Caller,
  ];
  ({ owner: stranger, workspace: strangerSpace } = await ownerWithWorkspace(server));
  const project = await owner.sdk.projects.create(workspace.slug, { name: 'Roles', identifier: 'ROL' });
  const other = await owner.sdk.projects.create(workspace.slug, { name: 'Elsewhere', identifier: 'ELS' });
  base = `/api/v1/workspaces/${workspace.slug}/projects/${project.id}`;
  const add = (caller: Caller, role: number, projectBase = base) =>
    raw(server, 'POST', `${projectBase}/members/`, {
      key: owner.token,
      body: { member: caller.user.id, role },
    });
  await add(projectAdmin, 20);
  await add(projectMember, 15);
  await add(projectGuest, 5);
  await add(workspaceAdmin, 15);
  await add(memberElsewhere, 15, `/api/v1/workspaces/${workspace.slug}/projects/${other.id}`);
  itemId = (await owner.sdk.workItems.create(workspace.slug, project.id, { name: 'Shared item' })).id;
  labelId = (await owner.sdk.labels.create(workspace.slug, project.id, { name: 'Shared label' })).id;
  commentId = (
    await owner.sdk.workItems.comments.create(workspace.slug, project.id, itemId, {
      comment_html: '<p>x</p>',
    })
  ).id;
});
afterAll(() => server.close());

describe('project entities: states, work items, links, activity (ProjectEntity)', () => {
  it('lets project members read, admins and members write, and nobody else in', async () => {
    const reads = await Promise.all(
      [projectAdmin, projectMember, projectGuest, bystander, workspaceAdmin, stranger, undefined].map((c) =>
        status(c, 'GET', `${base}/states/`),
      ),
    );
    expect(reads).toEqual([200, 200, 200, 403, 200, 403, 401]);
    const writes = [];
    for (const c of [projectAdmin, projectMember, projectGuest, bystander, stranger]) {
      writes.push(await status(c, 'POST', `${base}/work-items/`, { name: 'By role' }));
    }
    expect(writes).toEqual([201, 201, 403, 403, 403]);
    expect(await status(projectGuest, 'GET', `${base}/work-items/${itemId}/activities/`)).toBe(200);
    expect(await status(projectGuest, 'PATCH', `${base}/work-items/${itemId}/`, { name: 'x' })).toBe(403);
    expect(
      await status(projectGuest, 'POST', `${base}/work-items/${itemId}/links/`, { url: 'https://a.example' }),
    ).toBe(403);
  });

  it('checks permission before looking anything up: outsiders get 403 for ids that do not exist', async () => {
    const nowhere = `/api/v1/workspaces/${workspace.slug}/projects/${randomUUID()}`;
    expect(await status(bystander, 'GET', `${nowhere}/work-items/${randomUUID()}/`)).toBe(403);
    expect(await status(stranger, 'GET', `${nowhere}/states/`)).toBe(403);
    expect(await status(bystander, 'GET', `/api/v1/workspaces/${workspace.slug}/work-items/ROL-1/`)).toBe(
      403,
    );
    expect(await status(projectMember, 'GET', `${base}/work-items/${randomUUID()}/`)).toBe(404);
  });
});

describe('labels (ProjectMember) and comments (ProjectLite)', () => {
  it('lets members of any project read labels; workspace admins and members create; project members edit', async () => {
    expect(await status(memberElsewhere, 'GET', `${base}/labels/`)).toBe(200);
    expect(await status(bystander, 'GET', `${base}/labels/`)).toBe(403);
    expect(await status(bystander, 'POST', `${base}/labels/`, { name: 'From outside' })).toBe(201);
    expect(await status(projectGuest, 'POST', `${base}/labels/`, { name: 'From a guest' })).toBe(403);
    expect(await status(memberElsewhere, 'PATCH', `${base}/labels/${labelId}/`, { color: '#000' })).toBe(403);
    expect(await status(projectMember, 'PATCH', `${base}/labels/${labelId}/`, { color: '#000' })).toBe(200);
  });

  it('lets every project member, guests included, comment, edit and delete comments', async () => {
    const comments = `${base}/work-items/${itemId}/comments/`;
    expect(await status(projectGuest, 'POST', comments, { comment_html: '<p>guest</p>' })).toBe(201);
    expect(
      await status(projectGuest, 'PATCH', `${comments}${commentId}/`, { comment_html: '<p>y</p>' }),
    ).toBe(200);
    expect(await status(bystander, 'GET', comments)).toBe(403);
    expect(await status(projectGuest, 'DELETE', `${comments}${commentId}/`)).toBe(204);
  });
});

describe('projects (ProjectBase) and project members', () => {
  it('lets a project admin, or a project member who is a workspace admin, change the project', async () => {
    const change = (c: Caller) => status(c, 'PATCH', `${base}/`, { description: `by ${c.user.id}` });
    expect(await change(projectAdmin)).toBe(200);
    expect(await change(workspaceAdmin)).toBe(200);
    expect(await change(projectMember)).toBe(403);
    expect(await change(bystander)).toBe(403);
    expect(await status(bystander, 'GET', `${base}/`)).toBe(200);
    expect(
      await status(projectGuest, 'POST', `/api/v1/workspaces/${workspace.slug}/projects/`, {
        name: 'G',
        identifier: 'G',
      }),
    ).toBe(403);
    expect(await status(projectGuest, 'POST', `${base}/archive/`)).toBe(403);
  });

  it('lets only project admins manage members; members of any project may list them', async () => {
    const extra = await memberCaller(server, workspace, 'member');
    const body = { member: extra.user.id, role: 15 };
    expect(await status(projectMember, 'POST', `${base}/members/`, body)).toBe(403);
    expect(await status(projectAdmin, 'POST', `${base}/project-members/`, body)).toBe(201);
    expect(await status(memberElsewhere, 'GET', `${base}/members/`)).toBe(200);
    expect(await status(bystander, 'GET', `${base}/members/`)).toBe(403);
  });

  it('lists workspace members for admins and members, not guests', async () => {
    const url = `/api/v1/workspaces/${workspace.slug}/members/`;
    expect([await status(bystander, 'GET', url), await status(projectGuest, 'GET', url)]).toEqual([200, 403]);
  });
});

describe('tenancy', () => {
  it("never reaches another workspace's objects through this workspace's URLs", async () => {
    const theirs = await stranger.sdk.projects.create(strangerSpace.slug, {
      name: 'Theirs',
      identifier: 'THR',
    });
    const theirItem = await stranger.sdk.workItems.create(strangerSpace.slug, theirs.id, { name: 'Secret' });
    expect(await status(owner, 'GET', `/api/v1/workspaces/${workspace.slug}/projects/${theirs.id}/`)).toBe(
      404,
    );
    expect(await status(owner, 'GET', `${base}/work-items/${theirItem.id}/`)).toBe(404);
    expect(await status(owner, 'GET', `${base}/work-items/${theirItem.id}/comments/`)).toBe(404);

    const theirState = (await stranger.sdk.states.list(strangerSpace.slug, theirs.id)).results[0]!;
    expect(
      await raw(server, 'PATCH', `${base}/work-items/${itemId}/`, {
        key: owner.token,
        body: { state: theirState.id },
      }),
    ).toMatchObject({
      status: 400,
      body: { state: [`Invalid pk "${theirState.id}" - object does not exist.`] },
    });
    // Ids of another tenant are unknown here: refused like ids of nothing, so nothing tells they exist.
    const theirLabel = await stranger.sdk.labels.create(strangerSpace.slug, theirs.id, { name: 'Theirs' });
    const foreignLabel = await raw(server, 'PATCH', `${base}/work-items/${itemId}/`, {
      key: owner.token,
      body: { labels: [theirLabel.id, labelId] },
    });
    expect(foreignLabel).toMatchObject({
      status: 400,
      body: { labels: [`Invalid pk "${theirLabel.id}" - object does not exist.`] },
    });
    const foreignPerson = await raw(server, 'PATCH', `${base}/work-items/${itemId}/`, {
      key: owner.token,
      body: { assignees: [stranger.user.id] },
    });
    expect(foreignPerson).toMatchObject({
      status: 400,
      body: { assignees: [expect.stringMatching(/^Invalid pk/)] },
    });

    // Within the workspace, a state of another project is refused; labels of other projects and people without
    // a writing role are quietly dropped.
    const otherProject = await owner.sdk.projects.create(workspace.slug, {
      name: 'Other',
      identifier: 'OTH',
    });
    const otherState = (await owner.sdk.states.list(workspace.slug, otherProject.id)).results[0]!;
    expect(
      await raw(server, 'PATCH', `${base}/work-items/${itemId}/`, {
        key: owner.token,
        body: { state: otherState.id },
      }),
    ).toMatchObject({
      status: 400,
      body: { non_field_errors: ['State is not valid please pass a valid state_id'] },
    });
    const otherLabel = await owner.sdk.labels.create(workspace.slug, otherProject.id, {
      name: 'Other label',
    });
    const narrowed = await raw(server, 'PATCH', `${base}/work-items/${itemId}/`, {
      key: owner.token,
      body: {
        labels: [otherLabel.id, labelId],
        assignees: [bystander.user.id, projectGuest.user.id, projectMember.user.id],
      },
    });
    expect(narrowed.body).toMatchObject({ labels: [labelId], assignees: [projectMember.user.id] });
  });
});
