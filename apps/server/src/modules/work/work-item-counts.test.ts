import type { Project } from '@makeplane/plane-node-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { planeWorkspace, raw } from '../../../test/plane-kit.ts';

// `total_count` of the work-item list comes from per-state counters kept by triggers (migration 0006): it must
// follow every change that shows or hides an item, exactly as counting the list would.
const { server, owner, workspace } = await planeWorkspace();
let project: Project;
let listPath: string;

interface Envelope {
  total_count: number;
  total_results: number;
  total_pages: number;
  next_page_results: boolean;
  count: number;
  results: Array<{ id: string }>;
}

const page = async (query: string): Promise<Envelope> => {
  const response = await raw(server, 'GET', `${listPath}${query}`, { key: owner.token });
  expect(response.status).toBe(200);
  return response.body as Envelope;
};
const patch = async (id: string, body: unknown) => {
  const response = await raw(server, 'PATCH', `${listPath}${id}/`, { key: owner.token, body });
  expect(response.status).toBe(200);
};

beforeAll(async () => {
  project = await owner.sdk.projects.create(workspace.slug, { name: 'Counted', identifier: 'CNT' });
  listPath = `/api/v1/workspaces/${workspace.slug}/projects/${project.id}/work-items/`;
});

describe('work-item list totals', () => {
  it('counts what the list shows through creations, drafts, state changes, archiving and deletion', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) {
      ids.push((await owner.sdk.workItems.create(workspace.slug, project.id, { name: `Item ${n}` })).id);
    }
    await raw(server, 'POST', listPath, { key: owner.token, body: { name: 'A draft', is_draft: true } });
    const first = await page('?per_page=2');
    expect(first).toMatchObject({
      total_count: 5,
      total_results: 5,
      total_pages: 3,
      next_page_results: true,
    });

    const states = await owner.sdk.states.list(workspace.slug, project.id);
    const done = states.results.find((s) => s.group === 'completed')!;
    await patch(ids[0]!, { state: done.id });
    await patch(ids[1]!, { archived_at: '2026-11-01' });
    await patch(ids[2]!, { is_draft: true });
    await owner.sdk.workItems.delete(workspace.slug, project.id, ids[3]!);
    const after = await page('?per_page=1');
    expect(after).toMatchObject({ total_count: 2, total_pages: 2, next_page_results: true });
    expect((await page('?per_page=1000')).results.map((r) => r.id).sort()).toEqual([ids[0], ids[4]].sort());

    await patch(ids[1]!, { archived_at: null });
    await patch(ids[2]!, { is_draft: false });
    expect(await page('?per_page=1')).toMatchObject({ total_count: 4, next_page_results: true });
  });

  it('reports the total on a page past the end, and on a last page without counting', async () => {
    const beyond = await page('?per_page=2&cursor=2:10:0');
    expect(beyond).toMatchObject({ total_count: 4, count: 0, next_page_results: false, results: [] });
    const last = await page('?per_page=3&cursor=3:1:0');
    expect(last).toMatchObject({ total_count: 4, count: 1, next_page_results: false });
  });
});
