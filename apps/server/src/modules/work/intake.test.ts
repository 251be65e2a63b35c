import { beforeAll, describe, expect, it } from 'vitest';
import {
  memberCaller,
  ownerWithWorkspace,
  planeWorkspace,
  raw,
  type Caller,
} from '../../../test/plane-kit.ts';

// Intake (contract §2.14): submissions in the hidden Triage state, triage by project admins (accept, decline,
// snooze, duplicate), guests' limits, deletion, and the history of every change.
const { server, owner, workspace } = await planeWorkspace(); // owner: project admin
let member: Caller; // project member (15)
let guest: Caller; // project guest (5)
let base: string;

type Intake = { id: string; issue: string; status: number; issue_detail: Record<string, unknown> } & Record<
  string,
  unknown
>;
type Page = { total_count: number; results: Intake[] };

const call = (caller: Caller, method: string, path: string, body?: unknown) =>
  raw(server, method, `${base}${path}`, { key: caller.token, body });
const submit = async (caller: Caller, name: string) => {
  const response = await call(caller, 'POST', '/intake-issues/', { issue: { name, priority: 'high' } });
  expect(response.status).toBe(201);
  return response.body as Intake;
};
const historyOf = async (itemId: string) =>
  (
    (await call(owner, 'GET', `/work-items/${itemId}/activities/`)).body as {
      results: Array<Record<string, unknown>>;
    }
  ).results.map((a) => [a.verb, a.field ?? null, a.old_value ?? null, a.new_value ?? null]);

beforeAll(async () => {
  member = await memberCaller(server, workspace, 'member');
  guest = await memberCaller(server, workspace, 'guest');
  const project = await owner.sdk.projects.create(workspace.slug, { name: 'Requests', identifier: 'REQ' });
  base = `/api/v1/workspaces/${workspace.slug}/projects/${project.id}`;
  await call(owner, 'POST', '/members/', { member: member.user.id, role: 15 });
  await call(owner, 'POST', '/members/', { member: guest.user.id, role: 5 });
});

describe('submitting', () => {
  it('is refused while intake is off, and the queue reads empty', async () => {
    expect(await call(owner, 'POST', '/intake-issues/', { issue: { name: 'Too early' } })).toMatchObject({
      status: 400,
      body: { error: "Intake is not enabled for this project enable it through the project's api" },
    });
    expect((await call(owner, 'GET', '/intake-issues/')).body).toMatchObject({ total_count: 0, results: [] });
    expect((await call(owner, 'PATCH', '/', { intake_view: true })).status).toBe(200);
  });

  it('checks the name and the priority as Plane does', async () => {
    expect(await call(guest, 'POST', '/intake-issues/', { issue: { priority: 'low' } })).toMatchObject({
      status: 400,
      body: { error: 'Name is required' },
    });
    expect(await call(guest, 'POST', '/intake-issues/', {})).toMatchObject({
      status: 400,
      body: { error: 'Name is required' },
    });
    expect(
      await call(guest, 'POST', '/intake-issues/', { issue: { name: 'x', priority: 'yesterday' } }),
    ).toMatchObject({ status: 400, body: { error: 'Invalid priority' } });
  });

  it('makes a numbered work item in Triage that stays out of every list until it is accepted', async () => {
    const record = await submit(guest, 'Website is down');
    expect(record).toMatchObject({
      status: -2,
      source: 'IN_APP',
      snoozed_till: null,
      duplicate_to: null,
      created_by: guest.user.id,
      issue_detail: {
        id: record.issue,
        name: 'Website is down',
        priority: 'high',
        sequence_id: expect.any(Number),
        state: { name: 'Triage', group: 'triage', id: expect.any(String), color: '#4E5355' },
      },
    });
    expect(record.inbox).toBe(record.intake);
    expect((await call(owner, 'GET', `/work-items/${record.issue}/`)).status).toBe(404);
    const items = (await call(owner, 'GET', '/work-items/')).body as { results: Array<{ id: string }> };
    expect(items.results.map((i) => i.id)).not.toContain(record.issue);
    expect(await call(member, 'GET', `/intake-issues/${record.issue}/`)).toMatchObject({
      status: 200,
      body: { id: record.id, issue: record.issue },
    });
    const queue = (await call(guest, 'GET', '/intake-issues/')).body as Page;
    expect(queue.results.map((r) => r.id)).toContain(record.id);
  });
});

describe('triage', () => {
  it('lets a project admin accept: the item moves to the default state and both changes enter its history', async () => {
    const record = await submit(member, 'Add a pricing page');
    const accepted = await call(owner, 'PATCH', `/intake-issues/${record.issue}/`, { status: 1 });
    expect(accepted).toMatchObject({
      status: 200,
      body: {
        status: 1,
        issue_detail: { state: { name: 'Backlog', group: 'backlog' } },
        updated_by: owner.user.id,
      },
    });
    expect(await call(member, 'GET', `/work-items/${record.issue}/`)).toMatchObject({ status: 200 });
    expect(await historyOf(record.issue)).toEqual([
      ['created', null, null, null],
      ['updated', 'state', 'Triage', 'Backlog'],
      ['updated', 'intake', 'Pending', 'Accepted'],
    ]);
  });

  it('keeps triage to project admins; members edit the submission, guests only their own', async () => {
    const record = await submit(member, 'Fix the footer');
    expect(await call(member, 'PATCH', `/intake-issues/${record.issue}/`, { status: 1 })).toMatchObject({
      status: 403,
    });
    expect(
      await call(member, 'PATCH', `/intake-issues/${record.issue}/`, {
        issue: { name: 'Fix the footer links', priority: 'urgent' },
      }),
    ).toMatchObject({
      status: 200,
      body: { status: -2, issue_detail: { name: 'Fix the footer links', priority: 'urgent' } },
    });
    expect(
      await call(guest, 'PATCH', `/intake-issues/${record.issue}/`, { issue: { name: 'Hijacked' } }),
    ).toMatchObject({ status: 400, body: { error: 'You cannot edit intake work items' } });

    const own = await submit(guest, 'Typo on the home page');
    expect(
      await call(guest, 'PATCH', `/intake-issues/${own.issue}/`, {
        issue: { name: 'Typo in the hero', priority: 'low' },
      }),
    ).toMatchObject({ status: 200, body: { issue_detail: { name: 'Typo in the hero', priority: 'high' } } });
    expect(await historyOf(own.issue)).toEqual([
      ['created', null, null, null],
      ['updated', 'name', 'Typo on the home page', 'Typo in the hero'],
    ]);
    expect(await call(owner, 'PATCH', `/intake-issues/${own.issue}/`, { status: 7 })).toMatchObject({
      status: 400,
      body: { status: ['"7" is not a valid choice.'] },
    });
  });

  it('declines, snoozes and marks duplicates; a snooze that has passed hides the record', async () => {
    const declined = await submit(member, 'Make the logo bigger');
    const original = await submit(member, 'Checkout fails');
    const copy = await submit(member, 'Checkout is broken');
    const later = await submit(member, 'Dark mode');
    const past = await submit(member, 'Old idea');

    expect(await call(owner, 'PATCH', `/intake-issues/${declined.issue}/`, { status: -1 })).toMatchObject({
      status: 200,
      body: { status: -1, issue_detail: { state: { name: 'Triage' } } },
    });
    expect((await call(owner, 'GET', `/work-items/${declined.issue}/`)).status).toBe(404);
    expect(
      await call(owner, 'PATCH', `/intake-issues/${copy.issue}/`, {
        status: 2,
        duplicate_to: original.issue,
      }),
    ).toMatchObject({ status: 200, body: { status: 2, duplicate_to: original.issue } });
    expect(
      await call(owner, 'PATCH', `/intake-issues/${copy.issue}/`, { duplicate_to: copy.issue }),
    ).toMatchObject({
      status: 400,
      body: { duplicate_to: [`Invalid pk "${copy.issue}" - object does not exist.`] },
    });
    expect(
      await call(owner, 'PATCH', `/intake-issues/${later.issue}/`, {
        status: 0,
        snoozed_till: '2999-01-01T09:00:00Z',
      }),
    ).toMatchObject({ status: 200, body: { status: 0, snoozed_till: '2999-01-01T09:00:00Z' } });
    await call(owner, 'PATCH', `/intake-issues/${past.issue}/`, {
      status: 0,
      snoozed_till: '2001-01-01T00:00:00Z',
    });

    const queue = ((await call(owner, 'GET', '/intake-issues/')).body as Page).results.map((r) => r.issue);
    expect(queue).toEqual(expect.arrayContaining([declined.issue, copy.issue, later.issue]));
    expect(queue).not.toContain(past.issue);
    expect((await call(owner, 'GET', `/intake-issues/${past.issue}/`)).status).toBe(404);
    expect(await historyOf(declined.issue)).toContainEqual(['updated', 'intake', 'Pending', 'Declined']);
  });
});

describe('notifications of triage', () => {
  type Note = { kind: string; actor: string; work_item: string; data: { intake?: Record<string, unknown> } };
  const triageNotes = async (caller: Caller, itemId: string) => {
    const inbox = `/api/v1/workspaces/${workspace.slug}/users/me/notifications/`;
    const page = (await raw(server, 'GET', inbox, { key: caller.token })).body as { results: Note[] };
    return page.results.filter((n) => n.work_item === itemId && n.kind === 'intake');
  };
  const triage = async (itemId: string, body: Record<string, unknown>) =>
    expect((await call(owner, 'PATCH', `/intake-issues/${itemId}/`, body)).status).toBe(200);

  it('tells the submitter and the followers how a submission was triaged and by whom, never the admin', async () => {
    const taken = await submit(guest, 'Translate the site');
    const dropped = await submit(guest, 'Blink the logo');
    const copy = await submit(guest, 'Translate everything');
    const later = await submit(guest, 'Newsletter');
    expect((await call(member, 'POST', `/work-items/${taken.issue}/subscribe/`)).status).toBe(200);

    await triage(taken.issue, { status: 1 });
    await triage(dropped.issue, { status: -1 });
    await triage(copy.issue, { status: 2, duplicate_to: taken.issue });
    await triage(later.issue, { status: 0, snoozed_till: '2999-01-01T09:00:00Z' });
    // An edit that changes no status tells nobody anew.
    await triage(later.issue, { issue: { name: 'Monthly newsletter' } });

    const told = async (itemId: string) => (await triageNotes(guest, itemId)).map((n) => n.data.intake);
    expect(await told(taken.issue)).toEqual([
      { status: 1, outcome: 'accepted', snoozed_till: null, duplicate_to: null },
    ]);
    expect(await told(dropped.issue)).toEqual([
      { status: -1, outcome: 'declined', snoozed_till: null, duplicate_to: null },
    ]);
    expect(await told(copy.issue)).toEqual([
      { status: 2, outcome: 'duplicate', snoozed_till: null, duplicate_to: taken.issue },
    ]);
    expect(await told(later.issue)).toEqual([
      {
        status: 0,
        outcome: 'snoozed',
        snoozed_till: expect.stringContaining('2999-01-01'),
        duplicate_to: null,
      },
    ]);
    expect((await triageNotes(guest, taken.issue))[0]).toMatchObject({
      actor: owner.user.id,
      data: { work_item: { id: taken.issue, name: 'Translate the site' } },
    });
    // A follower hears too; the admin who decided does not.
    expect((await triageNotes(member, taken.issue)).map((n) => n.data.intake!.outcome)).toEqual(['accepted']);
    expect(await triageNotes(member, dropped.issue)).toEqual([]);
    expect(await triageNotes(owner, taken.issue)).toEqual([]);
  });
});

describe('removing a submission', () => {
  it('takes a pending item with it (creator or admin only) and leaves an accepted one in the project', async () => {
    const pending = await submit(member, 'Remove me');
    expect(await call(guest, 'DELETE', `/intake-issues/${pending.issue}/`)).toMatchObject({
      status: 403,
      body: { error: 'Only admin or creator can delete the work item' },
    });
    expect((await call(member, 'DELETE', `/intake-issues/${pending.issue}/`)).status).toBe(204);
    expect((await call(owner, 'GET', `/intake-issues/${pending.issue}/`)).status).toBe(404);
    expect((await call(owner, 'DELETE', `/intake-issues/${pending.issue}/`)).status).toBe(404);

    const accepted = await submit(guest, 'Keep me');
    await call(owner, 'PATCH', `/intake-issues/${accepted.issue}/`, { status: 1 });
    expect((await call(owner, 'DELETE', `/intake-issues/${accepted.issue}/`)).status).toBe(204);
    expect(await call(owner, 'GET', `/work-items/${accepted.issue}/`)).toMatchObject({
      status: 200,
      body: { name: 'Keep me' },
    });
  });

  it('keeps outsiders out before any lookup', async () => {
    const bystander = await memberCaller(server, workspace, 'member');
    const { owner: stranger } = await ownerWithWorkspace(server);
    for (const caller of [bystander, stranger]) {
      expect((await call(caller, 'GET', '/intake-issues/')).status).toBe(403);
      expect((await call(caller, 'POST', '/intake-issues/', { issue: { name: 'x' } })).status).toBe(403);
    }
    expect((await raw(server, 'GET', `${base}/intake-issues/`)).status).toBe(401);
  });
});
