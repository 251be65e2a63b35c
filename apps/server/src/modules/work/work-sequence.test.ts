import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  memberCaller,
  ownerWithWorkspace,
  startPlaneServer,
  type PlaneServer,
} from '../../../test/plane-kit.ts';

// Work-item numbers per project: 20 clients creating at once get 1..20, each once, and a deleted item's number
// is never handed out again (contract §2.6). Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
let server: PlaneServer;
beforeAll(async () => {
  server = await startPlaneServer();
});
afterAll(() => server.close());

it('gives 20 concurrent creators distinct, gap-free numbers and never reuses one', async () => {
  const { owner, workspace } = await ownerWithWorkspace(server);
  const project = await owner.sdk.projects.create(workspace.slug, { name: 'Race', identifier: 'RACE' });
  const others = await Promise.all(
    Array.from({ length: 19 }, () => memberCaller(server, workspace, 'member')),
  );
  for (const client of others) {
    await fetch(`${server.baseUrl}/api/v1/workspaces/${workspace.slug}/projects/${project.id}/members/`, {
      method: 'POST',
      headers: { 'x-api-key': owner.token, 'content-type': 'application/json' },
      body: JSON.stringify({ member: client.user.id, role: 15 }),
    });
  }
  const clients = [owner, ...others];
  const created = await Promise.all(
    clients.map((client, i) =>
      client.sdk.workItems.create(workspace.slug, project.id, { name: `Racer ${i}` }),
    ),
  );
  const numbers = created.map((item) => item.sequence_id).sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

  const last = created.find((item) => item.sequence_id === 20)!;
  await owner.sdk.workItems.delete(workspace.slug, project.id, last.id);
  const next = await owner.sdk.workItems.create(workspace.slug, project.id, { name: 'After delete' });
  expect(next.sequence_id).toBe(21);
  const list = await owner.sdk.workItems.list(workspace.slug, project.id, { per_page: 100 });
  expect(list.total_count).toBe(20);
});
