import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeServer } from '../../platform/realtime/realtime-server.ts';
import { startRealtime } from '../../realtime.ts';
import {
  newMember,
  newUser,
  newWorkspace,
  type TestUser,
  type TestWorkspace,
} from '../../../test/factories.ts';
import { closeAllClients, connectClient, type TestClient } from '../../../test/realtime-client.ts';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../../../test/test-app.ts';

/** Deployments over REST and the `deployments` channel: the real app on loopback, real Socket.IO clients. */
let t: TestApp;
let realtime: RealtimeServer;
let url: string;
let owner: TestUser;
let guest: TestUser;
let workspace: TestWorkspace;
let other: { owner: TestUser; workspace: TestWorkspace };

type Json = Record<string, unknown>;

beforeAll(async () => {
  t = await createTestApp();
  realtime = await startRealtime(t.container, t.app.server);
  url = await t.app.listen({ host: '127.0.0.1', port: 0 });
  owner = await newUser(t);
  workspace = await newWorkspace(t, owner);
  guest = await newMember(t, workspace, 'guest');
  const otherOwner = await newUser(t);
  other = { owner: otherOwner, workspace: await newWorkspace(t, otherOwner) };
});
afterAll(async () => {
  closeAllClients();
  await realtime?.close();
  await t?.close();
});

let counter = 0;
const build = (overrides: Json = {}) => ({
  provider: 'github-actions',
  external_id: `run-${++counter}`,
  project_name: 'shop',
  state: 'building',
  environment: 'production',
  ...overrides,
});

function api(user: TestUser, slug = workspace.slug) {
  const base = `/api/v1/workspaces/${slug}/deployments`;
  const call = async (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) => {
    const response = await t.request({
      method,
      url: `${base}${path}`,
      headers: { cookie: user.cookie },
      payload,
    });
    return { status: response.statusCode, body: response.json<Json>() };
  };
  return {
    record: (body: Json) => call('POST', '', body),
    patch: (id: string, body: Json) => call('PATCH', `/${id}`, body),
    get: (id: string) => call('GET', `/${id}`),
    list: (query = '') => call('GET', query),
  };
}

async function watcher(user: TestUser, slug: string): Promise<TestClient> {
  const client = await connectClient(url, { cookie: user.cookie, origin: TEST_ORIGIN });
  expect(await client.join(slug)).toMatchObject({ ok: true });
  expect(await client.subscribe('deployments')).toMatchObject({ ok: true });
  return client;
}

describe('deployments over REST', () => {
  it('records a deployment, moves it to ready, and lists and reads it', async () => {
    const ownerApi = api(owner);
    const created = await ownerApi.record(
      build({
        author: 'kim',
        commit_sha: 'a1b2c3d',
        branch: 'main',
        files_changed: 4,
        additions: 120,
        deletions: 8,
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      state: 'building',
      environment: 'production',
      author: 'kim',
      additions: 120,
      ready_at: null,
      finished_at: null,
      creator_id: null,
    });
    const id = created.body.id as string;
    const ready = await ownerApi.patch(id, { state: 'ready', url: 'https://shop-a1b2.example.com' });
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ state: 'ready', url: 'https://shop-a1b2.example.com' });
    expect(ready.body.ready_at).toBe(ready.body.finished_at);
    expect(Date.parse(ready.body.finished_at as string)).toBeGreaterThanOrEqual(
      Date.parse(created.body.created_at as string),
    );
    expect((await ownerApi.get(id)).body).toEqual(ready.body);

    await ownerApi.record(build({ environment: 'preview', state: 'error' }));
    const page = await ownerApi.list('?environment=production&state=ready,error&per_page=1');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total_count: 1, count: 1, next_page_results: false });
    expect((page.body.results as Json[])[0]!.id).toBe(id);
    const all = await ownerApi.list();
    expect((all.body.results as Json[]).map((d) => d.environment)).toEqual(['preview', 'production']);
  });

  it('treats a second report of the same provider id as an update of the one deployment (200)', async () => {
    const ownerApi = api(owner);
    const first = await ownerApi.record(build({ external_id: 'dpl_same' }));
    const again = await ownerApi.record(build({ external_id: 'dpl_same', state: 'error', additions: 9 }));
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body).toMatchObject({ id: first.body.id, state: 'error', additions: 9 });
    expect(again.body.finished_at).not.toBeNull();
    expect(again.body.ready_at).toBeNull();
    // The same report once more changes nothing.
    const same = await ownerApi.record(build({ external_id: 'dpl_same', state: 'error', additions: 9 }));
    expect(same.body).toEqual(again.body);
    // Another provider's id of the same name is another deployment.
    expect((await ownerApi.record(build({ external_id: 'dpl_same', provider: 'vercel' }))).status).toBe(201);
  });

  it('keeps a finished deployment finished, and refuses a finish before the start', async () => {
    const ownerApi = api(owner);
    const { body } = await ownerApi.record(build({ state: 'ready' }));
    const refused = await ownerApi.patch(body.id as string, { state: 'building' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'DEPLOYMENT_TRANSITION_INVALID', field: 'state' } });
    expect((await ownerApi.get(body.id as string)).body).toEqual(body);
    const early = await ownerApi.record(
      build({ state: 'ready', created_at: '2026-01-05T10:00:00Z', finished_at: '2026-01-05T09:00:00Z' }),
    );
    expect(early.status).toBe(400);
    expect(early.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'finished_at' } });
  });

  it("answers 404 for another workspace's deployment, and lets guests read but not record", async () => {
    const theirs = await api(other.owner, other.workspace.slug).record(build());
    const id = theirs.body.id as string;
    for (const response of [await api(owner).get(id), await api(owner).patch(id, { state: 'ready' })]) {
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ error: { code: 'DEPLOYMENT_NOT_FOUND' } });
    }
    expect((await api(other.owner, other.workspace.slug).get(id)).body.state).toBe('building');
    const guestApi = api(guest);
    expect((await guestApi.list()).status).toBe(200);
    expect((await guestApi.record(build())).status).toBe(403);
  });
});

describe('deployment events', () => {
  it("reach the workspace's deployments subscribers as created, then ready, with the deployment", async () => {
    const mine = await watcher(owner, workspace.slug);
    const theirs = await watcher(other.owner, other.workspace.slug);
    const ownerApi = api(owner);
    const { body } = await ownerApi.record(build({ external_id: 'dpl_live', state: 'queued' }));
    await ownerApi.patch(body.id as string, { state: 'building' });
    const ready = await ownerApi.patch(body.id as string, { state: 'ready' });
    const failed = await ownerApi.record(build({ state: 'error' }));
    await mine.until((r) => r.some((e) => e.payload.object_id === failed.body.id), 'the failed deployment');
    expect(
      mine.received.map((e) => `${e.event} ${e.payload.object_id === body.id ? 'live' : 'other'}`),
    ).toEqual([
      'deployment.created live',
      'deployment.building live',
      'deployment.ready live',
      'deployment.finished live',
      'deployment.created other',
      'deployment.error other',
      'deployment.finished other',
    ]);
    expect(mine.of('deployment.finished')[0]!.payload.data).toEqual(ready.body);
    expect(mine.of('deployment.ready')[0]!.payload.data).toEqual(ready.body);
    // The other workspace's subscriber heard nothing of it; its own deployments still reach it.
    const own = await api(other.owner, other.workspace.slug).record(build());
    await theirs.until((r) => r.some((e) => e.payload.object_id === own.body.id), 'its own deployment');
    expect(theirs.received.map((e) => [e.event, e.payload.workspace_id])).toEqual([
      ['deployment.created', other.workspace.id],
      ['deployment.building', other.workspace.id],
    ]);
    mine.close();
    theirs.close();
  });
});
