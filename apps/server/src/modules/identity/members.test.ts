import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  newApiToken,
  newMember,
  newUser,
  newWorkspace,
  type TestUser,
  type TestWorkspace,
} from '../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import type { WorkspaceRole } from './identity.schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

interface Team {
  workspace: TestWorkspace;
  owner: TestUser;
  admin: TestUser;
  member: TestUser;
  guest: TestUser;
}

async function newTeam(): Promise<Team> {
  const owner = await newUser(t);
  const workspace = await newWorkspace(t, owner);
  const [admin, member, guest] = await Promise.all(
    (['admin', 'member', 'guest'] as const).map((role) => newMember(t, workspace, role)),
  );
  return { workspace, owner, admin: admin!, member: member!, guest: guest! };
}

const changeRole = (ws: TestWorkspace, by: TestUser, target: TestUser, role: string) =>
  t.request({
    method: 'PATCH',
    url: `/api/workspaces/${ws.slug}/members/${target.id}`,
    headers: { cookie: by.cookie },
    payload: { role },
  });
const remove = (ws: TestWorkspace, by: TestUser, target: TestUser) =>
  t.request({
    method: 'DELETE',
    url: `/api/workspaces/${ws.slug}/members/${target.id}`,
    headers: { cookie: by.cookie },
  });
const leave = (ws: TestWorkspace, user: TestUser) =>
  t.request({ method: 'POST', url: `/api/workspaces/${ws.slug}/leave`, headers: { cookie: user.cookie } });

async function roleOf(ws: TestWorkspace, user: TestUser): Promise<WorkspaceRole | undefined> {
  const row = await t.container.identity.workspaces.findBySlug(ws.slug);
  const members = await t.container.identity.members.list(row);
  return members.find((m) => m.userId === user.id)?.role;
}

describe('changing roles', () => {
  it('lets an owner give any role to anyone, owners included', async () => {
    const team = await newTeam();
    expect((await changeRole(team.workspace, team.owner, team.member, 'owner')).statusCode).toBe(204);
    expect(await roleOf(team.workspace, team.member)).toBe('owner');
    expect((await changeRole(team.workspace, team.owner, team.member, 'guest')).statusCode).toBe(204);
    expect(await roleOf(team.workspace, team.member)).toBe('guest');
    expect((await changeRole(team.workspace, team.owner, team.admin, 'member')).statusCode).toBe(204);
    expect(await roleOf(team.workspace, team.admin)).toBe('member');
  });

  it('records a role change with before and after in the audit trail', async () => {
    const team = await newTeam();
    await changeRole(team.workspace, team.owner, team.guest, 'member');
    const activity = await t.request({
      method: 'GET',
      url: `/api/workspaces/${team.workspace.slug}/activity`,
      headers: { cookie: team.owner.cookie },
    });
    expect(activity.json<{ results: unknown[] }>().results[0]).toMatchObject({
      action: 'workspace.member.role_changed',
      actor: { type: 'user', id: team.owner.id },
      before: { user_id: team.guest.id, role: 'guest' },
      after: { user_id: team.guest.id, role: 'member' },
    });
  });

  it('lets an admin move people between guest, member and admin, but never touch an owner or grant owner', async () => {
    const team = await newTeam();
    expect((await changeRole(team.workspace, team.admin, team.guest, 'admin')).statusCode).toBe(204);
    expect((await changeRole(team.workspace, team.admin, team.guest, 'member')).statusCode).toBe(204);

    const grant = await changeRole(team.workspace, team.admin, team.member, 'owner');
    expect(grant.statusCode).toBe(403);
    expect(grant.json()).toMatchObject({ error: { code: 'ROLE_NOT_GRANTABLE', field: 'role' } });
    const demote = await changeRole(team.workspace, team.admin, team.owner, 'member');
    expect(demote.statusCode).toBe(403);
    expect(demote.json().error.code).toBe('ROLE_NOT_GRANTABLE');
    const self = await changeRole(team.workspace, team.admin, team.admin, 'owner');
    expect(self.statusCode).toBe(403);

    expect(await roleOf(team.workspace, team.member)).toBe('member');
    expect(await roleOf(team.workspace, team.owner)).toBe('owner');
    expect(await roleOf(team.workspace, team.admin)).toBe('admin');
  });

  it('does not let members or guests change anyone, themselves included', async () => {
    const team = await newTeam();
    for (const actor of [team.member, team.guest]) {
      for (const [target, role] of [
        [team.guest, 'member'],
        [actor, 'admin'],
        [team.owner, 'guest'],
      ] as const) {
        const refused = await changeRole(team.workspace, actor, target, role);
        expect(refused.statusCode).toBe(403);
        expect(refused.json().error.code).toBe('FORBIDDEN');
      }
    }
    expect(await roleOf(team.workspace, team.member)).toBe('member');
    expect(await roleOf(team.workspace, team.guest)).toBe('guest');
  });

  it('answers 404 for someone who is not a member of the workspace', async () => {
    const team = await newTeam();
    const stranger = await newUser(t);
    const response = await changeRole(team.workspace, team.owner, stranger, 'admin');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('MEMBER_NOT_FOUND');
    expect(await roleOf(team.workspace, stranger)).toBeUndefined();
  });
});

describe('removing and leaving', () => {
  it('lets owners remove anyone and admins remove anyone but owners', async () => {
    const team = await newTeam();
    expect((await remove(team.workspace, team.admin, team.guest)).statusCode).toBe(204);
    expect((await remove(team.workspace, team.admin, team.owner)).statusCode).toBe(403);
    expect((await remove(team.workspace, team.owner, team.admin)).statusCode).toBe(204);
    expect(await roleOf(team.workspace, team.guest)).toBeUndefined();
    expect(await roleOf(team.workspace, team.admin)).toBeUndefined();
    expect(await roleOf(team.workspace, team.owner)).toBe('owner');
  });

  it('does not let members or guests remove anyone', async () => {
    const team = await newTeam();
    expect((await remove(team.workspace, team.member, team.guest)).statusCode).toBe(403);
    expect((await remove(team.workspace, team.guest, team.member)).statusCode).toBe(403);
    expect(await roleOf(team.workspace, team.guest)).toBe('guest');
    expect(await roleOf(team.workspace, team.member)).toBe('member');
  });

  it('shuts a removed member out at once, sessions and API keys alike', async () => {
    const team = await newTeam();
    const key = await newApiToken(t, team.member);
    expect((await remove(team.workspace, team.owner, team.member)).statusCode).toBe(204);
    for (const headers of [{ cookie: team.member.cookie }, { 'x-api-key': key.token }]) {
      const response = await t.request({
        method: 'GET',
        url: `/api/workspaces/${team.workspace.slug}`,
        headers,
      });
      expect(response.statusCode).toBe(403);
    }
  });

  it('lets anyone leave, and leaving ends their access', async () => {
    const team = await newTeam();
    for (const user of [team.guest, team.member, team.admin]) {
      expect((await leave(team.workspace, user)).statusCode).toBe(204);
      expect(await roleOf(team.workspace, user)).toBeUndefined();
      const after = await t.request({
        method: 'GET',
        url: `/api/workspaces/${team.workspace.slug}/members`,
        headers: { cookie: user.cookie },
      });
      expect(after.statusCode).toBe(403);
    }
  });
});

describe('the last owner', () => {
  it('can neither leave, be removed, nor be demoted, by themselves or anyone', async () => {
    const team = await newTeam();
    const attempts = [
      await leave(team.workspace, team.owner),
      await remove(team.workspace, team.owner, team.owner),
      await changeRole(team.workspace, team.owner, team.owner, 'admin'),
    ];
    for (const response of attempts) {
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('LAST_OWNER');
    }
    expect(await roleOf(team.workspace, team.owner)).toBe('owner');
  });

  it('may go once another owner exists', async () => {
    const team = await newTeam();
    expect((await changeRole(team.workspace, team.owner, team.admin, 'owner')).statusCode).toBe(204);
    expect((await leave(team.workspace, team.owner)).statusCode).toBe(204);
    // The new owner is now the last one.
    expect((await leave(team.workspace, team.admin)).statusCode).toBe(409);
    expect(await roleOf(team.workspace, team.admin)).toBe('owner');
  });
});

describe('mass assignment', () => {
  it('gives a member no route to a higher role', async () => {
    const team = await newTeam();
    const { member, workspace } = team;
    const as = (method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>) =>
      t.request({ method, url, headers: { cookie: member.cookie }, payload });
    const attempts = [
      await as('PATCH', `/api/workspaces/${workspace.slug}/members/${member.id}`, { role: 'admin' }),
      await as('PATCH', `/api/workspaces/${workspace.slug}`, { name: 'Mine now', role: 'owner' }),
      await as('PATCH', '/api/me', { name: 'Member', role: 'admin' }),
      await as('PATCH', '/api/me', { workspace_role: 'owner' }),
      await as('POST', `/api/workspaces/${workspace.slug}/invitations`, {
        email: member.email,
        role: 'admin',
      }),
      await as('POST', '/api/me/api-tokens', { label: 'escalate', role: 'owner', workspace: workspace.slug }),
      await as('POST', '/api/invitations/accept', { token: 'inv_0000000000000000', role: 'owner' }),
      await as('POST', '/api/workspaces', { slug: workspace.slug, name: 'Same slug', role: 'owner' }),
    ];
    for (const response of attempts) expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(await roleOf(workspace, member)).toBe('member');
  });

  it('refuses unknown fields on PATCH /api/me, naming them, and changes nothing', async () => {
    const user = await newUser(t);
    for (const [field, value] of [
      ['role', 'admin'],
      ['email', 'someone-else@example.test'],
      ['id', crypto.randomUUID()],
      ['email_verified', true],
    ] as const) {
      const response = await t.request({
        method: 'PATCH',
        url: '/api/me',
        headers: { cookie: user.cookie },
        payload: { name: 'Changed', [field]: value },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field } });
    }
    const me = await t.request({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } });
    expect(me.json()).toMatchObject({ user: { id: user.id, email: user.email, name: user.name } });
  });
});
