import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { memberCaller, ownerWithWorkspace, planeWorkspace, raw } from '../../../test/plane-kit.ts';

// Work-item relations (contract §2.11): one row per pair, read from either end, every change in both histories.
const { server, owner, workspace } = await planeWorkspace();
let base: string;
let otherBase: string;
let projectId: string;
let otherProjectId: string;

type Item = { id: string; sequence_id: number; project: string; state: string; name: string };
const create = async (name: string, projectBase = base) =>
  (await raw(server, 'POST', `${projectBase}/work-items/`, { key: owner.token, body: { name } }))
    .body as Item;
const relations = (item: Item, projectBase = base) =>
  raw(server, 'GET', `${projectBase}/work-items/${item.id}/relations/`, { key: owner.token });
const relate = (item: Item, relation_type: string, issues: string[], key = owner.token) =>
  raw(server, 'POST', `${base}/work-items/${item.id}/relations/`, { key, body: { relation_type, issues } });
const history = async (item: Item, projectBase = base) => {
  const page = (
    await raw(server, 'GET', `${projectBase}/work-items/${item.id}/activities/`, { key: owner.token })
  ).body as { results: Array<Record<string, unknown>> };
  return page.results
    .filter((a) => a.verb !== 'created' || a.field !== null)
    .map((a) => [a.verb, a.field, a.old_value, a.new_value, a.comment]);
};
const empty = {
  blocking: [],
  blocked_by: [],
  duplicate: [],
  relates_to: [],
  start_after: [],
  start_before: [],
  finish_after: [],
  finish_before: [],
};

beforeAll(async () => {
  projectId = (await owner.sdk.projects.create(workspace.slug, { name: 'Site', identifier: 'SITE' })).id;
  otherProjectId = (await owner.sdk.projects.create(workspace.slug, { name: 'Apps', identifier: 'APP' })).id;
  base = `/api/v1/workspaces/${workspace.slug}/projects/${projectId}`;
  otherBase = `/api/v1/workspaces/${workspace.slug}/projects/${otherProjectId}`;
});

describe('relations', () => {
  it('lists a relation from both ends: A blocked_by B is B blocking A', async () => {
    const a = await create('Ship the release');
    const b = await create('Fix the build');
    const made = await relate(a, 'blocked_by', [b.id]);
    expect(made.status).toBe(201);
    expect(made.body).toEqual([
      {
        id: b.id,
        project_id: projectId,
        sequence_id: b.sequence_id,
        relation_type: 'blocked_by',
        name: 'Fix the build',
        state_id: b.state,
        priority: 'none',
        created_by: owner.user.id,
        created_at: expect.stringMatching(/Z$/),
        updated_at: expect.stringMatching(/Z$/),
        updated_by: null,
      },
    ]);
    expect((await relations(a)).body).toEqual({
      ...empty,
      blocked_by: [{ project_id: projectId, issue_id: b.id }],
    });
    expect((await relations(b)).body).toEqual({
      ...empty,
      blocking: [{ project_id: projectId, issue_id: a.id }],
    });
    expect(await history(a)).toEqual([
      ['updated', 'blocked_by', null, `SITE-${b.sequence_id}`, 'added blocked_by relation'],
    ]);
    expect(await history(b)).toEqual([
      ['updated', 'blocking', null, `SITE-${a.sequence_id}`, 'added blocking relation'],
    ]);
  });

  it('stores the reverse types from the other end and answers them with the item type', async () => {
    const a = await create('Design');
    const b = await create('Build');
    const c = await create('Launch');
    const made = await relate(a, 'start_after', [b.id]);
    expect(made.body).toEqual([
      expect.objectContaining({ id: b.id, relation_type: 'start_after', type_id: null, is_epic: false }),
    ]);
    await relate(c, 'finish_after', [a.id]);
    expect((await relations(a)).body).toEqual({
      ...empty,
      start_after: [{ project_id: projectId, issue_id: b.id }],
      finish_before: [{ project_id: projectId, issue_id: c.id }],
    });
    expect((await relations(b)).body).toEqual({
      ...empty,
      start_before: [{ project_id: projectId, issue_id: a.id }],
    });
  });

  it('keeps relates_to and duplicate the same from both ends, across projects of the workspace', async () => {
    const a = await create('Checkout bug');
    const elsewhere = await create('Checkout crash on iOS', otherBase);
    const same = await create('Checkout broken');
    await relate(a, 'relates_to', [elsewhere.id]);
    await relate(a, 'duplicate', [same.id]);
    expect((await relations(a)).body).toEqual({
      ...empty,
      relates_to: [{ project_id: otherProjectId, issue_id: elsewhere.id }],
      duplicate: [{ project_id: projectId, issue_id: same.id }],
    });
    expect((await relations(elsewhere, otherBase)).body).toEqual({
      ...empty,
      relates_to: [{ project_id: projectId, issue_id: a.id }],
    });
    expect(await history(elsewhere, otherBase)).toEqual([
      ['updated', 'relates_to', null, `SITE-${a.sequence_id}`, 'added relates_to relation'],
    ]);
  });

  it('ignores a repeated relation and replaces a different one between the same two items', async () => {
    const a = await create('API');
    const b = await create('Docs');
    await relate(a, 'relates_to', [b.id]);
    const again = await relate(b, 'relates_to', [a.id, a.id]);
    expect(again.status).toBe(201);
    expect((again.body as unknown[]).length).toBe(1);
    await relate(b, 'blocking', [a.id]);
    expect((await relations(a)).body).toEqual({
      ...empty,
      blocked_by: [{ project_id: projectId, issue_id: b.id }],
    });
    expect(await history(a)).toEqual([
      ['updated', 'relates_to', null, `SITE-${b.sequence_id}`, 'added relates_to relation'],
      ['deleted', 'relates_to', `SITE-${b.sequence_id}`, null, 'removed relates_to relation'],
      ['updated', 'blocked_by', null, `SITE-${b.sequence_id}`, 'added blocked_by relation'],
    ]);
  });

  it('removes a relation from either end (the SDK’s relations/remove/)', async () => {
    const a = await create('Copy');
    const b = await create('Images');
    await relate(a, 'blocked_by', [b.id]);
    const removed = await raw(server, 'POST', `${base}/work-items/${b.id}/relations/remove/`, {
      key: owner.token,
      body: { related_issue: a.id },
    });
    expect(removed.status).toBe(204);
    expect((await relations(a)).body).toEqual(empty);
    expect((await history(b)).at(-1)).toEqual([
      'deleted',
      'blocking',
      `SITE-${a.sequence_id}`,
      null,
      'removed blocking relation',
    ]);
    const again = await raw(server, 'POST', `${base}/work-items/${b.id}/relations/remove/`, {
      key: owner.token,
      body: { related_issue: a.id },
    });
    expect(again).toMatchObject({ status: 404, body: { error: 'The requested resource does not exist.' } });
  });

  it('forgets relations to deleted items', async () => {
    const a = await create('Keep');
    const b = await create('Drop');
    await relate(a, 'relates_to', [b.id]);
    await raw(server, 'DELETE', `${base}/work-items/${b.id}/`, { key: owner.token });
    expect((await relations(a)).body).toEqual(empty);
  });

  it('refuses bad input and changes nothing', async () => {
    const a = await create('Target');
    const b = await create('Other');
    expect(await relate(a, 'parent_of', [b.id])).toMatchObject({
      status: 400,
      body: { relation_type: ['"parent_of" is not a valid choice.'] },
    });
    expect(await relate(a, 'blocking', [])).toMatchObject({
      status: 400,
      body: { issues: ['This list may not be empty.'] },
    });
    expect(await relate(a, 'blocking', [a.id])).toMatchObject({
      status: 400,
      body: { issues: ['A work item cannot be related to itself.'] },
    });
    const unknown = randomUUID();
    expect(await relate(a, 'blocking', [b.id, unknown])).toMatchObject({
      status: 400,
      body: { issues: [`Invalid pk "${unknown}" - object does not exist.`] },
    });
    expect(await relate(a, 'blocking', ['nope'])).toMatchObject({
      status: 400,
      body: { issues: ['Must be a valid UUID.'] },
    });
    // Another tenant's item is unknown here.
    const { owner: stranger, workspace: theirs } = await ownerWithWorkspace(server);
    const theirProject = await stranger.sdk.projects.create(theirs.slug, {
      name: 'Theirs',
      identifier: 'THR',
    });
    const theirItem = await stranger.sdk.workItems.create(theirs.slug, theirProject.id, { name: 'Secret' });
    expect(await relate(a, 'relates_to', [theirItem.id])).toMatchObject({
      status: 400,
      body: { issues: [`Invalid pk "${theirItem.id}" - object does not exist.`] },
    });
    expect((await relations(a)).body).toEqual(empty);
    expect(await history(a)).toEqual([]);
  });

  it('refuses items of projects the caller is not in, and answers relations only under work-items/', async () => {
    const colleague = await memberCaller(server, workspace, 'member');
    await raw(server, 'POST', `${base}/members/`, {
      key: owner.token,
      body: { member: colleague.user.id, role: 15 },
    });
    const a = await create('Mine');
    const hidden = await create('Elsewhere', otherBase);
    expect(await relate(a, 'relates_to', [hidden.id], colleague.token)).toMatchObject({
      status: 400,
      body: { issues: [`Invalid pk "${hidden.id}" - object does not exist.`] },
    });
    const legacy = await raw(server, 'GET', `${base}/issues/${a.id}/relations/`, { key: owner.token });
    expect(legacy).toMatchObject({ status: 404, body: { error: 'Page not found.' } });
  });
});
