import type { Label, Project, State, WorkItem } from '@makeplane/plane-node-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpError, memberCaller, planeWorkspace, raw, type Caller } from '../../../test/plane-kit.ts';

// Plane's Node SDK against Agency OS: work items, readable keys, pagination, comments, links and the
// field-by-field activity history (contract §2.6–2.9, Appendix A #50–61, #67–71, #80).
const { server, owner, workspace } = await planeWorkspace();
let colleague: Caller;
let slug: string;
let project: Project;
let states: Record<string, State>;

beforeAll(async () => {
  slug = workspace.slug;
  colleague = await memberCaller(server, workspace, 'member');
  project = await owner.sdk.projects.create(slug, { name: 'Launch', identifier: 'LCH' });
  await raw(server, 'POST', `/api/v1/workspaces/${slug}/projects/${project.id}/members/`, {
    key: owner.token,
    body: { member: colleague.user.id, role: 15 },
  });
  const list = await owner.sdk.states.list(slug, project.id);
  states = Object.fromEntries(list.results.map((s) => [s.name, s]));
});

describe('work items', () => {
  it('creates an item with Plane defaults and a sanitized description', async () => {
    const item = await owner.sdk.workItems.create(slug, project.id, {
      name: 'Write the launch post',
      description_html: '<p onclick="steal()">Draft <script>alert(1)</script><strong>now</strong></p>',
    });
    expect(item).toMatchObject({
      name: 'Write the launch post',
      description_html: '<p>Draft <strong>now</strong></p>',
      priority: 'none',
      state: states.Backlog!.id,
      project: project.id,
      workspace: workspace.id,
      assignees: [],
      labels: [],
      parent: null,
      is_draft: false,
      completed_at: null,
      sort_order: 65535,
      created_by: owner.user.id,
    });
    expect(item.sequence_id).toBeGreaterThan(0);
  });

  it('sets state, priority, assignees, labels, parent and dates, and reads them back expanded', async () => {
    const label = await owner.sdk.labels.create(slug, project.id, { name: 'Marketing', color: '#00ff00' });
    const parent = await owner.sdk.workItems.create(slug, project.id, { name: 'Launch campaign' });
    const item = await owner.sdk.workItems.create(slug, project.id, {
      name: 'Design the banner',
      state: states.Todo!.id,
      priority: 'high',
      assignees: [colleague.user.id],
      labels: [label.id],
      parent: parent.id,
      start_date: '2026-03-01',
      target_date: '2026-03-05',
    });
    expect(item).toMatchObject({
      state: states.Todo!.id,
      priority: 'high',
      assignees: [colleague.user.id],
      labels: [label.id],
      parent: parent.id,
      start_date: '2026-03-01',
      target_date: '2026-03-05',
    });

    const expanded = await owner.sdk.workItems.retrieve(slug, project.id, item.id, [
      'assignees',
      'labels',
      'state',
    ]);
    expect(expanded.state).toEqual({
      id: states.Todo!.id,
      name: 'Todo',
      color: '#60646C',
      group: 'unstarted',
    });
    expect(expanded.assignees).toEqual([
      expect.objectContaining({
        id: colleague.user.id,
        email: colleague.user.email,
        display_name: expect.any(String),
      }),
    ]);
    expect((expanded.labels as Label[]).map((l) => [l.id, l.name])).toEqual([[label.id, 'Marketing']]);

    const byKey = await owner.sdk.workItems.retrieveByIdentifier(slug, `LCH-${item.sequence_id}`, ['state']);
    expect(byKey).toMatchObject({ id: item.id, state: { name: 'Todo' } });
    await httpError(owner.sdk.workItems.retrieveByIdentifier(slug, 'LCH-99999'), 404);
  });

  it('moves an item to a completed state, replaces its lists, and records each change in its history', async () => {
    const first = await owner.sdk.labels.create(slug, project.id, { name: 'Bug' });
    const second = await owner.sdk.labels.create(slug, project.id, { name: 'Urgent' });
    const item = await owner.sdk.workItems.create(slug, project.id, {
      name: 'Fix checkout',
      labels: [first.id],
      assignees: [owner.user.id],
    });
    const done = await colleague.sdk.workItems.update(slug, project.id, item.id, {
      name: 'Fix the checkout',
      state: states.Done!.id,
      priority: 'urgent',
      labels: [second.id],
      assignees: [colleague.user.id],
    });
    expect(done).toMatchObject({
      name: 'Fix the checkout',
      state: states.Done!.id,
      labels: [second.id],
      assignees: [colleague.user.id],
      updated_by: colleague.user.id,
      completed_at: expect.stringMatching(/Z$/),
    });
    const reopened = await owner.sdk.workItems.update(slug, project.id, item.id, { state: states.Todo!.id });
    expect(reopened.completed_at).toBeNull();

    const history = await owner.sdk.workItems.activities.list(slug, project.id, item.id);
    const rows = history.results.map((a) => [
      a.verb,
      a.field ?? null,
      a.old_value ?? null,
      a.new_value ?? null,
      a.actor,
    ]);
    const colleagueName = colleague.user.email.split('@')[0];
    const ownerName = owner.user.email.split('@')[0];
    expect(rows).toEqual([
      ['created', null, null, null, owner.user.id],
      ['updated', 'name', 'Fix checkout', 'Fix the checkout', colleague.user.id],
      ['updated', 'priority', 'none', 'urgent', colleague.user.id],
      ['updated', 'state', 'Backlog', 'Done', colleague.user.id],
      ['updated', 'labels', null, 'Urgent', colleague.user.id],
      ['updated', 'labels', 'Bug', null, colleague.user.id],
      ['updated', 'assignees', null, colleagueName, colleague.user.id],
      ['updated', 'assignees', ownerName, null, colleague.user.id],
      ['updated', 'state', 'Done', 'Todo', owner.user.id],
    ]);
    const stateChange = history.results[3]!;
    expect(stateChange).toMatchObject({
      old_identifier: states.Backlog!.id,
      new_identifier: states.Done!.id,
      issue: item.id,
      project: project.id,
      workspace: workspace.id,
      epoch: expect.any(Number),
    });
    expect(await owner.sdk.workItems.activities.retrieve(slug, project.id, item.id, stateChange.id)).toEqual(
      stateChange,
    );
  });

  it('pages through the list with Plane cursors', async () => {
    const paged = await owner.sdk.projects.create(slug, { name: 'Paging', identifier: 'PAG' });
    const created: WorkItem[] = [];
    for (let i = 1; i <= 5; i++)
      created.push(await owner.sdk.workItems.create(slug, paged.id, { name: `Item ${i}` }));

    const seen: string[] = [];
    let cursor: string | undefined;
    const pages = [];
    for (let guard = 0; guard < 5; guard++) {
      const page = await owner.sdk.workItems.list(slug, paged.id, {
        per_page: 2,
        cursor,
        order_by: 'sequence_id',
      });
      pages.push(page);
      seen.push(...page.results.map((w) => w.id));
      if (!page.next_page_results) break;
      cursor = page.next_cursor;
    }
    expect(seen).toEqual(created.map((w) => w.id));
    expect(
      pages.map((p) => [p.count, p.next_cursor, p.prev_cursor, p.next_page_results, p.prev_page_results]),
    ).toEqual([
      [2, '2:1:0', '2:-1:1', true, false],
      [2, '2:2:0', '2:0:1', true, true],
      [1, '2:3:0', '2:1:1', false, true],
    ]);
    expect(pages[0]).toMatchObject({ total_count: 5, total_results: 5, total_pages: 3, grouped_by: null });

    const newestFirst = await owner.sdk.workItems.list(slug, paged.id);
    expect(newestFirst.results.map((w) => w.sequence_id)).toEqual([5, 4, 3, 2, 1]);
  });

  it('finds an item by external id and refuses a second one with 409', async () => {
    const item = await owner.sdk.workItems.create(slug, project.id, {
      name: 'Imported',
      external_source: 'github',
      external_id: '42',
    } as Parameters<typeof owner.sdk.workItems.create>[2]);
    const found = await owner.sdk.workItems.list(slug, project.id, {
      external_source: 'github',
      external_id: '42',
    });
    expect(found).toMatchObject({ id: item.id, name: 'Imported' });
    await httpError(
      owner.sdk.workItems.create(slug, project.id, {
        name: 'Again',
        external_source: 'github',
        external_id: '42',
      } as Parameters<typeof owner.sdk.workItems.create>[2]),
      409,
      { error: 'Work item with the same external id and external source already exists', id: item.id },
    );
    await httpError(
      owner.sdk.workItems.list(slug, project.id, { external_source: 'github', external_id: '0' }),
      404,
    );
  });

  it('lets the creator or a project admin delete, nobody else', async () => {
    const mine = await colleague.sdk.workItems.create(slug, project.id, { name: 'Colleague item' });
    const theirs = await owner.sdk.workItems.create(slug, project.id, { name: 'Owner item' });
    await httpError(colleague.sdk.workItems.delete(slug, project.id, theirs.id), 403, {
      error: 'Only admin or creator can delete the work item',
    });
    await colleague.sdk.workItems.delete(slug, project.id, mine.id);
    await owner.sdk.workItems.delete(slug, project.id, theirs.id);
    await httpError(owner.sdk.workItems.retrieve(slug, project.id, theirs.id), 404);
  });

  it('serves the same items under the old issues/ prefix', async () => {
    const item = await owner.sdk.workItems.create(slug, project.id, { name: 'Old prefix' });
    const path = `/api/v1/workspaces/${slug}/projects/${project.id}/issues/${item.id}/`;
    expect(await raw(server, 'GET', path, { key: owner.token })).toMatchObject({
      status: 200,
      body: { id: item.id, name: 'Old prefix' },
    });
    expect(
      await raw(server, 'GET', `/api/v1/workspaces/${slug}/issues/LCH-${item.sequence_id}/`, {
        key: owner.token,
      }),
    ).toMatchObject({ status: 200, body: { id: item.id } });
  });
});

describe('comments', () => {
  it('creates, lists, reads, edits and deletes comments', async () => {
    const item = await owner.sdk.workItems.create(slug, project.id, { name: 'Discuss' });
    const { comments } = owner.sdk.workItems;
    const comment = await comments.create(slug, project.id, item.id, {
      comment_html: '<p>Looks good <img src=x onerror="alert(1)"></p>',
    });
    expect(comment).toMatchObject({
      comment_html: '<p>Looks good <img src="x" /></p>',
      access: 'INTERNAL',
      actor: owner.user.id,
      issue: item.id,
      edited_at: null,
    });
    expect(comment).not.toHaveProperty('is_member');
    const second = await colleague.sdk.workItems.comments.create(slug, project.id, item.id, {
      comment_html: '<p>Second</p>',
      access: 'EXTERNAL',
    });

    const list = await comments.list(slug, project.id, item.id);
    expect(list.results.map((c) => [c.id, c.is_member])).toEqual([
      [second.id, true],
      [comment.id, true],
    ]);
    expect(await comments.retrieve(slug, project.id, item.id, comment.id)).toMatchObject({ is_member: true });
    const edited = await comments.update(slug, project.id, item.id, comment.id, {
      comment_html: '<p>Edited</p>',
    });
    expect(edited).toMatchObject({ comment_html: '<p>Edited</p>', edited_at: expect.any(String) });
    await comments.delete(slug, project.id, item.id, comment.id);
    await httpError(comments.retrieve(slug, project.id, item.id, comment.id), 404);
    expect((await comments.list(slug, project.id, item.id)).total_count).toBe(1);
  });
});

describe('links', () => {
  it('creates, lists, reads, updates and deletes links, and records them in the history', async () => {
    const item = await owner.sdk.workItems.create(slug, project.id, { name: 'Reference' });
    const link = await owner.sdk.links.create(slug, project.id, item.id, {
      url: 'https://example.com/brief',
      title: 'Brief',
    });
    expect(link).toMatchObject({
      url: 'https://example.com/brief',
      title: 'Brief',
      metadata: {},
      issue: item.id,
    });
    await httpError(
      owner.sdk.links.create(slug, project.id, item.id, { url: 'https://example.com/brief' }),
      400,
      {
        error: 'URL already exists for this Issue',
      },
    );
    await httpError(owner.sdk.links.create(slug, project.id, item.id, { url: 'ftp://example.com' }), 400, {
      url: ['Invalid URL scheme.'],
    });
    expect((await owner.sdk.links.list(slug, project.id, item.id)).results.map((l) => l.id)).toEqual([
      link.id,
    ]);
    expect(await owner.sdk.links.retrieve(slug, project.id, item.id, link.id)).toMatchObject({
      title: 'Brief',
    });
    expect(
      await owner.sdk.links.update(slug, project.id, item.id, link.id, { title: 'Creative brief' }),
    ).toMatchObject({ title: 'Creative brief' });
    await owner.sdk.links.delete(slug, project.id, item.id, link.id);
    await httpError(owner.sdk.links.retrieve(slug, project.id, item.id, link.id), 404);

    const history = await owner.sdk.workItems.activities.list(slug, project.id, item.id);
    expect(history.results.map((a) => [a.verb, a.field])).toEqual([
      ['created', null],
      ['created', 'link'],
      ['updated', 'link'],
      ['deleted', 'link'],
    ]);
  });
});
