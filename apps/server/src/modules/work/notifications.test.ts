import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { domainEvents } from '../../platform/events/events.schema.ts';
import { newWorkspace } from '../../../test/factories.ts';
import {
  memberCaller,
  ownerWithWorkspace,
  planeWorkspace,
  raw,
  type Caller,
} from '../../../test/plane-kit.ts';

// Notifications (ours): assignment, mentions and followed items reach people's inboxes; nobody hears of their own
// change; each person reads and marks only their own.
const { server, owner, workspace } = await planeWorkspace();
let alice: Caller;
let bob: Caller;
let outsider: Caller; // a workspace member outside the project
let base: string;
let inbox: string;

type Note = {
  id: string;
  kind: string;
  title: string;
  actor: string;
  work_item: string;
  read_at: string | null;
  data: { fields?: string[] } & Record<string, unknown>;
};
type Page = { total_count: number; results: Note[] };

const mention = (c: Caller) =>
  `<mention-component entity_identifier="${c.user.id}" entity_name="user_mention"></mention-component>`;

async function notes(caller: Caller, query = ''): Promise<Note[]> {
  const response = await raw(server, 'GET', `${inbox}${query}`, { key: caller.token });
  expect(response.status).toBe(200);
  return (response.body as Page).results;
}

async function newItem(caller: Caller, body: Record<string, unknown>): Promise<string> {
  const created = await raw(server, 'POST', `${base}/work-items/`, { key: caller.token, body });
  expect(created.status).toBe(201);
  return (created.body as { id: string }).id;
}

const unread = async (caller: Caller) =>
  (await raw(server, 'GET', `${inbox}unread-count/`, { key: caller.token })).body as { unread_count: number };

beforeAll(async () => {
  [alice, bob, outsider] = await Promise.all([
    memberCaller(server, workspace, 'member'),
    memberCaller(server, workspace, 'member'),
    memberCaller(server, workspace, 'member'),
  ]);
  const project = await owner.sdk.projects.create(workspace.slug, { name: 'Inbox', identifier: 'INB' });
  base = `/api/v1/workspaces/${workspace.slug}/projects/${project.id}`;
  inbox = `/api/v1/workspaces/${workspace.slug}/users/me/notifications/`;
  for (const c of [alice, bob]) {
    const added = await raw(server, 'POST', `${base}/members/`, {
      key: owner.token,
      body: { member: c.user.id, role: 15 },
    });
    expect(added.status).toBe(201);
  }
});

describe('notifications', () => {
  it('tells people they were assigned, and followers what changed, but never the actor', async () => {
    const id = await newItem(owner, { name: 'Write the brief', assignees: [alice.user.id, owner.user.id] });
    const [assigned] = await notes(alice);
    expect(assigned).toMatchObject({
      kind: 'assigned',
      title: 'Write the brief',
      actor: owner.user.id,
      work_item: id,
      read_at: null,
      data: { work_item: { id, name: 'Write the brief', identifier: 'INB-1' } },
    });
    expect(await notes(owner)).toEqual([]);

    // Bob adds himself: he is told nothing; alice (an assignee, so a follower) and the creator hear of it.
    const patched = await raw(server, 'PATCH', `${base}/work-items/${id}/`, {
      key: bob.token,
      body: { assignees: [alice.user.id, owner.user.id, bob.user.id], priority: 'high' },
    });
    expect(patched.status).toBe(200);
    expect(await notes(bob)).toEqual([]);
    const [change] = await notes(owner);
    expect(change).toMatchObject({ kind: 'subscribed_change', actor: bob.user.id });
    expect(change!.data.fields).toEqual(expect.arrayContaining(['priority', 'assignees']));
    expect((await notes(alice)).map((n) => n.kind)).toEqual(['subscribed_change', 'assigned']);

    // A follower hears of the owner's rename; a workspace member outside the project hears nothing.
    const again = await raw(server, 'PATCH', `${base}/work-items/${id}/`, {
      key: owner.token,
      body: { name: 'Write the brief v2' },
    });
    expect(again.status).toBe(200);
    expect((await notes(bob))[0]).toMatchObject({ kind: 'subscribed_change', title: 'Write the brief v2' });
    expect(await notes(outsider)).toEqual([]);
  });

  it('tells people mentioned in a description or a comment, and followers about comments', async () => {
    const id = await newItem(alice, {
      name: 'Plan launch',
      description_html: `<p>Over to ${mention(bob)} and ${mention(outsider)}</p>`,
    });
    expect((await notes(bob))[0]).toMatchObject({
      kind: 'mentioned',
      title: 'Plan launch',
      actor: alice.user.id,
    });
    expect(await notes(outsider)).toEqual([]); // not in the project: cannot read the item

    const comment = await raw(server, 'POST', `${base}/work-items/${id}/comments/`, {
      key: owner.token,
      body: { comment_html: `<p>Agreed, ${mention(bob)}, ${mention(owner)} <b>today</b></p>` },
    });
    expect(comment.status).toBe(201);
    const commentId = (comment.body as { id: string }).id;
    expect((await notes(bob))[0]).toMatchObject({
      kind: 'mentioned',
      data: { comment: { id: commentId, text: expect.stringContaining('today') } },
    });
    // Alice created the item, so she follows it and hears of the comment.
    expect((await notes(alice))[0]).toMatchObject({ kind: 'comment', actor: owner.user.id });
    expect((await notes(owner)).some((n) => n.work_item === id)).toBe(false);

    // Editing a description tells only the newly mentioned; a mention that was already there is not repeated.
    const before = (await notes(bob)).length;
    await raw(server, 'PATCH', `${base}/work-items/${id}/`, {
      key: alice.token,
      body: { description_html: `<p>Over to ${mention(bob)} and ${mention(owner)}</p>` },
    });
    expect((await notes(owner))[0]).toMatchObject({ kind: 'mentioned', work_item: id });
    const bobs = await notes(bob);
    expect(bobs.length).toBe(before);
  });

  it('lets anyone in the project follow and unfollow an item, and tells followers of others’ changes', async () => {
    const id = await newItem(owner, { name: 'Follow me' });
    const subscribe = `${base}/work-items/${id}/subscribe/`;
    expect((await raw(server, 'GET', subscribe, { key: bob.token })).body).toEqual({ subscribed: false });
    expect((await raw(server, 'GET', subscribe, { key: owner.token })).body).toEqual({ subscribed: true });
    expect(await raw(server, 'POST', subscribe, { key: bob.token })).toMatchObject({
      status: 200,
      body: { subscribed: true },
    });
    expect((await raw(server, 'GET', subscribe, { key: bob.token })).body).toEqual({ subscribed: true });

    await raw(server, 'PATCH', `${base}/work-items/${id}/`, {
      key: alice.token,
      body: { priority: 'urgent' },
    });
    expect((await notes(bob))[0]).toMatchObject({
      kind: 'subscribed_change',
      work_item: id,
      actor: alice.user.id,
    });
    expect((await notes(owner))[0]).toMatchObject({ kind: 'subscribed_change', work_item: id });

    // The change is also a domain event, for live updates.
    const db = server.t.database.db;
    const events = await db
      .select()
      .from(domainEvents)
      .where(
        and(
          eq(domainEvents.type, 'notification.created'),
          eq(domainEvents.aggregateId, (await notes(bob))[0]!.id),
        ),
      );
    expect(events).toHaveLength(1);

    expect(await raw(server, 'DELETE', subscribe, { key: bob.token })).toMatchObject({
      status: 200,
      body: { subscribed: false },
    });
    const count = (await notes(bob)).length;
    await raw(server, 'PATCH', `${base}/work-items/${id}/`, { key: alice.token, body: { priority: 'low' } });
    expect((await notes(bob)).length).toBe(count);
    // Issues paths serve the same thing.
    expect((await raw(server, 'GET', `${base}/issues/${id}/subscribe/`, { key: bob.token })).body).toEqual({
      subscribed: false,
    });
  });

  it('marks one read and unread, all read, and counts the unread', async () => {
    await newItem(owner, { name: 'Count me', assignees: [bob.user.id] });
    const { unread_count: start } = await unread(bob);
    expect(start).toBeGreaterThan(1);
    const [first] = await notes(bob);
    const read = await raw(server, 'POST', `${inbox}${first!.id}/read/`, { key: bob.token });
    expect(read).toMatchObject({ status: 200, body: { id: first!.id, read_at: expect.any(String) } });
    expect(await unread(bob)).toEqual({ unread_count: start - 1 });
    expect((await notes(bob, '?read=false')).map((n) => n.id)).not.toContain(first!.id);
    expect((await notes(bob, '?read=true')).map((n) => n.id)).toEqual([first!.id]);

    expect(await raw(server, 'DELETE', `${inbox}${first!.id}/read/`, { key: bob.token })).toMatchObject({
      status: 200,
      body: { read_at: null },
    });
    expect(await unread(bob)).toEqual({ unread_count: start });

    const page = await raw(server, 'GET', `${inbox}?per_page=1`, { key: bob.token });
    expect(page.body).toMatchObject({ count: 1, total_count: start, next_page_results: true });

    expect(await raw(server, 'POST', `${inbox}mark-all-read/`, { key: bob.token })).toMatchObject({
      status: 200,
      body: { updated: start },
    });
    expect(await unread(bob)).toEqual({ unread_count: 0 });
    expect(await notes(bob, '?read=false')).toEqual([]);
    // Alice's stay unread.
    expect((await unread(alice)).unread_count).toBeGreaterThan(0);
  });

  it('archives and unarchives: the inbox and its badge leave archived ones out, the archive shows them', async () => {
    await newItem(owner, { name: 'Archive me', assignees: [bob.user.id] });
    const [note] = await notes(bob);
    const { unread_count: start } = await unread(bob);
    const archived = await raw(server, 'POST', `${inbox}${note!.id}/archive/`, { key: bob.token });
    expect(archived).toMatchObject({
      status: 200,
      body: { id: note!.id, archived_at: expect.any(String), read_at: null },
    });
    expect((await notes(bob)).map((n) => n.id)).not.toContain(note!.id);
    expect((await notes(bob, '?archived=true')).map((n) => n.id)).toEqual([note!.id]);
    expect((await notes(bob, '?archived=true&read=true')).map((n) => n.id)).toEqual([]);
    expect(await unread(bob)).toEqual({ unread_count: start - 1 });
    // Marking all read leaves the archive as it is; an archived one can still be read.
    await raw(server, 'POST', `${inbox}mark-all-read/`, { key: bob.token });
    expect((await notes(bob, '?archived=true'))[0]!.read_at).toBeNull();
    expect((await raw(server, 'POST', `${inbox}${note!.id}/read/`, { key: bob.token })).status).toBe(200);
    // The change is announced to the receiver's other tabs, as read marks are.
    const db = server.t.database.db;
    const events = await db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.type, 'notification.archived'), eq(domainEvents.aggregateId, note!.id)));
    expect(events).toHaveLength(1);

    const back = await raw(server, 'DELETE', `${inbox}${note!.id}/archive/`, { key: bob.token });
    expect(back).toMatchObject({ status: 200, body: { id: note!.id, archived_at: null } });
    expect((await notes(bob))[0]!.id).toBe(note!.id);
    expect(await notes(bob, '?archived=true')).toEqual([]);
    // Someone else's is not found; bad input is refused.
    expect(await raw(server, 'POST', `${inbox}${note!.id}/archive/`, { key: alice.token })).toMatchObject({
      status: 404,
      body: { error: 'Notification not found.' },
    });
    expect(await raw(server, 'GET', `${inbox}?archived=yes`, { key: bob.token })).toMatchObject({
      status: 400,
      body: { archived: [expect.any(String)] },
    });
  });

  it("keeps each person's notifications to themselves and to the workspace", async () => {
    const [alices] = await notes(alice);
    for (const method of ['POST', 'DELETE']) {
      expect(await raw(server, method, `${inbox}${alices!.id}/read/`, { key: bob.token })).toMatchObject({
        status: 404,
        body: { error: 'Notification not found.' },
      });
    }
    expect(await raw(server, 'POST', `${inbox}${randomUUID()}/read/`, { key: bob.token })).toMatchObject({
      status: 404,
    });
    expect((await notes(bob)).map((n) => n.id)).not.toContain(alices!.id);
    expect((await notes(alice))[0]!.read_at).toBeNull();

    // The owner's second workspace shows none of the first one's notifications.
    const second = await newWorkspace(server.t, owner.user);
    const elsewhere = `/api/v1/workspaces/${second.slug}/users/me/notifications/`;
    const [ownerNote] = await notes(owner);
    expect((await raw(server, 'GET', elsewhere, { key: owner.token })).body).toMatchObject({
      total_count: 0,
    });
    expect((await raw(server, 'GET', `${elsewhere}unread-count/`, { key: owner.token })).body).toEqual({
      unread_count: 0,
    });
    expect(
      (await raw(server, 'POST', `${elsewhere}${ownerNote!.id}/read/`, { key: owner.token })).status,
    ).toBe(404);
    expect((await raw(server, 'POST', `${elsewhere}mark-all-read/`, { key: owner.token })).body).toEqual({
      updated: 0,
    });
    expect((await notes(owner))[0]!.read_at).toBeNull();

    // Strangers and the anonymous are turned away before anything is looked up.
    const { owner: stranger } = await ownerWithWorkspace(server);
    expect((await raw(server, 'GET', inbox, { key: stranger.token })).status).toBe(403);
    expect(
      (await raw(server, 'POST', `${inbox}${ownerNote!.id}/read/`, { key: stranger.token })).status,
    ).toBe(403);
    expect((await raw(server, 'GET', inbox)).status).toBe(401);
  });

  it('refuses bad input without changing anything', async () => {
    const before = await unread(alice);
    expect(await raw(server, 'GET', `${inbox}?read=maybe`, { key: alice.token })).toMatchObject({
      status: 400,
      body: { read: [expect.any(String)] },
    });
    expect(await raw(server, 'GET', `${inbox}?per_page=abc`, { key: alice.token })).toMatchObject({
      status: 400,
      body: { detail: 'Invalid per_page parameter.' },
    });
    expect((await raw(server, 'POST', `${inbox}not-a-uuid/read/`, { key: alice.token })).status).toBe(404);
    expect(
      (await raw(server, 'POST', `${base}/work-items/${randomUUID()}/subscribe/`, { key: alice.token }))
        .status,
    ).toBe(404);
    expect(
      (await raw(server, 'POST', `${base}/work-items/${randomUUID()}/subscribe/`, { key: outsider.token }))
        .status,
    ).toBe(403);
    expect(await unread(alice)).toEqual(before);
  });
});

describe('notifications of changes made elsewhere', () => {
  const about = async (caller: Caller, id: string) => (await notes(caller)).filter((n) => n.work_item === id);
  const call = async (caller: Caller, method: string, path: string, body?: unknown) => {
    const response = await raw(server, method, `${base}${path}`, { key: caller.token, body });
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
    return response.body as { id: string };
  };

  it('tells followers when an item joins or leaves a cycle or a module, or gains or loses a relation', async () => {
    await call(owner, 'PATCH', '/', { cycle_view: true, module_view: true });
    const id = await newItem(owner, { name: 'Ship the shop', assignees: [alice.user.id] });
    const other = await newItem(owner, { name: 'Payment provider' });
    const cycle = await call(owner, 'POST', '/cycles/', { name: 'Sprint 9' });
    const module = await call(owner, 'POST', '/modules/', { name: 'Checkout' });

    await call(bob, 'POST', `/cycles/${cycle.id}/cycle-issues/`, { issues: [id] });
    await call(bob, 'POST', `/modules/${module.id}/module-issues/`, { issues: [id] });
    await call(bob, 'POST', `/work-items/${id}/relations/`, { relation_type: 'blocked_by', issues: [other] });
    await call(bob, 'POST', `/work-items/${id}/relations/remove/`, { related_issue: other });
    await call(bob, 'DELETE', `/cycles/${cycle.id}/cycle-issues/${id}/`);

    const heard = (await about(alice, id)).reverse();
    expect(heard.map((n) => [n.kind, n.actor, n.data.fields])).toEqual([
      ['assigned', owner.user.id, undefined],
      ['subscribed_change', bob.user.id, ['cycles']],
      ['subscribed_change', bob.user.id, ['modules']],
      ['subscribed_change', bob.user.id, ['blocked_by']],
      ['subscribed_change', bob.user.id, ['blocked_by']],
      ['subscribed_change', bob.user.id, ['cycles']],
    ]);
    expect(heard[1]!.data.changes).toEqual([
      { verb: 'created', field: 'cycles', old_value: null, new_value: 'Sprint 9' },
    ]);
    expect(heard[3]!.data.changes).toEqual([
      {
        verb: 'updated',
        field: 'blocked_by',
        old_value: null,
        new_value: expect.stringMatching(/^INB-\d+$/),
      },
    ]);
    expect(heard[4]!.data.changes).toMatchObject([{ verb: 'deleted', field: 'blocked_by', new_value: null }]);
    // The owner created both items, so hears of the relation from each end; bob, who acted, hears nothing.
    expect((await about(owner, other)).map((n) => n.data.fields)).toEqual([['blocking'], ['blocking']]);
    expect(await about(bob, id)).toEqual([]);
    expect(await about(outsider, id)).toEqual([]);
  });

  it('tells followers when an item is archived or deleted, but not the person who did it', async () => {
    const id = await newItem(alice, { name: 'Old landing page', assignees: [bob.user.id] });
    await call(owner, 'PATCH', `/work-items/${id}/`, { archived_at: '2026-01-15' });
    await call(owner, 'DELETE', `/work-items/${id}/`);
    for (const follower of [alice, bob]) {
      const [deleted, archived] = await about(follower, id);
      expect(archived).toMatchObject({ kind: 'subscribed_change', actor: owner.user.id });
      expect(archived!.data.fields).toEqual(['archived_at']);
      expect(deleted).toMatchObject({
        kind: 'subscribed_change',
        title: 'Old landing page',
        actor: owner.user.id,
        data: { fields: ['deleted'], work_item: { id, name: 'Old landing page' } },
      });
    }
    expect(await about(owner, id)).toEqual([]);
  });

  it('tells project members written as @displayname or @Full Name in a comment, and nobody else', async () => {
    const id = await newItem(owner, { name: 'Copy review' });
    const handle = (c: Caller) => c.user.email.split('@')[0]!;
    const comments = `/work-items/${id}/comments/`;
    const html =
      `<p>@${handle(bob)}, see the mail to ${alice.user.email}; cc @${handle(outsider)} ` +
      `and @${handle(owner)}x and @${handle(owner)}.</p>`;
    const comment = await call(owner, 'POST', comments, { comment_html: html });
    expect((await about(bob, id)).map((n) => n.kind)).toEqual(['mentioned']);
    expect(await about(alice, id)).toEqual([]); // an e-mail address is not a mention
    expect(await about(outsider, id)).toEqual([]); // not in the project
    expect(await about(owner, id)).toEqual([]); // the author

    // An edit that keeps bob and adds alice by her full name tells alice only.
    await call(owner, 'PATCH', `${comments}${comment.id}/`, {
      comment_html: `<p>@${handle(bob)} and @${alice.user.name}: thoughts?</p>`,
    });
    expect((await about(alice, id)).map((n) => n.kind)).toEqual(['mentioned']);
    expect(await about(bob, id)).toHaveLength(1);
  });

  it('reads @displayname and @Full Name in descriptions too, telling each newly named member once', async () => {
    const handle = (c: Caller) => c.user.email.split('@')[0]!;
    const description = `<p>@${handle(bob)} drafts it; @${handle(outsider)} and ${alice.user.email} watch.</p>`;
    const id = await newItem(owner, { name: 'Press release', description_html: description });
    expect((await about(bob, id)).map((n) => [n.kind, n.actor])).toEqual([['mentioned', owner.user.id]]);
    expect(await about(alice, id)).toEqual([]); // an e-mail address is not a mention
    expect(await about(outsider, id)).toEqual([]); // not in the project

    // An edit that keeps bob and names alice in full tells alice only; saving it again tells nobody anew.
    const edited = `<p>@${handle(bob)} drafts it, @${alice.user.name} signs it off.</p>`;
    await call(owner, 'PATCH', `/work-items/${id}/`, { description_html: edited });
    await call(owner, 'PATCH', `/work-items/${id}/`, { description_html: `${edited}<p>Due Friday.</p>` });
    expect((await about(alice, id)).map((n) => n.kind)).toEqual(['mentioned']);
    expect(await about(bob, id)).toHaveLength(1);
    // Bob's own edit names the owner (who hears it as a mention, above following) and bob himself (no news).
    await call(bob, 'PATCH', `/work-items/${id}/`, {
      description_html: `<p>@${handle(owner)}: @${handle(bob)} has it</p>`,
    });
    expect((await about(owner, id)).map((n) => [n.kind, n.actor])).toEqual([['mentioned', bob.user.id]]);
    expect(await about(bob, id)).toHaveLength(1);
  });
});
