import { createRequire } from 'node:module';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planeWorkspace, raw } from '../../../test/plane-kit.ts';

// Plane's MCP server (@makeplane/plane-mcp-server@0.1.5, stdio) pointed at Agency OS: every tool that hits an
// open-source route works; the commercial-only ones (issue types) meet the CE's 404 and report an error
// (contract §3.2). Worklog tools hit routes we serve on Plane's commercial paths (docs/decisions).
const { server, owner, workspace } = await planeWorkspace();
let mcp: Client;

interface ToolResult {
  isError?: boolean;
  content: { type: string; text: string }[];
}

async function call(name: string, args: Record<string, unknown> = {}): Promise<ToolResult> {
  return (await mcp.callTool({ name, arguments: args })) as ToolResult;
}

/** Calls a tool that must succeed and returns its JSON payload. */
async function tool<T = Record<string, unknown>>(
  name: string,
  args: Record<string, unknown> = {},
): Promise<T> {
  const result = await call(name, args);
  expect(result.isError, `${name}: ${result.content[0]?.text}`).toBeFalsy();
  const text = result.content[0]!.text;
  return (text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text) as T;
}

/** A date `offset` days from today, as Plane's cycle dates are written. */
function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  const entry = createRequire(import.meta.url).resolve('@makeplane/plane-mcp-server/build/index.js');
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [entry],
    env: {
      ...(process.env as Record<string, string>),
      PLANE_API_KEY: owner.token,
      PLANE_WORKSPACE_SLUG: workspace.slug,
      PLANE_API_HOST_URL: server.baseUrl,
      SCARF_ANALYTICS: 'false',
    },
    stderr: 'pipe',
  });
  mcp = new Client({ name: 'agency-os-test', version: '1.0.0' });
  await mcp.connect(transport);
});
afterAll(() => mcp?.close());

describe('Plane MCP server against Agency OS', () => {
  it('lists its 47 tools', async () => {
    const { tools } = await mcp.listTools();
    expect(tools).toHaveLength(47);
  });

  it('reads the caller and the workspace members', async () => {
    const me = await tool<{ id: string; email: string }>('get_user');
    expect(me).toMatchObject({ id: owner.user.id, email: owner.user.email });
    const members = await tool<{ member: { id: string } }[] | { id: string }[]>('get_workspace_members');
    expect(JSON.stringify(members)).toContain(owner.user.id);
  });

  it('manages projects, states and labels', async () => {
    const created = await tool<{ id: string; identifier: string }>('create_project', {
      name: 'Harbor site',
      identifier: 'hb site',
    });
    expect(created.identifier).toBe('HBSITE');
    const projects = await tool<{ id: string; name: string }[]>('get_projects');
    expect(projects.map((p) => p.name)).toContain('Harbor site');
    const project_id = created.id;

    const states = await tool<{ results: { name: string }[] }>('list_states', { project_id });
    expect(states.results.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Backlog', 'Todo', 'In Progress', 'Done', 'Cancelled']),
    );
    const state = await tool<{ id: string }>('create_state', {
      project_id,
      state_data: { name: 'In review', color: '#aa00ff', group: 'started' },
    });
    expect(await tool('get_state', { project_id, state_id: state.id })).toMatchObject({ name: 'In review' });
    expect(
      await tool('update_state', { project_id, state_id: state.id, state_data: { name: 'Review' } }),
    ).toMatchObject({ name: 'Review' });
    await tool('delete_state', { project_id, state_id: state.id });
    expect((await call('get_state', { project_id, state_id: state.id })).isError).toBe(true);

    const label = await tool<{ id: string }>('create_label', {
      project_id,
      label_data: { name: 'copy', color: '#00aa00' },
    });
    expect(await tool('get_label', { project_id, label_id: label.id })).toMatchObject({ name: 'copy' });
    expect(
      await tool('update_label', { project_id, label_id: label.id, label_data: { name: 'copywriting' } }),
    ).toMatchObject({ name: 'copywriting' });
    const labels = await tool<{ results: { name: string }[] }>('list_labels', { project_id });
    expect(labels.results.map((l) => l.name)).toEqual(['copywriting']);
    await tool('delete_label', { project_id, label_id: label.id });
  });

  it('creates, reads, updates and comments on issues', async () => {
    const project = await tool<{ id: string; identifier: string }>('create_project', {
      name: 'Issues',
      identifier: 'ISS',
    });
    const project_id = project.id;
    const issue = await tool<{ id: string; sequence_id: number }>('create_issue', {
      project_id,
      issue_data: {
        name: 'Fix the footer',
        description_html: '<p>It overlaps on mobile</p>',
        priority: 'high',
      },
    });
    const updated = await tool('update_issue', {
      project_id,
      issue_id: issue.id,
      issue_data: { name: 'Fix the footer overlap' },
    });
    expect(updated).toMatchObject({ name: 'Fix the footer overlap', priority: 'high' });
    const byKey = await tool('get_issue_using_readable_identifier', {
      project_identifier: 'ISS',
      issue_identifier: String(issue.sequence_id),
    });
    expect(byKey).toMatchObject({ id: issue.id });
    const list = await tool<{ total_count: number; results: { id: string; priority: { id: string } }[] }>(
      'list_project_issues',
      { project_id },
    );
    expect(list.total_count).toBe(1);
    expect(list.results[0]).toMatchObject({ id: issue.id, priority: { id: 'high' } });

    await tool('add_issue_comment', { project_id, issue_id: issue.id, comment_html: '<p>On it</p>' });
    // This tool asks without the trailing slash and relies on the 301 (contract §5.14).
    const comments = await tool<{ results: { comment_html: string }[] }>('get_issue_comments', {
      project_id,
      issue_id: issue.id,
    });
    expect(comments.results.map((c) => c.comment_html)).toEqual(['<p>On it</p>']);
  });

  it('runs cycles: create, add issues, transfer, delete', async () => {
    const project = await tool<{ id: string }>('create_project', { name: 'Cycles', identifier: 'CYC' });
    const project_id = project.id;
    await raw(server, 'PATCH', `/api/v1/workspaces/${workspace.slug}/projects/${project_id}/`, {
      key: owner.token,
      body: { cycle_view: true },
    });
    const issue = await tool<{ id: string }>('create_issue', {
      project_id,
      issue_data: { name: 'Carry over', description_html: '<p></p>' },
    });
    const sprint1 = await tool<{ id: string }>('create_cycle', {
      project_id,
      cycle_data: { name: 'Sprint 1', project_id, start_date: day(-3), end_date: day(4) },
    });
    const sprint2 = await tool<{ id: string }>('create_cycle', {
      project_id,
      cycle_data: { name: 'Sprint 2', project_id, start_date: day(7), end_date: day(14) },
    });
    expect(await tool('get_cycle', { project_id, cycle_id: sprint1.id })).toMatchObject({ name: 'Sprint 1' });
    expect(
      await tool('update_cycle', { project_id, cycle_id: sprint1.id, cycle_data: { name: 'Sprint one' } }),
    ).toMatchObject({ name: 'Sprint one' });
    const cycles = await tool<{ results: { name: string }[] }>('list_cycles', { project_id });
    expect(cycles.results.map((c) => c.name).sort()).toEqual(['Sprint 2', 'Sprint one']);

    await tool('add_cycle_issues', { project_id, cycle_id: sprint1.id, issues: [issue.id] });
    const inCycle = await tool<{ results: { id: string }[] }>('list_cycle_issues', {
      project_id,
      cycle_id: sprint1.id,
    });
    expect(inCycle.results.map((i) => i.id)).toEqual([issue.id]);
    // Plane transfers only out of a cycle that has ended.
    const early = await call('transfer_cycle_issues', {
      project_id,
      cycle_id: sprint1.id,
      new_cycle_id: sprint2.id,
    });
    expect(early.isError).toBe(true);
    await tool('update_cycle', {
      project_id,
      cycle_id: sprint1.id,
      cycle_data: { start_date: day(-10), end_date: day(-1) },
    });
    await tool('transfer_cycle_issues', { project_id, cycle_id: sprint1.id, new_cycle_id: sprint2.id });
    const moved = await tool<{ results: { id: string }[] }>('list_cycle_issues', {
      project_id,
      cycle_id: sprint2.id,
    });
    expect(moved.results.map((i) => i.id)).toEqual([issue.id]);
    await tool('delete_cycle_issue', { project_id, cycle_id: sprint2.id, issue_id: issue.id });
    await tool('delete_cycle', { project_id, cycle_id: sprint1.id });
    expect((await call('get_cycle', { project_id, cycle_id: sprint1.id })).isError).toBe(true);
  });

  it('runs modules: create, add and remove issues, delete', async () => {
    const project = await tool<{ id: string }>('create_project', { name: 'Modules', identifier: 'MOD' });
    const project_id = project.id;
    await raw(server, 'PATCH', `/api/v1/workspaces/${workspace.slug}/projects/${project_id}/`, {
      key: owner.token,
      body: { module_view: true },
    });
    const issue = await tool<{ id: string }>('create_issue', {
      project_id,
      issue_data: { name: 'Checkout page', description_html: '<p></p>' },
    });
    const module = await tool<{ id: string }>('create_module', {
      project_id,
      module_data: { name: 'Payments' },
    });
    expect(await tool('get_module', { project_id, module_id: module.id })).toMatchObject({
      name: 'Payments',
    });
    expect(
      await tool('update_module', {
        project_id,
        module_id: module.id,
        module_data: { status: 'in-progress' },
      }),
    ).toMatchObject({ status: 'in-progress' });
    const modules = await tool<{ results: { name: string }[] }>('list_modules', { project_id });
    expect(modules.results.map((m) => m.name)).toEqual(['Payments']);
    await tool('add_module_issues', { project_id, module_id: module.id, issues: [issue.id] });
    const inModule = await tool<{ results: { id: string }[] }>('list_module_issues', {
      project_id,
      module_id: module.id,
    });
    expect(inModule.results.map((i) => i.id)).toEqual([issue.id]);
    await tool('delete_module_issue', { project_id, module_id: module.id, issue_id: issue.id });
    const emptied = await tool<{ results: unknown[] }>('list_module_issues', {
      project_id,
      module_id: module.id,
    });
    expect(emptied.results).toEqual([]);
    await tool('delete_module', { project_id, module_id: module.id });
  });

  it('logs time on an issue and sums it per project', async () => {
    const project = await tool<{ id: string }>('create_project', { name: 'Time', identifier: 'TIME' });
    const project_id = project.id;
    await raw(server, 'PATCH', `/api/v1/workspaces/${workspace.slug}/projects/${project_id}/`, {
      key: owner.token,
      body: { is_time_tracking_enabled: true },
    });
    const issue = await tool<{ id: string }>('create_issue', {
      project_id,
      issue_data: { name: 'Design review', description_html: '<p></p>' },
    });
    const log = await tool<{ id: string; duration: number }>('create_worklog', {
      project_id,
      issue_id: issue.id,
      worklog_data: { duration: 90, description: 'Review with the client' },
    });
    expect(log.duration).toBe(90);
    await tool('update_worklog', {
      project_id,
      issue_id: issue.id,
      worklog_id: log.id,
      worklog_data: { duration: 120 },
    });
    const logs = await tool<{ id: string; duration: number }[]>('get_issue_worklogs', {
      project_id,
      issue_id: issue.id,
    });
    expect(logs.map((l) => [l.id, l.duration])).toEqual([[log.id, 120]]);
    const totals = await tool<unknown[]>('get_total_worklogs', { project_id });
    expect(JSON.stringify(totals)).toContain(issue.id);
    await tool('delete_worklog', { project_id, issue_id: issue.id, worklog_id: log.id });
  });

  it('reports the commercial-only issue-type tools as errors (CE answers 404)', async () => {
    const project = await tool<{ id: string }>('create_project', { name: 'Types', identifier: 'TYP' });
    for (const [name, args] of [
      ['list_issue_types', { project_id: project.id }],
      ['get_issue_type', { project_id: project.id, type_id: crypto.randomUUID() }],
      ['create_issue_type', { project_id: project.id, issue_type_data: { name: 'Bug', description: 'x' } }],
    ] as const) {
      const result = await call(name, args);
      expect(result.isError, name).toBe(true);
      expect(result.content[0]!.text, name).toContain('404');
    }
    const { status, body } = await raw(
      server,
      'GET',
      `/api/v1/workspaces/${workspace.slug}/projects/${project.id}/issue-types/`,
      { key: owner.token },
    );
    expect({ status, body }).toEqual({ status: 404, body: { error: 'Page not found.' } });
  });
});
