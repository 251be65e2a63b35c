import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealtime } from '../src/realtime.ts';
import type { RealtimeServer } from '../src/platform/realtime/realtime-server.ts';
import {
  newApiToken,
  newMember,
  newUser,
  newWorkspace,
  type TestUser,
  type TestWorkspace,
} from './factories.ts';
import { raw, type PlaneServer } from './plane-kit.ts';
import { closeAllClients, connectClient, type TestClient } from './realtime-client.ts';
import { createTestApp, TEST_ORIGIN, type TestApp } from './test-app.ts';

/**
 * The `notifications` channel end to end: two people signed in with real socket.io-client connections, changes made
 * through the REST API; each person receives their own notifications and never the other's.
 */
let t: TestApp;
let realtime: RealtimeServer;
let server: PlaneServer;
let workspace: TestWorkspace;
let owner: TestUser;
let ana: TestUser;
let ben: TestUser;
let ownerKey: string;
let base: string;

beforeAll(async () => {
  t = await createTestApp({ API_KEY_RATE_LIMIT: '100000' });
  realtime = await startRealtime(t.container, t.app.server);
  server = { t, baseUrl: await t.app.listen({ host: '127.0.0.1', port: 0 }), close: () => t.close() };
  owner = await newUser(t);
  workspace = await newWorkspace(t, owner);
  [ana, ben] = [await newMember(t, workspace, 'member'), await newMember(t, workspace, 'member')];
  ownerKey = (await newApiToken(t, owner)).token;
  const project = await call('POST', `/api/v1/workspaces/${workspace.slug}/projects/`, {
    name: 'Live inbox',
    identifier: 'LIVE',
  });
  base = `/api/v1/workspaces/${workspace.slug}/projects/${project.id}`;
  for (const member of [ana, ben]) await call('POST', `${base}/members/`, { member: member.id, role: 15 });
});
afterAll(async () => {
  closeAllClients();
  await realtime?.close();
  await t?.close();
});

async function call(method: string, path: string, body?: unknown): Promise<{ id: string }> {
  const response = await raw(server, method, path, { key: ownerKey, body });
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
  return response.body as { id: string };
}

async function inbox(user: TestUser, channels = ['notifications']): Promise<TestClient> {
  const client = await connectClient(server.baseUrl, { cookie: user.cookie, origin: TEST_ORIGIN });
  expect(await client.join(workspace.slug)).toMatchObject({ ok: true });
  for (const channel of channels) expect(await client.subscribe(channel)).toMatchObject({ ok: true });
  return client;
}

const inboxPath = () => `/api/v1/workspaces/${workspace.slug}/users/me/notifications/`;

const createdFor = (client: TestClient, itemId: string) =>
  client.of('notification.created').filter((r) => r.payload.data.work_item_id === itemId);

describe('the notifications channel', () => {
  it("brings each person their own new notifications, live, and never someone else's", async () => {
    const anaInbox = await inbox(ana, ['notifications', 'events']);
    const benInbox = await inbox(ben);
    const item = await call('POST', `${base}/work-items/`, { name: 'Hero banner', assignees: [ana.id] });

    await anaInbox.until(() => createdFor(anaInbox, item.id).length === 1, 'ana’s assignment');
    const [live] = createdFor(anaInbox, item.id);
    const stored = await raw(server, 'GET', inboxPath(), { headers: { cookie: ana.cookie } });
    const [note] = (stored.body as { results: Array<{ id: string }> }).results;
    expect(live!.payload).toMatchObject({
      event: 'notification.created',
      object_type: 'notification',
      object_id: note!.id,
      workspace_id: workspace.id,
      actor: { type: 'api_key' },
      data: {
        receiver_id: ana.id,
        actor_id: owner.id,
        kind: 'assigned',
        title: 'Hero banner',
        project_id: base.split('/').at(-1),
      },
    });

    // Ben is mentioned in a comment: he hears of it, ana (who follows the item) hears of the comment.
    await call('POST', `${base}/work-items/${item.id}/comments/`, {
      comment_html: `<p>@${ben.email.split('@')[0]} can you check?</p>`,
    });
    await benInbox.until(() => createdFor(benInbox, item.id).length === 1, 'ben’s mention');
    await anaInbox.until(() => createdFor(anaInbox, item.id).length === 2, 'ana’s comment notice');
    expect(createdFor(benInbox, item.id)[0]!.payload.data).toMatchObject({
      receiver_id: ben.id,
      kind: 'mentioned',
    });
    expect(createdFor(anaInbox, item.id)[1]!.payload.data).toMatchObject({
      receiver_id: ana.id,
      kind: 'comment',
    });

    // Neither ever saw the other's, nor did the workspace's event stream mention them.
    for (const [client, self] of [
      [anaInbox, ana],
      [benInbox, ben],
    ] as const) {
      const mine = client.received.filter((r) => r.event.startsWith('notification.'));
      expect(mine.every((r) => r.payload.data.receiver_id === self.id)).toBe(true);
    }
    expect(
      anaInbox.of('event.created').some((r) => String(r.payload.data.type).startsWith('notification.')),
    ).toBe(false);
  });

  it('tells the person’s other tabs when they read them, and nobody else', async () => {
    const anaTab = await inbox(ana);
    const benTab = await inbox(ben);
    const asAna = { headers: { cookie: ana.cookie, origin: TEST_ORIGIN } };
    const unread = await raw(server, 'GET', `${inboxPath()}unread-count/`, asAna);
    const { unread_count: count } = unread.body as { unread_count: number };
    expect(count).toBeGreaterThan(0);
    expect(await raw(server, 'POST', `${inboxPath()}mark-all-read/`, asAna)).toMatchObject({
      status: 200,
      body: { updated: count },
    });
    await anaTab.until((r) => r.some((e) => e.event === 'notification.all_read'), 'ana’s all read');
    expect(anaTab.of('notification.all_read')[0]!.payload).toMatchObject({
      object_id: ana.id,
      data: { updated: count },
    });

    // Archiving one reaches her other tabs as well.
    const [first] = (
      (await raw(server, 'GET', inboxPath(), asAna)).body as { results: Array<{ id: string }> }
    ).results;
    expect((await raw(server, 'POST', `${inboxPath()}${first!.id}/archive/`, asAna)).status).toBe(200);
    await anaTab.until((r) => r.some((e) => e.event === 'notification.archived'), 'ana’s archive');
    expect(anaTab.of('notification.archived')[0]!.payload).toMatchObject({
      object_id: first!.id,
      data: { receiver_id: ana.id, archived_at: expect.any(String) },
    });

    // Ben's own change reaches him; by then ana's would have arrived too, had it been sent to him.
    await call('POST', `${base}/work-items/`, { name: 'Footer', assignees: [ben.id] });
    await benTab.until((r) => r.some((e) => e.event === 'notification.created'), 'ben’s assignment');
    expect(benTab.of('notification.all_read')).toEqual([]);
    expect(benTab.of('notification.archived')).toEqual([]);
  });

  it('offers no way to follow someone else’s inbox', async () => {
    const client = await inbox(ana, []);
    expect(await client.subscribe('notifications', { user_id: ben.id })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'user_id' },
    });
  });
});
