import type { Label, PaginatedResponse, Project, State } from '@makeplane/plane-node-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpError, memberCaller, ownerWithWorkspace, planeWorkspace } from '../../../test/plane-kit.ts';

// Plane's Node SDK, unchanged, against Agency OS on loopback: users, workspace members, projects, project
// members, states and labels (contract §2.1–2.5, Appendix A #1–10, #30–34, #44–49).
// The SDK's CreateLabel type leaves out `parent`, which Plane accepts.
type CreateLabel = Pick<Label, 'name' | 'parent'>;

const { server, owner, workspace } = await planeWorkspace();
let slug: string;

beforeAll(async () => {
  slug = workspace.slug;
});

describe('users and workspace members', () => {
  it('answers users.me with the caller as a Plane user', async () => {
    const me = await owner.sdk.users.me();
    expect(me).toEqual({
      id: owner.user.id,
      first_name: 'User',
      last_name: owner.user.name.split(' ')[1],
      email: owner.user.email,
      avatar: '',
      avatar_url: null,
      display_name: owner.user.email.split('@')[0],
    });
  });

  it('lists workspace members with Plane role numbers', async () => {
    const member = await memberCaller(server, workspace, 'member');
    const members = await owner.sdk.workspace.getMembers(slug);
    expect(members).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: owner.user.id, email: owner.user.email, role: 20 }),
        expect.objectContaining({ id: member.user.id, role: 15 }),
      ]),
    );
  });
});

describe('projects', () => {
  it('creates a project as Plane does: identifier from the SDK, caller admin, features off', async () => {
    const project = await owner.sdk.projects.create(slug, { name: 'Website Redesign' });
    expect(project).toMatchObject({
      name: 'Website Redesign',
      identifier: 'WEBSI',
      workspace: workspace.id,
      is_member: true,
      member_role: 20,
      total_members: 1,
      network: 2,
      module_view: false,
      cycle_view: false,
      page_view: true,
      intake_view: false,
      archived_at: null,
      created_by: owner.user.id,
      updated_by: null,
      logo_props: { in_use: 'icon' },
    });
    expect(project.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(String(project.created_at)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z$/);

    const fetched = await owner.sdk.projects.retrieve(slug, project.id);
    expect(fetched).toMatchObject({ id: project.id, identifier: 'WEBSI' });
    const members = await owner.sdk.projects.getMembers(slug, project.id);
    expect(members).toEqual([expect.objectContaining({ id: owner.user.id, email: owner.user.email })]);
  });

  it('updates, lists with the caller sort order, archives, unarchives and deletes', async () => {
    const project = await owner.sdk.projects.create(slug, { name: 'Brand Book', identifier: 'bb' });
    expect(project.identifier).toBe('BB');
    const updated = await owner.sdk.projects.update(slug, project.id, {
      description: 'Guidelines',
      cycle_view: true,
    });
    expect(updated).toMatchObject({ description: 'Guidelines', cycle_view: true, updated_by: owner.user.id });

    const list = (await owner.sdk.projects.list(slug)) as PaginatedResponse<Project & { sort_order: number }>;
    const row = list.results.find((p) => p.id === project.id);
    expect(row).toMatchObject({ description: 'Guidelines', sort_order: expect.any(Number) });

    await owner.sdk.projects.archive(slug, project.id);
    expect((await owner.sdk.projects.retrieve(slug, project.id)).archived_at).toEqual(expect.any(String));
    await httpError(owner.sdk.projects.update(slug, project.id, { description: 'x' }), 400, {
      error: 'Archived project cannot be updated',
    });
    await owner.sdk.projects.unArchive(slug, project.id);
    expect((await owner.sdk.projects.retrieve(slug, project.id)).archived_at).toBeNull();

    await owner.sdk.projects.delete(slug, project.id);
    await httpError(owner.sdk.projects.retrieve(slug, project.id), 404, {
      error: 'The requested resource does not exist.',
    });
    // The name and identifier are free again once the project is deleted.
    await expect(
      owner.sdk.projects.create(slug, { name: 'Brand Book', identifier: 'BB' }),
    ).resolves.toMatchObject({
      identifier: 'BB',
    });
  });

  it('summarises a project with Plane counts, for workspace admins and members only', async () => {
    const project = await owner.sdk.projects.create(slug, { name: 'Summary', identifier: 'SUM' });
    await owner.sdk.labels.create(slug, project.id, { name: 'One' });
    await owner.sdk.workItems.create(slug, project.id, { name: 'Counted' });
    const url = `/api/v1/workspaces/${slug}/projects/${project.id}/summary/`;
    expect(await fetchJson('GET', `${url}?fields=issues,labels,nonsense`)).toEqual({
      status: 200,
      body: { id: project.id, name: 'Summary', identifier: 'SUM', counts: { labels: 1, issues: 1 } },
    });
    expect((await fetchJson('GET', url)).body).toMatchObject({
      counts: { members: 1, states: 5, labels: 1, cycles: 0, modules: 0, issues: 1, intakes: 0, pages: 0 },
    });
    await owner.sdk.projects.update(slug, project.id, { cycle_view: true, module_view: true } as never);
    await owner.sdk.cycles.create(slug, project.id, { name: 'Sprint', project_id: project.id } as never);
    await owner.sdk.modules.create(slug, project.id, { name: 'Checkout' });
    expect((await fetchJson('GET', url)).body).toMatchObject({ counts: { cycles: 1, modules: 1 } });
    expect(await owner.sdk.projects.retrieve(slug, project.id)).toMatchObject({
      total_cycles: 1,
      total_modules: 1,
    });
    expect(
      await fetchJson('GET', `/api/v1/workspaces/${slug}/projects/${crypto.randomUUID()}/summary/`),
    ).toEqual({
      status: 404,
      body: { error: 'Project not found' },
    });
    const guest = await memberCaller(server, workspace, 'guest');
    const asGuest = await fetch(`${server.baseUrl}${url}`, { headers: { 'x-api-key': guest.token } });
    expect(asGuest.status).toBe(403);
  });

  it('refuses a taken name or identifier with 409', async () => {
    await owner.sdk.projects.create(slug, { name: 'Mobile App', identifier: 'MOB' });
    await httpError(owner.sdk.projects.create(slug, { name: 'Mobile App', identifier: 'MOB2' }), 409, {
      name: 'The project name is already taken',
    });
    await httpError(owner.sdk.projects.create(slug, { name: 'Mobile Two', identifier: 'mob' }), 409, {
      identifier: 'The project identifier is already taken',
    });
  });
});

describe('project members', () => {
  it('adds, reads, changes and removes members on both member paths', async () => {
    const project = await owner.sdk.projects.create(slug, { name: 'Members Project', identifier: 'MEMB' });
    const colleague = await memberCaller(server, workspace, 'member');
    const base = `/api/v1/workspaces/${slug}/projects/${project.id}`;
    const post = await fetchJson('POST', `${base}/members/`, { member: colleague.user.id, role: 15 });
    expect(post).toEqual({
      status: 201,
      body: { id: expect.any(String), member: colleague.user.id, role: 15 },
    });
    const membershipId = (post.body as { id: string }).id;

    const viaSdk = await owner.sdk.projects.getMembers(slug, project.id);
    expect(viaSdk.map((m) => m.id).sort()).toEqual([owner.user.id, colleague.user.id].sort());
    expect(await fetchJson('GET', `${base}/project-members/${membershipId}/`)).toMatchObject({
      status: 200,
      body: { id: colleague.user.id, email: colleague.user.email },
    });
    expect(await fetchJson('PATCH', `${base}/project-members/${membershipId}/`, { role: 20 })).toEqual({
      status: 200,
      body: { id: membershipId, member: colleague.user.id, role: 20 },
    });
    expect((await fetchJson('DELETE', `${base}/members/${membershipId}/`)).status).toBe(204);
    // Removed members stay listed (Plane lists inactive memberships) but lose access.
    expect((await owner.sdk.projects.getMembers(slug, project.id)).length).toBe(2);
    await httpError(colleague.sdk.states.list(slug, project.id), 403);
  });

  it('refuses a member from outside the workspace and a second active membership', async () => {
    const project = await owner.sdk.projects.create(slug, { name: 'Strict Project', identifier: 'STR' });
    const base = `/api/v1/workspaces/${slug}/projects/${project.id}/members/`;
    const stranger = await ownerWithWorkspace(server);
    expect(await fetchJson('POST', base, { member: stranger.owner.user.id, role: 15 })).toEqual({
      status: 400,
      body: { member: ['Member not found in workspace'] },
    });
    expect(await fetchJson('POST', base, { member: owner.user.id, role: 15 })).toEqual({
      status: 400,
      body: { error: 'The payload is not valid' },
    });
    expect(await fetchJson('POST', base, { member: owner.user.id, role: 10 })).toEqual({
      status: 400,
      body: { role: ['"10" is not a valid choice.'] },
    });
  });
});

describe('states', () => {
  it('gives a new project the five visible default states in order', async () => {
    const project = await owner.sdk.projects.create(slug, { name: 'States Project', identifier: 'STA' });
    const states = await owner.sdk.states.list(slug, project.id);
    expect(states.results.map((s) => [s.name, s.color, s.group, s.sequence, s.default])).toEqual([
      ['Backlog', '#60646C', 'backlog', 15000, true],
      ['Todo', '#60646C', 'unstarted', 25000, false],
      ['In Progress', '#F59E0B', 'started', 35000, false],
      ['Done', '#46A758', 'completed', 45000, false],
      ['Cancelled', '#9AA4BC', 'cancelled', 55000, false],
    ]);
    expect(states.total_count).toBe(5);
  });

  it('creates (200), reads, updates and deletes states with Plane rules', async () => {
    const project = await owner.sdk.projects.create(slug, { name: 'State Rules', identifier: 'SRU' });
    const created = await fetchJson('POST', `/api/v1/workspaces/${slug}/projects/${project.id}/states/`, {
      name: 'In Review',
      color: '#123456',
      group: 'started',
    });
    expect(created.status).toBe(200);
    const review = created.body as State & { slug: string };
    // Sequence is always the project's highest (the hidden Triage state's 65000) plus 15000.
    expect(review).toMatchObject({ name: 'In Review', slug: 'in-review', sequence: 80000, default: false });

    expect(await owner.sdk.states.retrieve(slug, project.id, review.id)).toMatchObject({ name: 'In Review' });
    const updated = await owner.sdk.states.update(slug, project.id, review.id, {
      name: 'Review',
      default: true,
    });
    expect(updated).toMatchObject({ name: 'Review', default: true });
    const defaults = (await owner.sdk.states.list(slug, project.id)).results.filter((s) => s.default);
    expect(defaults.map((s) => s.id)).toEqual([review.id]);

    await httpError(owner.sdk.states.delete(slug, project.id, review.id), 400, {
      error: 'Default state cannot be deleted',
    });
    const todo = (await owner.sdk.states.list(slug, project.id)).results.find((s) => s.name === 'Todo')!;
    await owner.sdk.workItems.create(slug, project.id, { name: 'Uses Todo', state: todo.id });
    await httpError(owner.sdk.states.delete(slug, project.id, todo.id), 400, {
      error: 'The state is not empty, only empty states can be deleted',
    });
    const cancelled = (await owner.sdk.states.list(slug, project.id)).results.find(
      (s) => s.name === 'Cancelled',
    )!;
    await owner.sdk.states.delete(slug, project.id, cancelled.id);
    await httpError(owner.sdk.states.retrieve(slug, project.id, cancelled.id), 404);
  });

  it('answers duplicates with 409 and the existing id', async () => {
    const project = await owner.sdk.projects.create(slug, { name: 'State Dups', identifier: 'SDU' });
    const backlog = (await owner.sdk.states.list(slug, project.id)).results[0]!;
    await httpError(owner.sdk.states.create(slug, project.id, { name: 'Backlog', color: '#000000' }), 409, {
      error: 'State with the same name already exists in the project',
      id: backlog.id,
    });
    const imported = await owner.sdk.states.create(slug, project.id, {
      name: 'Imported',
      color: '#111111',
      external_source: 'jira',
      external_id: 'ST-1',
    });
    await httpError(
      owner.sdk.states.create(slug, project.id, {
        name: 'Other',
        color: '#111111',
        external_source: 'jira',
        external_id: 'ST-1',
      }),
      409,
      { error: 'State with the same external id and external source already exists', id: imported.id },
    );
    await httpError(
      owner.sdk.states.create(slug, project.id, { name: 'T', color: '#1', group: 'triage' }),
      400,
      {
        non_field_errors: ['Cannot create triage state'],
      },
    );
  });
});

describe('labels', () => {
  it('creates labels with parents, lists newest first, updates and deletes', async () => {
    const project = await owner.sdk.projects.create(slug, { name: 'Label Project', identifier: 'LAB' });
    const parent = await owner.sdk.labels.create(slug, project.id, { name: 'Area', color: '#ff0000' });
    const child = await owner.sdk.labels.create(slug, project.id, {
      name: 'Frontend',
      parent: parent.id,
    } as CreateLabel);
    expect(parent).toMatchObject({ name: 'Area', color: '#ff0000', sort_order: 65535, parent: null });
    expect(child).toMatchObject({ name: 'Frontend', color: '', sort_order: 75535, parent: parent.id });

    const list = await owner.sdk.labels.list(slug, project.id);
    expect(list.results.map((l) => l.name)).toEqual(['Frontend', 'Area']);
    expect(await owner.sdk.labels.retrieve(slug, project.id, child.id)).toMatchObject({ parent: parent.id });
    expect(await owner.sdk.labels.update(slug, project.id, child.id, { name: 'Web' })).toMatchObject({
      name: 'Web',
    });

    await httpError(owner.sdk.labels.create(slug, project.id, { name: 'Area' }), 409, {
      error: 'Label with the same name already exists in the project',
      id: parent.id,
    });
    await httpError(owner.sdk.labels.update(slug, project.id, child.id, { name: 'Area' }), 400, {
      error: 'The payload is not valid',
    });
    await owner.sdk.labels.delete(slug, project.id, parent.id);
    expect(await owner.sdk.labels.retrieve(slug, project.id, child.id)).toMatchObject({ parent: null });
    await httpError(owner.sdk.labels.retrieve(slug, project.id, parent.id), 404);
  });
});

async function fetchJson(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { 'x-api-key': owner.token, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
