import type { Module, Project, WorkItem } from '@makeplane/plane-node-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpError, memberCaller, planeWorkspace, type Caller } from '../../../test/plane-kit.ts';

// Plane's Node SDK against Agency OS: every module, intake and sticky call open-source Plane serves (Appendix A
// #13–14, #25–29, #35–43, #74–78), and the commercial work-log calls we serve too (#200, #241–244).
const { server, owner, workspace } = await planeWorkspace();
let guest: Caller;
let slug: string;
let project: Project;

beforeAll(async () => {
  slug = workspace.slug;
  guest = await memberCaller(server, workspace, 'guest');
  project = await owner.sdk.projects.create(slug, { name: 'Campaign', identifier: 'CMP' });
  await owner.sdk.projects.update(slug, project.id, {
    module_view: true,
    intake_view: true,
    is_time_tracking_enabled: true,
  });
});

describe('modules', () => {
  it('creates, reads, lists page by page, updates, archives, unarchives and deletes modules', async () => {
    const { modules } = owner.sdk;
    const created: Module[] = [];
    for (const name of ['Social', 'Search', 'Email']) {
      created.push(
        await modules.create(slug, project.id, { name, status: 'in-progress', lead: owner.user.id }),
      );
    }
    expect(created[0]).toMatchObject({
      name: 'Social',
      status: 'in-progress',
      lead: owner.user.id,
      members: [],
      project: project.id,
      workspace: workspace.id,
    });
    expect(await modules.retrieve(slug, project.id, created[0]!.id)).toMatchObject({
      id: created[0]!.id,
      total_issues: 0,
    });

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 5; guard++) {
      const page = await modules.list(slug, project.id, { per_page: 2, cursor } as never);
      expect(page.total_count).toBe(3);
      seen.push(...page.results.map((m) => m.name));
      if (!page.next_page_results) break;
      cursor = page.next_cursor;
    }
    expect(seen).toEqual(['Email', 'Search', 'Social']);

    const updated = await modules.update(slug, project.id, created[0]!.id, {
      status: 'completed',
      members: [owner.user.id],
      target_date: '2026-06-30',
    });
    expect(updated).toMatchObject({
      id: created[0]!.id,
      status: 'completed',
      members: [owner.user.id],
      target_date: '2026-06-30',
    });

    await httpError(modules.archiveModule(slug, project.id, created[1]!.id), 400, {
      error: 'Only completed or cancelled modules can be archived',
    });
    expect(await modules.archiveModule(slug, project.id, created[0]!.id)).toBe('');
    await httpError(modules.retrieve(slug, project.id, created[0]!.id), 404);
    const archived = await modules.listArchivedModules(slug, project.id);
    expect(archived.results.map((m) => m.id)).toEqual([created[0]!.id]);
    await modules.unArchiveModule(slug, project.id, created[0]!.id);
    expect((await modules.listArchivedModules(slug, project.id)).total_count).toBe(0);

    await modules.delete(slug, project.id, created[2]!.id);
    await httpError(modules.retrieve(slug, project.id, created[2]!.id), 404, {
      error: 'The requested resource does not exist.',
    });
    await httpError(modules.create(slug, project.id, { name: 'Search' }), 400, {
      code: 'MODULE_NAME_ALREADY_EXISTS',
    });
  });

  it('adds work items, lists them page by page and removes them', async () => {
    const { modules } = owner.sdk;
    const module = await modules.create(slug, project.id, { name: 'Content' });
    const items: WorkItem[] = [];
    for (let i = 1; i <= 3; i++)
      items.push(await owner.sdk.workItems.create(slug, project.id, { name: `Post ${i}` }));
    const links = (await modules.addWorkItemsToModule(
      slug,
      project.id,
      module.id,
      items.map((i) => i.id),
    )) as unknown as Array<{ issue: string; module: string }>;
    expect(links.map((l) => [l.issue, l.module])).toEqual(items.map((i) => [i.id, module.id]));

    const first = await modules.listWorkItemsInModule(slug, project.id, module.id, { per_page: 2 });
    expect(first).toMatchObject({ total_count: 3, count: 2, next_page_results: true, next_cursor: '2:1:0' });
    const second = await modules.listWorkItemsInModule(slug, project.id, module.id, {
      per_page: 2,
      cursor: first.next_cursor,
    });
    expect([...first.results, ...second.results].map((w) => w.name)).toEqual(['Post 1', 'Post 2', 'Post 3']);

    await modules.removeWorkItemFromModule(slug, project.id, module.id, items[1]!.id);
    const left = await modules.listWorkItemsInModule(slug, project.id, module.id);
    expect(left.results.map((w) => w.id)).toEqual([items[0]!.id, items[2]!.id]);
    await httpError(modules.removeWorkItemFromModule(slug, project.id, module.id, items[1]!.id), 404);
    await httpError(guest.sdk.modules.list(slug, project.id), 403, {
      detail: 'You do not have permission to perform this action.',
    });
  });
});

describe('intake', () => {
  it('submits, lists, reads, accepts and removes intake work items by their work-item id', async () => {
    const { intake } = owner.sdk;
    const submitted = await intake.create(slug, project.id, {
      issue: { name: 'Client asks for a landing page', priority: 'medium' },
    });
    expect(submitted).toMatchObject({
      status: -2,
      source: 'IN_APP',
      issue_detail: { name: 'Client asks for a landing page' },
    });
    const second = await intake.create(slug, project.id, { issue: { name: 'Second request' } });

    const list = await intake.list(slug, project.id, { per_page: 1 } as never);
    expect(list).toMatchObject({ total_count: 2, count: 1, next_page_results: true });
    expect(list.results[0]!.id).toBe(second.id);

    expect(await intake.retrieve(slug, project.id, submitted.issue!)).toMatchObject({ id: submitted.id });
    const accepted = await intake.update(slug, project.id, submitted.issue!, { status: 1 });
    expect(accepted).toMatchObject({ status: 1, issue: submitted.issue });
    expect(await owner.sdk.workItems.retrieve(slug, project.id, submitted.issue!)).toMatchObject({
      name: 'Client asks for a landing page',
    });

    await intake.delete(slug, project.id, second.issue!);
    await httpError(intake.retrieve(slug, project.id, second.issue!), 404);
    await httpError(intake.create(slug, project.id, { issue: { name: '' } }), 400, {
      error: 'Name is required',
    });
  });
});

describe('stickies', () => {
  it("creates, lists (20 a page), reads, updates and deletes the caller's stickies", async () => {
    const { stickies } = owner.sdk;
    const sticky = await stickies.create(slug, { name: 'Todo', description_html: '<p>Send the invoice</p>' });
    expect(sticky).toMatchObject({
      name: 'Todo',
      owner: owner.user.id,
      description_stripped: 'Send the invoice',
    });
    for (let i = 0; i < 20; i++) await stickies.create(slug, { description_html: `<p>n${i}</p>` });
    const page = await stickies.list(slug);
    expect(page).toMatchObject({ total_count: 21, count: 20, next_page_results: true });
    const found = await stickies.list(slug, { query: 'invoice' });
    expect(found.results.map((s) => s.id)).toEqual([sticky.id]);
    expect(await stickies.retrieve(slug, sticky.id)).toMatchObject({ id: sticky.id });
    expect(await stickies.update(slug, sticky.id, { color: '#ff0000' })).toMatchObject({ color: '#ff0000' });
    await httpError(guest.sdk.stickies.retrieve(slug, sticky.id), 404, {
      detail: 'No Sticky matches the given query.',
    });
    await stickies.delete(slug, sticky.id);
    await httpError(stickies.retrieve(slug, sticky.id), 404);
  });
});

describe('work logs', () => {
  it('logs, lists, updates and deletes time, and totals it per work item', async () => {
    const item = await owner.sdk.workItems.create(slug, project.id, { name: 'Billable work' });
    const { workLogs } = owner.sdk.workItems;
    const worklog = await workLogs.create(slug, project.id, item.id, {
      duration: 120,
      description: 'Workshop',
    });
    expect(worklog).toMatchObject({
      duration: 120,
      description: 'Workshop',
      logged_by: owner.user.id,
      project_id: project.id,
    });
    expect((await workLogs.list(slug, project.id, item.id)).map((w) => w.id)).toEqual([worklog.id]);
    expect(await workLogs.update(slug, project.id, item.id, worklog.id, { duration: 90 })).toMatchObject({
      duration: 90,
    });
    expect(await owner.sdk.projects.getTotalWorkLogs(slug, project.id)).toEqual([
      { issue_id: item.id, duration: 90 },
    ]);
    await workLogs.delete(slug, project.id, item.id, worklog.id);
    expect(await workLogs.list(slug, project.id, item.id)).toEqual([]);
    await httpError(workLogs.create(slug, project.id, item.id, { duration: -1 }), 400);
  });
});
