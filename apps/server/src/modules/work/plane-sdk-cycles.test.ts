import type { Cycle, Project, WorkItem } from '@makeplane/plane-node-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpError, memberCaller, planeWorkspace, raw, type Caller } from '../../../test/plane-kit.ts';

// Plane's Node SDK against Agency OS: every cycle and relation call Plane CE serves (contract §2.11–2.12,
// Appendix A #11, #12, #15–24, #72, #73) plus relations.delete (#231), which Agency OS serves as well.
const { server, owner, workspace } = await planeWorkspace();
let colleague: Caller;
let outsider: Caller;
let slug: string;
let project: Project;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const newCycle = (name: string, from?: number, to?: number, by = owner) =>
  by.sdk.cycles.create(slug, project.id, {
    name,
    owned_by: by.user.id,
    project_id: project.id,
    ...(from === undefined ? {} : { start_date: day(from), end_date: day(to!) }),
  });

beforeAll(async () => {
  slug = workspace.slug;
  colleague = await memberCaller(server, workspace, 'member');
  outsider = await memberCaller(server, workspace, 'member');
  project = await owner.sdk.projects.create(slug, { name: 'Agency site', identifier: 'AGS' });
  await raw(server, 'POST', `/api/v1/workspaces/${slug}/projects/${project.id}/members/`, {
    key: owner.token,
    body: { member: colleague.user.id, role: 15 },
  });
});

describe('cycles through the SDK', () => {
  it('refuses cycles until the project turns them on, then creates, reads, updates and lists them', async () => {
    await httpError(newCycle('Too soon'), 400, { error: 'Cycles are not enabled for this project' });
    await owner.sdk.projects.update(slug, project.id, { cycle_view: true } as never);

    const cycle = await newCycle('Sprint 1', 0, 13);
    expect(cycle).toMatchObject({
      name: 'Sprint 1',
      project: project.id,
      workspace: workspace.id,
      owned_by: owner.user.id,
      end_date: `${day(13)}T23:59:00Z`,
      status: 'current',
    });
    const fetched = await owner.sdk.cycles.retrieve(slug, project.id, cycle.id);
    expect(fetched).toMatchObject({ id: cycle.id, total_issues: 0, backlog_issues: 0 });

    const updated = await colleague.sdk.cycles.update(slug, project.id, cycle.id, {
      name: 'Sprint 1: launch',
      description: 'Ship the landing page',
      external_source: 'linear',
      external_id: 'CYC-1',
    });
    expect(updated).toMatchObject({
      name: 'Sprint 1: launch',
      description: 'Ship the landing page',
      external_id: 'CYC-1',
      updated_by: colleague.user.id,
    });

    const draft = await newCycle('Someday');
    const list = await owner.sdk.cycles.list(slug, project.id);
    expect(list).toMatchObject({ total_count: 2, count: 2, next_page_results: false, grouped_by: null });
    expect(list.results.map((c: Cycle) => c.id)).toEqual([draft.id, cycle.id]);

    await httpError(owner.sdk.cycles.retrieve(slug, project.id, crypto.randomUUID()), 404, {
      error: 'The requested resource does not exist.',
    });
    await httpError(outsider.sdk.cycles.list(slug, project.id), 403, {
      detail: 'You do not have permission to perform this action.',
    });
  });

  it('adds, pages through, moves and removes work items', async () => {
    const sprint = await newCycle('Sprint 2', 1, 14);
    const items: WorkItem[] = [];
    for (let i = 1; i <= 5; i++)
      items.push(await owner.sdk.workItems.create(slug, project.id, { name: `Task ${i}` }));
    const links = (await owner.sdk.cycles.addWorkItemsToCycle(
      slug,
      project.id,
      sprint.id,
      items.map((i) => i.id),
    )) as unknown as Array<{ issue: string; cycle: string }>;
    expect(links.map((l) => [l.issue, l.cycle])).toEqual(items.map((i) => [i.id, sprint.id]));

    const seen: string[] = [];
    const shapes = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 5; guard++) {
      const page = await owner.sdk.cycles.listWorkItemsInCycle(slug, project.id, sprint.id, {
        per_page: 2,
        cursor,
        order_by: 'sequence_id',
      });
      seen.push(...page.results.map((w) => w.id));
      shapes.push([page.count, page.next_cursor, page.next_page_results, page.total_count]);
      if (!page.next_page_results) break;
      cursor = page.next_cursor;
    }
    expect(seen).toEqual(items.map((i) => i.id));
    expect(shapes).toEqual([
      [2, '2:1:0', true, 5],
      [2, '2:2:0', true, 5],
      [1, '2:3:0', false, 5],
    ]);

    const other = await newCycle('Sprint 3', 15, 28);
    await owner.sdk.cycles.addWorkItemsToCycle(slug, project.id, other.id, [items[0]!.id]);
    expect(
      await owner.sdk.cycles.removeWorkItemFromCycle(slug, project.id, sprint.id, items[1]!.id),
    ).toBeUndefined();
    const left = await owner.sdk.cycles.listWorkItemsInCycle(slug, project.id, sprint.id);
    expect(left.results.map((w) => w.id).sort()).toEqual([items[2]!.id, items[3]!.id, items[4]!.id].sort());
    expect(await owner.sdk.cycles.retrieve(slug, project.id, other.id)).toMatchObject({ total_issues: 1 });

    const history = await owner.sdk.workItems.activities.list(slug, project.id, items[0]!.id);
    expect(
      history.results.filter((a) => a.field === 'cycles').map((a) => [a.verb, a.old_value, a.new_value]),
    ).toEqual([
      ['created', null, 'Sprint 2'],
      ['updated', 'Sprint 2', 'Sprint 3'],
    ]);
    await httpError(owner.sdk.cycles.removeWorkItemFromCycle(slug, project.id, sprint.id, items[1]!.id), 404);
  });

  it('transfers unfinished work, archives and unarchives an ended cycle', async () => {
    const states = (await owner.sdk.states.list(slug, project.id)).results;
    const done = states.find((s) => s.group === 'completed')!;
    const open = await owner.sdk.workItems.create(slug, project.id, { name: 'Unfinished' });
    const finished = await owner.sdk.workItems.create(slug, project.id, { name: 'Finished', state: done.id });
    // Planned while the week was running; then the week ends.
    const week = await newCycle('Last week', -8, 1);
    await owner.sdk.cycles.addWorkItemsToCycle(slug, project.id, week.id, [open.id, finished.id]);
    const next = await newCycle('This week', 2, 8);
    await httpError(owner.sdk.cycles.archive(slug, project.id, week.id), 400, {
      error: 'Only completed cycles can be archived',
    });
    await httpError(
      owner.sdk.cycles.transferWorkItemsToAnotherCycle(slug, project.id, week.id, { new_cycle_id: next.id }),
      400,
      { error: 'The old cycle is not completed yet' },
    );
    await owner.sdk.cycles.update(slug, project.id, week.id, { start_date: day(-8), end_date: day(-1) });
    await httpError(owner.sdk.cycles.addWorkItemsToCycle(slug, project.id, week.id, [open.id]), 400, {
      code: 'CYCLE_COMPLETED',
    });
    await httpError(
      owner.sdk.cycles.transferWorkItemsToAnotherCycle(slug, project.id, next.id, { new_cycle_id: week.id }),
      400,
      { error: 'The old cycle is not completed yet' },
    );
    expect(
      await owner.sdk.cycles.transferWorkItemsToAnotherCycle(slug, project.id, week.id, {
        new_cycle_id: next.id,
      }),
    ).toEqual({ message: 'Success' });
    const moved = await owner.sdk.cycles.listWorkItemsInCycle(slug, project.id, next.id);
    expect(moved.results.map((w) => w.id)).toEqual([open.id]);
    expect(await owner.sdk.cycles.retrieve(slug, project.id, week.id)).toMatchObject({
      total_issues: 1,
      completed_issues: 1,
      progress_snapshot: { total_items: 2, completed_items: 1, pending_items: 1 },
    });

    expect(await owner.sdk.cycles.archive(slug, project.id, week.id)).toBe('');
    await httpError(owner.sdk.cycles.retrieve(slug, project.id, week.id), 404);
    const archived = await owner.sdk.cycles.listArchived(slug, project.id, { per_page: 10 });
    expect(archived).toMatchObject({
      total_count: 1,
      results: [{ id: week.id, total_issues: 1, completed_issues: 1, total_estimates: 0 }],
    });
    expect(await owner.sdk.cycles.unArchive(slug, project.id, week.id)).toBeUndefined();
    expect((await owner.sdk.cycles.listArchived(slug, project.id)).total_count).toBe(0);
    expect((await owner.sdk.cycles.retrieve(slug, project.id, week.id)).archived_at).toBeNull();
  });

  it('lets only the owner or a project admin delete a cycle', async () => {
    const mine = await newCycle('Owner only');
    await httpError(colleague.sdk.cycles.delete(slug, project.id, mine.id), 403, {
      error: 'Only admin or creator can delete the cycle',
    });
    expect(await owner.sdk.cycles.delete(slug, project.id, mine.id)).toBeUndefined();
    await httpError(owner.sdk.cycles.retrieve(slug, project.id, mine.id), 404);
  });
});

describe('work-item relations through the SDK', () => {
  it('creates, lists from both ends and removes relations', async () => {
    const post = await owner.sdk.workItems.create(slug, project.id, { name: 'Publish post' });
    const review = await owner.sdk.workItems.create(slug, project.id, { name: 'Legal review' });
    const dupe = await owner.sdk.workItems.create(slug, project.id, { name: 'Publish the post' });
    const created = (await owner.sdk.workItems.relations.create(slug, project.id, post.id, {
      relation_type: 'blocked_by',
      issues: [review.id],
    })) as unknown as Array<{ id: string; relation_type: string; sequence_id: number }>;
    expect(created).toEqual([
      expect.objectContaining({
        id: review.id,
        relation_type: 'blocked_by',
        sequence_id: review.sequence_id,
      }),
    ]);
    await owner.sdk.workItems.relations.create(slug, project.id, dupe.id, {
      relation_type: 'duplicate',
      issues: [post.id],
    });
    const fromPost = await owner.sdk.workItems.relations.list(slug, project.id, post.id);
    expect(fromPost).toMatchObject({
      blocked_by: [{ project_id: project.id, issue_id: review.id }],
      duplicate: [{ project_id: project.id, issue_id: dupe.id }],
      blocking: [],
      relates_to: [],
    });
    const fromReview = await owner.sdk.workItems.relations.list(slug, project.id, review.id);
    expect(fromReview.blocking).toEqual([{ project_id: project.id, issue_id: post.id }]);

    expect(
      await owner.sdk.workItems.relations.delete(slug, project.id, review.id, { related_issue: post.id }),
    ).toBe('');
    expect((await owner.sdk.workItems.relations.list(slug, project.id, post.id)).blocked_by).toEqual([]);

    await httpError(
      owner.sdk.workItems.relations.create(slug, project.id, post.id, {
        relation_type: 'parent' as never,
        issues: [review.id],
      }),
      400,
      { relation_type: ['"parent" is not a valid choice.'] },
    );
    await httpError(outsider.sdk.workItems.relations.list(slug, project.id, post.id), 403);
  });
});
