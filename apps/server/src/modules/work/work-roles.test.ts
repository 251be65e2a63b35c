import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkspace } from '../../../test/factories.ts';
import {
  memberCaller,
  ownerWithWorkspace,
  planeWorkspace,
  raw,
  type Caller,
} from '../../../test/plane-kit.ts';

// Project-level roles on top of workspace roles (contract §1.3), tenancy, and permission before lookup.
const { server, owner, workspace } = await planeWorkspace();
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

describe('cycles and relations (ProjectEntity)', () => {
  it('lets project members read cycles, admins and members write, and nobody else in', async () => {
    expect(await status(owner, 'PATCH', `${base}/`, { cycle_view: true })).toBe(200);
    const created = await raw(server, 'POST', `${base}/cycles/`, {
      key: projectMember.token,
      body: { name: 'By a member' },
    });
    expect(created.status).toBe(201);
    const cycle = `${base}/cycles/${(created.body as { id: string }).id}/`;
    const writes = [];
    for (const c of [projectAdmin, projectGuest, bystander, stranger, undefined]) {
      writes.push(await status(c, 'POST', `${base}/cycles/`, { name: 'By role' }));
    }
    expect(writes).toEqual([201, 403, 403, 403, 401]);
    const reads = await Promise.all(
      [projectGuest, bystander, memberElsewhere, stranger, undefined].map((c) => status(c, 'GET', cycle)),
    );
    expect(reads).toEqual([200, 403, 403, 403, 401]);
    const guestReads = await Promise.all(
      [`${cycle}cycle-issues/`, `${cycle}progress/`, `${cycle}burndown/`, `${base}/archived-cycles/`].map(
        (url) => status(projectGuest, 'GET', url),
      ),
    );
    expect(guestReads).toEqual([200, 200, 200, 200]);
    const guestWrites = [
      await status(projectGuest, 'PATCH', cycle, { name: 'x' }),
      await status(projectGuest, 'POST', `${cycle}cycle-issues/`, { issues: [itemId] }),
      await status(projectGuest, 'POST', `${cycle}transfer-issues/`, { new_cycle_id: randomUUID() }),
      await status(projectGuest, 'POST', `${cycle}archive/`),
      await status(projectGuest, 'DELETE', `${base}/archived-cycles/${randomUUID()}/unarchive/`),
      await status(projectGuest, 'DELETE', `${cycle}cycle-issues/${itemId}/`),
    ];
    expect(guestWrites).toEqual([403, 403, 403, 403, 403, 403]);
    expect(await status(projectMember, 'POST', `${cycle}cycle-issues/`, { issues: [itemId] })).toBe(200);
    // Deleting a cycle: its owner or a project admin only.
    expect(await status(workspaceAdmin, 'DELETE', cycle)).toBe(403);
    expect(await status(projectAdmin, 'DELETE', cycle)).toBe(204);
    const nowhere = `/api/v1/workspaces/${workspace.slug}/projects/${randomUUID()}`;
    expect(await status(bystander, 'GET', `${nowhere}/cycles/${randomUUID()}/`)).toBe(403);
  });

  it('lets project members read relations and admins and members relate items', async () => {
    const other = await owner.sdk.workItems.create(workspace.slug, base.split('/').at(-1)!, {
      name: 'Other',
    });
    const relations = `${base}/work-items/${itemId}/relations/`;
    const body = { relation_type: 'relates_to', issues: [other.id] };
    expect(await status(projectGuest, 'GET', relations)).toBe(200);
    expect(await status(projectGuest, 'POST', relations, body)).toBe(403);
    expect(await status(bystander, 'GET', relations)).toBe(403);
    expect(await status(stranger, 'POST', relations, body)).toBe(403);
    expect(await status(projectMember, 'POST', relations, body)).toBe(201);
    expect(await status(projectGuest, 'POST', `${relations}remove/`, { related_issue: other.id })).toBe(403);
    expect(await status(projectAdmin, 'POST', `${relations}remove/`, { related_issue: other.id })).toBe(204);
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

  it('lists active memberships with roles (Agency OS) to whoever may list members; removed people drop out', async () => {
    const leaving = await memberCaller(server, workspace, 'member');
    const added = await raw(server, 'POST', `${base}/members/`, {
      key: projectAdmin.token,
      body: { member: leaving.user.id, role: 15 },
    });
    const memberships = async () =>
      (await raw(server, 'GET', `${base}/memberships/`, { key: projectMember.token })).body as Array<{
        id: string;
        member: { id: string; email: string };
        role: number;
      }>;
    expect((await memberships()).find((m) => m.member.id === leaving.user.id)).toEqual({
      id: (added.body as { id: string }).id,
      member: expect.objectContaining({ id: leaving.user.id, email: leaving.user.email }),
      role: 15,
    });
    const membershipId = (added.body as { id: string }).id;
    expect(await status(projectAdmin, 'DELETE', `${base}/members/${membershipId}/`)).toBe(204);
    expect((await memberships()).map((m) => m.member.id)).not.toContain(leaving.user.id);
    expect(await status(bystander, 'GET', `${base}/memberships/`)).toBe(403);
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

describe('modules (ProjectEntity), intake (ProjectLite), work logs and stickies', () => {
  it('applies each rule to every role, before any lookup', async () => {
    expect(
      await status(owner, 'PATCH', `${base}/`, {
        module_view: true,
        intake_view: true,
        is_time_tracking_enabled: true,
      }),
    ).toBe(200);
    const everyone = [projectAdmin, projectMember, projectGuest, bystander, stranger, undefined];
    const reads = async (path: string) =>
      Promise.all(everyone.map((c) => status(c, 'GET', `${base}${path}`)));
    expect(await reads('/modules/')).toEqual([200, 200, 200, 403, 403, 401]);
    expect(await reads('/intake-issues/')).toEqual([200, 200, 200, 403, 403, 401]);
    // Reading time is for project admins and members; guests see none of it.
    expect(await reads('/total-worklogs/')).toEqual([200, 200, 403, 403, 403, 401]);

    const moduleWrites = [];
    for (const c of [projectAdmin, projectMember, projectGuest, bystander, stranger]) {
      moduleWrites.push(await status(c, 'POST', `${base}/modules/`, { name: `By ${c.user.id}` }));
    }
    expect(moduleWrites).toEqual([201, 201, 403, 403, 403]);
    const submissions = [];
    for (const c of [projectMember, projectGuest, bystander, stranger]) {
      submissions.push(await status(c, 'POST', `${base}/intake-issues/`, { issue: { name: 'Request' } }));
    }
    expect(submissions).toEqual([201, 201, 403, 403]);
    const logs = `${base}/work-items/${itemId}/worklogs/`;
    const logWrites = [];
    for (const c of [projectAdmin, projectMember, projectGuest, bystander]) {
      logWrites.push(await status(c, 'POST', logs, { duration: 15, description: 'Role check' }));
    }
    expect(logWrites).toEqual([201, 201, 403, 403]);
    const nowhere = `/api/v1/workspaces/${workspace.slug}/projects/${randomUUID()}`;
    expect(await status(bystander, 'GET', `${nowhere}/modules/${randomUUID()}/`)).toBe(403);
    expect(await status(stranger, 'GET', `${nowhere}/intake-issues/${randomUUID()}/`)).toBe(403);
    expect(await status(projectGuest, 'GET', `${base}/work-items/${randomUUID()}/worklogs/`)).toBe(403);

    const stickies = `/api/v1/workspaces/${workspace.slug}/stickies/`;
    expect(await status(projectGuest, 'POST', stickies, { name: 'Guest note' })).toBe(201);
    expect(await status(stranger, 'GET', stickies)).toBe(403);
    expect(await status(undefined, 'GET', stickies)).toBe(401);
  });
});

describe('notifications (workspace members) and following work items (ProjectLite)', () => {
  it('lets every workspace member read their own inbox, and every project member follow an item', async () => {
    const inbox = `/api/v1/workspaces/${workspace.slug}/users/me/notifications/`;
    const everyone = [projectAdmin, projectGuest, bystander, stranger, undefined];
    const reads = async (path: string) => Promise.all(everyone.map((c) => status(c, 'GET', path)));
    expect(await reads(inbox)).toEqual([200, 200, 200, 403, 401]);
    expect(await reads(`${inbox}unread-count/`)).toEqual([200, 200, 200, 403, 401]);
    const markAll = [];
    for (const c of everyone) markAll.push(await status(c, 'POST', `${inbox}mark-all-read/`));
    expect(markAll).toEqual([200, 200, 200, 403, 401]);
    expect(await status(stranger, 'POST', `${inbox}${randomUUID()}/read/`)).toBe(403);
    expect(await status(projectGuest, 'DELETE', `${inbox}${randomUUID()}/read/`)).toBe(404);
    expect(await status(stranger, 'POST', `${inbox}${randomUUID()}/archive/`)).toBe(403);
    expect(await status(undefined, 'POST', `${inbox}${randomUUID()}/archive/`)).toBe(401);
    expect(await status(projectGuest, 'DELETE', `${inbox}${randomUUID()}/archive/`)).toBe(404);

    const subscribe = `${base}/work-items/${itemId}/subscribe/`;
    const follows = [];
    for (const c of [
      projectAdmin,
      projectMember,
      projectGuest,
      memberElsewhere,
      bystander,
      stranger,
      undefined,
    ]) {
      follows.push(await status(c, 'POST', subscribe));
    }
    expect(follows).toEqual([200, 200, 200, 403, 403, 403, 401]);
    expect(await reads(subscribe)).toEqual([200, 200, 403, 403, 401]);
    const nowhere = `/api/v1/workspaces/${workspace.slug}/projects/${randomUUID()}`;
    expect(await status(bystander, 'DELETE', `${nowhere}/work-items/${randomUUID()}/subscribe/`)).toBe(403);
  });
});

describe('search, saved views and attachments', () => {
  it('searches only the caller projects; outsiders of the workspace are refused', async () => {
    const search = `/api/v1/workspaces/${workspace.slug}/work-items/search/?search=shared`;
    const hits = async (c: Caller) =>
      ((await raw(server, 'GET', search, { key: c.token })).body as { issues: unknown[] }).issues.length;
    expect([await hits(projectGuest), await hits(projectMember), await hits(memberElsewhere)]).toEqual([
      1, 1, 0,
    ]);
    expect([await status(stranger, 'GET', search), await status(undefined, 'GET', search)]).toEqual([
      403, 401,
    ]);
  });

  it('lets project members read views, admins and members save them, owners and project admins change them', async () => {
    const reads = [];
    for (const c of [projectAdmin, projectMember, projectGuest, bystander, stranger, undefined]) {
      reads.push(await status(c, 'GET', `${base}/views/`));
    }
    expect(reads).toEqual([200, 200, 200, 403, 403, 401]);
    const saves = [];
    for (const c of [projectAdmin, projectMember, projectGuest, bystander]) {
      saves.push(await status(c, 'POST', `${base}/views/`, { name: 'By role' }));
    }
    expect(saves).toEqual([201, 201, 403, 403]);
    const view = (
      await raw(server, 'POST', `${base}/views/`, { key: projectMember.token, body: { name: 'Mine' } })
    ).body as { id: string };
    expect(await status(workspaceAdmin, 'PATCH', `${base}/views/${view.id}/`, { name: 'x' })).toBe(403);
    expect(await status(projectAdmin, 'PATCH', `${base}/views/${view.id}/`, { name: 'y' })).toBe(200);
  });

  it('lets every project member, guests included, handle attachments; nobody else', async () => {
    const attachments = `${base}/work-items/${itemId}/attachments/`;
    const body = { name: 'a.txt', type: 'text/plain', size: 1 };
    const starts = [];
    for (const c of [projectAdmin, projectMember, projectGuest, bystander, stranger, undefined]) {
      starts.push(await status(c, 'POST', attachments, body));
    }
    expect(starts).toEqual([200, 200, 200, 403, 403, 401]);
    expect(await status(memberElsewhere, 'GET', attachments)).toBe(403);
    expect(await status(projectGuest, 'GET', `${base}/issues/${itemId}/issue-attachments/`)).toBe(200);
  });
});
