import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  newMember,
  newUser,
  newWorkspace,
  type TestUser,
  type TestWorkspace,
} from '../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { workspaceInvitations } from './identity.schema.ts';

let t: TestApp;
let owner: TestUser;
let workspace: TestWorkspace;

beforeAll(async () => {
  t = await createTestApp();
  owner = await newUser(t);
  workspace = await newWorkspace(t, owner);
});
afterAll(() => t?.close());

const inviteeEmail = () => `invitee-${crypto.randomUUID()}@example.test`;

async function invite(by: TestUser, email: string, role = 'member') {
  return t.request({
    method: 'POST',
    url: `/api/workspaces/${workspace.slug}/invitations`,
    headers: { cookie: by.cookie },
    payload: { email, role },
  });
}

/** Invites as the owner and returns the invitation with the token of its accept link. */
async function invited(email: string, role = 'member') {
  const response = await invite(owner, email, role);
  expect(response.statusCode).toBe(201);
  const body = response.json<{ id: string; accept_url: string }>();
  return { ...body, token: new URL(body.accept_url).pathname.split('/').pop()! };
}

const preview = (token: string) => t.request({ method: 'GET', url: `/api/invitations/${token}` });
const accept = (user: TestUser, token: string) =>
  t.request({
    method: 'POST',
    url: '/api/invitations/accept',
    headers: { cookie: user.cookie },
    payload: { token },
  });

async function memberRole(userId: string): Promise<string | undefined> {
  const members = await t.request({
    method: 'GET',
    url: `/api/workspaces/${workspace.slug}/members`,
    headers: { cookie: owner.cookie },
  });
  return members.json<Array<{ user_id: string; role: string }>>().find((m) => m.user_id === userId)?.role;
}

async function activity(): Promise<
  Array<{ action: string; object_id: string; after: Record<string, unknown> }>
> {
  const response = await t.request({
    method: 'GET',
    url: `/api/workspaces/${workspace.slug}/activity`,
    headers: { cookie: owner.cookie },
  });
  return response.json<{ results: Awaited<ReturnType<typeof activity>> }>().results;
}

describe('invitations', () => {
  it('mails an accept link that anyone holding it can preview without signing in', async () => {
    const email = inviteeEmail();
    const invitation = await invited(email, 'admin');
    expect(invitation.accept_url).toBe(`${t.config.publicUrl}/invitations/${invitation.token}`);

    const [mail] = await t.container.mailer.list({ to: email, kind: 'invitation' });
    expect(mail?.textBody).toContain(invitation.accept_url);
    expect(mail?.subject).toContain(workspace.name);

    const shown = await preview(invitation.token);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({
      workspace: { slug: workspace.slug, name: workspace.name },
      email,
      role: 'admin',
    });
  });

  it('makes the invited person a member with the invited role when they accept, and audits it', async () => {
    const email = inviteeEmail();
    const invitation = await invited(email, 'guest');
    const invitee = await newUser(t, { email });

    const accepted = await accept(invitee, invitation.token);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ slug: workspace.slug, role: 'guest' });
    expect(await memberRole(invitee.id)).toBe('guest');

    const trail = await activity();
    expect(trail.find((a) => a.action === 'workspace.invitation.accepted')).toMatchObject({
      object_id: invitation.id,
      after: { user_id: invitee.id, role: 'guest' },
    });
    expect(trail.find((a) => a.action === 'workspace.member.added')).toMatchObject({
      after: { user_id: invitee.id, role: 'guest' },
    });
    const pending = await t.request({
      method: 'GET',
      url: `/api/workspaces/${workspace.slug}/invitations`,
      headers: { cookie: owner.cookie },
    });
    expect(pending.json<Array<{ id: string }>>().map((i) => i.id)).not.toContain(invitation.id);
  });

  it('matches the invited address whatever its case', async () => {
    const email = inviteeEmail();
    const invitation = await invited(email.toUpperCase());
    const invitee = await newUser(t, { email });
    expect((await accept(invitee, invitation.token)).statusCode).toBe(200);
    expect(await memberRole(invitee.id)).toBe('member');
  });

  it('refuses an account with another e-mail address, which stays outside', async () => {
    const invitation = await invited(inviteeEmail());
    const stranger = await newUser(t);
    const refused = await accept(stranger, invitation.token);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('INVITATION_EMAIL_MISMATCH');
    expect(await memberRole(stranger.id)).toBeUndefined();
    expect((await preview(invitation.token)).statusCode).toBe(200);
  });

  it('refuses a link that was already used (410)', async () => {
    const email = inviteeEmail();
    const invitation = await invited(email);
    const invitee = await newUser(t, { email });
    expect((await accept(invitee, invitation.token)).statusCode).toBe(200);

    const again = await accept(invitee, invitation.token);
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('INVITATION_USED');
    expect((await preview(invitation.token)).json().error.code).toBe('INVITATION_USED');
  });

  it('refuses an expired link (410) and adds nobody', async () => {
    const email = inviteeEmail();
    const invitation = await invited(email);
    await t.database.db
      .update(workspaceInvitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(workspaceInvitations.id, invitation.id));
    const invitee = await newUser(t, { email });

    const refused = await accept(invitee, invitation.token);
    expect(refused.statusCode).toBe(410);
    expect(refused.json().error.code).toBe('INVITATION_EXPIRED');
    expect((await preview(invitation.token)).statusCode).toBe(410);
    expect(await memberRole(invitee.id)).toBeUndefined();
  });

  it('replaces the old link when the same address is invited again', async () => {
    const email = inviteeEmail();
    const first = await invited(email, 'member');
    const second = await invited(email, 'admin');

    expect((await preview(first.token)).json().error.code).toBe('INVITATION_NOT_FOUND');
    const pending = await t.request({
      method: 'GET',
      url: `/api/workspaces/${workspace.slug}/invitations`,
      headers: { cookie: owner.cookie },
    });
    expect(pending.json<Array<{ email: string; role: string }>>().filter((i) => i.email === email)).toEqual([
      expect.objectContaining({ role: 'admin' }),
    ]);
    const invitee = await newUser(t, { email });
    expect((await accept(invitee, first.token)).statusCode).toBe(404);
    expect((await accept(invitee, second.token)).statusCode).toBe(200);
    expect(await memberRole(invitee.id)).toBe('admin');
  });

  it('lets a manager withdraw an invitation, after which the link is dead', async () => {
    const email = inviteeEmail();
    const invitation = await invited(email);
    const admin = await newMember(t, workspace, 'admin');
    const withdrawn = await t.request({
      method: 'DELETE',
      url: `/api/workspaces/${workspace.slug}/invitations/${invitation.id}`,
      headers: { cookie: admin.cookie },
    });
    expect(withdrawn.statusCode).toBe(204);
    expect((await preview(invitation.token)).statusCode).toBe(404);
    const invitee = await newUser(t, { email });
    expect((await accept(invitee, invitation.token)).json().error.code).toBe('INVITATION_NOT_FOUND');
    expect((await activity()).find((a) => a.object_id === invitation.id)?.action).toBe(
      'workspace.invitation.revoked',
    );
  });

  it('lets admins invite up to admin but never an owner', async () => {
    const admin = await newMember(t, workspace, 'admin');
    const ownerInvite = await invite(admin, inviteeEmail(), 'owner');
    expect(ownerInvite.statusCode).toBe(403);
    expect(ownerInvite.json()).toMatchObject({ error: { code: 'ROLE_NOT_GRANTABLE', field: 'role' } });
    expect((await invite(admin, inviteeEmail(), 'admin')).statusCode).toBe(201);
    expect((await invite(owner, inviteeEmail(), 'owner')).statusCode).toBe(201);
  });

  it('does not let members or guests invite anyone', async () => {
    for (const role of ['member', 'guest'] as const) {
      const user = await newMember(t, workspace, role);
      const email = inviteeEmail();
      const refused = await invite(user, email, 'guest');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('FORBIDDEN');
      expect(await t.container.mailer.list({ to: email })).toEqual([]);
    }
  });
});
