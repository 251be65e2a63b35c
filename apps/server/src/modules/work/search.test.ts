import type { Project, WorkItem } from '@makeplane/plane-node-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  httpError,
  memberCaller,
  ownerWithWorkspace,
  planeWorkspace,
  raw,
  type Caller,
} from '../../../test/plane-kit.ts';

// Full-text search over a workspace's work items (contract §2.6, Appendix A #79), through Plane's SDK.
const { server, owner, workspace } = await planeWorkspace();
let outsiderOfWeb: Caller;
let stranger: Caller;
let web: Project;
let ops: Project;
let hidden: Project;
let rollout: WorkItem;
let searchPath: string;

beforeAll(async () => {
  ({ owner: stranger } = await ownerWithWorkspace(server));
  outsiderOfWeb = await memberCaller(server, workspace, 'member');
  const slug = workspace.slug;
  searchPath = `/api/v1/workspaces/${slug}/work-items/search/`;
  web = await owner.sdk.projects.create(slug, { name: 'Website', identifier: 'WEB' });
  ops = await owner.sdk.projects.create(slug, { name: 'Operations', identifier: 'OPS' });
  hidden = await owner.sdk.projects.create(slug, { name: 'Archive me', identifier: 'OLD' });
  await raw(server, 'POST', `/api/v1/workspaces/${slug}/projects/${ops.id}/members/`, {
    key: owner.token,
    body: { member: outsiderOfWeb.user.id, role: 15 },
  });
  rollout = await owner.sdk.workItems.create(slug, web.id, {
    name: 'Roll out the new pricing page',
    description_html: '<p>Coordinate with <strong>marketing</strong> before the announcement.</p>',
  });
  await owner.sdk.workItems.create(slug, web.id, { name: 'Fix the footer links' });
  await owner.sdk.workItems.create(slug, ops.id, { name: 'Pricing spreadsheet for Q3' });
  await raw(server, 'POST', `/api/v1/workspaces/${slug}/projects/${ops.id}/work-items/`, {
    key: owner.token,
    body: { name: 'Draft pricing note', is_draft: true },
  });
  await owner.sdk.workItems.create(slug, hidden.id, { name: 'Old pricing experiment' });
  await raw(server, 'POST', `/api/v1/workspaces/${slug}/projects/${hidden.id}/archive/`, {
    key: owner.token,
  });
});

const names = (result: { issues: Array<{ name: string }> }) => result.issues.map((i) => i.name).sort();

describe('work-item search', () => {
  it('finds items by partial words of the name across the caller projects, in Plane shape', async () => {
    const result = await owner.sdk.workItems.search(workspace.slug, 'pric');
    expect(names(result)).toEqual(['Pricing spreadsheet for Q3', 'Roll out the new pricing page']);
    const hit = result.issues.find((i) => i.id === rollout.id);
    expect(hit).toEqual({
      name: 'Roll out the new pricing page',
      id: rollout.id,
      sequence_id: rollout.sequence_id,
      project__identifier: 'WEB',
      project_id: web.id,
      workspace__slug: workspace.slug,
    });
  });

  it('matches words of the description and every word of a multi-word query', async () => {
    expect(names(await owner.sdk.workItems.search(workspace.slug, 'market'))).toEqual([
      'Roll out the new pricing page',
    ]);
    expect(names(await owner.sdk.workItems.search(workspace.slug, 'pricing spread'))).toEqual([
      'Pricing spreadsheet for Q3',
    ]);
  });

  it('finds an item by its readable key, first, and by the project identifier', async () => {
    const byKey = await owner.sdk.workItems.search(workspace.slug, `web-${rollout.sequence_id}`);
    expect(byKey.issues[0]).toMatchObject({ id: rollout.id });
    expect(names(await owner.sdk.workItems.search(workspace.slug, 'WEB'))).toEqual([
      'Fix the footer links',
      'Roll out the new pricing page',
    ]);
  });

  it('restricts to one project with project_id (when workspace_search is false) and honours limit', async () => {
    const inOps = await raw(server, 'GET', `${searchPath}?search=pricing&project_id=${ops.id}`, {
      key: owner.token,
    });
    expect(names(inOps.body as { issues: Array<{ name: string }> })).toEqual(['Pricing spreadsheet for Q3']);
    const everywhere = await raw(
      server,
      'GET',
      `${searchPath}?search=pricing&project_id=${ops.id}&workspace_search=true`,
      { key: owner.token },
    );
    expect((everywhere.body as { issues: unknown[] }).issues).toHaveLength(2);
    const limited = await raw(server, 'GET', `${searchPath}?search=pricing&limit=1`, { key: owner.token });
    expect((limited.body as { issues: unknown[] }).issues).toHaveLength(1);
    // The SDK sends `project=`, which Plane CE ignores: so do we.
    expect(names(await owner.sdk.workItems.search(workspace.slug, 'pricing', ops.id))).toHaveLength(2);
  });

  it('answers an empty search with no issues, and refuses a bad limit naming it', async () => {
    expect(await owner.sdk.workItems.search(workspace.slug, '')).toEqual({ issues: [] });
    const bad = await raw(server, 'GET', `${searchPath}?search=x&limit=lots`, { key: owner.token });
    expect(bad).toMatchObject({ status: 400, body: { limit: [expect.any(String)] } });
  });

  it('shows only items of projects the caller belongs to; others get nothing or 403', async () => {
    expect(names(await outsiderOfWeb.sdk.workItems.search(workspace.slug, 'pricing'))).toEqual([
      'Pricing spreadsheet for Q3',
    ]);
    await httpError(stranger.sdk.workItems.search(workspace.slug, 'pricing'), 403);
    const anonymous = await raw(server, 'GET', `${searchPath}?search=pricing`);
    expect(anonymous.status).toBe(401);
  });

  it('is served under the old issues/ prefix too, and never taken for a readable key', async () => {
    const old = await raw(
      server,
      'GET',
      `/api/v1/workspaces/${workspace.slug}/issues/search/?search=footer`,
      {
        key: owner.token,
      },
    );
    expect(names(old.body as { issues: Array<{ name: string }> })).toEqual(['Fix the footer links']);
  });

  it('follows renames: the search document is kept by the database', async () => {
    await owner.sdk.workItems.update(workspace.slug, web.id, rollout.id, { name: 'Ship the billing page' });
    expect(names(await owner.sdk.workItems.search(workspace.slug, 'billing'))).toEqual([
      'Ship the billing page',
    ]);
  });
});
