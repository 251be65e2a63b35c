import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { newMember, newUser, newWorkspace } from '../../../test/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('workspaces', () => {
  it('creates a workspace whose creator is its owner, and refuses a taken slug', async () => {
    const owner = await newUser(t);
    const workspace = await newWorkspace(t, owner, 'acme-studio');
    expect(workspace).toMatchObject({ slug: 'acme-studio', role: 'owner' });

    const again = await t.request({
      method: 'POST',
      url: '/api/workspaces',
      headers: { cookie: owner.cookie },
      payload: { slug: 'acme-studio', name: 'Other' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({
      error: { code: 'WORKSPACE_SLUG_TAKEN', message: 'That workspace URL is already taken.', field: 'slug' },
    });
  });

  it('lists only the workspaces a user belongs to', async () => {
    const alice = await newUser(t);
    const bob = await newUser(t);
    const a = await newWorkspace(t, alice);
    await newWorkspace(t, bob);
    const list = await t.request({
      method: 'GET',
      url: '/api/workspaces',
      headers: { cookie: alice.cookie },
    });
    expect(list.json<Array<{ slug: string }>>().map((w) => w.slug)).toEqual([a.slug]);
  });

  it('records workspace changes in the audit trail with actor and before/after', async () => {
    const owner = await newUser(t);
    const workspace = await newWorkspace(t, owner);
    const rename = await t.request({
      method: 'PATCH',
      url: `/api/workspaces/${workspace.slug}`,
      headers: { cookie: owner.cookie },
      payload: { name: 'Renamed Studio' },
    });
    expect(rename.statusCode).toBe(200);
    const activity = await t.request({
      method: 'GET',
      url: `/api/workspaces/${workspace.slug}/activity`,
      headers: { cookie: owner.cookie },
    });
    const [latest, created] = activity.json<{ results: Array<Record<string, unknown>> }>().results;
    expect(latest).toMatchObject({
      action: 'workspace.updated',
      actor: { type: 'user', id: owner.id },
      before: { name: workspace.name },
      after: { name: 'Renamed Studio' },
    });
    expect(created).toMatchObject({ action: 'workspace.created' });
  });

  it('keeps at least one owner: the last owner can neither leave nor be demoted', async () => {
    const owner = await newUser(t);
    const workspace = await newWorkspace(t, owner);
    const leave = await t.request({
      method: 'POST',
      url: `/api/workspaces/${workspace.slug}/leave`,
      headers: { cookie: owner.cookie },
    });
    expect(leave.statusCode).toBe(409);
    expect(leave.json().error.code).toBe('LAST_OWNER');

    const second = await newMember(t, workspace, 'owner');
    const demote = await t.request({
      method: 'PATCH',
      url: `/api/workspaces/${workspace.slug}/members/${owner.id}`,
      headers: { cookie: second.cookie },
      payload: { role: 'member' },
    });
    expect(demote.statusCode).toBe(204);
    const members = await t.request({
      method: 'GET',
      url: `/api/workspaces/${workspace.slug}/members`,
      headers: { cookie: second.cookie },
    });
    expect(
      members.json<Array<{ user_id: string; role: string }>>().find((m) => m.user_id === owner.id)?.role,
    ).toBe('member');
  });

  it('lets an owner delete the workspace, after which nobody can reach it', async () => {
    const owner = await newUser(t);
    const workspace = await newWorkspace(t, owner);
    const admin = await newMember(t, workspace, 'admin');
    const byAdmin = await t.request({
      method: 'DELETE',
      url: `/api/workspaces/${workspace.slug}`,
      headers: { cookie: admin.cookie },
    });
    expect(byAdmin.statusCode).toBe(403);
    const byOwner = await t.request({
      method: 'DELETE',
      url: `/api/workspaces/${workspace.slug}`,
      headers: { cookie: owner.cookie },
    });
    expect(byOwner.statusCode).toBe(204);
    const after = await t.request({
      method: 'GET',
      url: `/api/workspaces/${workspace.slug}`,
      headers: { cookie: owner.cookie },
    });
    expect(after.statusCode).toBe(403);
  });
});
