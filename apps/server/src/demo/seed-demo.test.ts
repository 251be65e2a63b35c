import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie, signIn } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { rowsOf } from '../platform/db/database.ts';
import { demoProjects } from './catalog.ts';
import { DEMO_PASSWORD, demoPending, prepareDemo, seedDemo, seedDemoAgency } from './seed-demo.ts';

// What a new user sees after the first start: a living agency, not an empty screen.
let t: TestApp;
let cookie: string;

type Json = Record<string, unknown>;
type Page<T> = { results: T[]; total_count?: number; count?: number };
type Project = { id: string; name: string; identifier: string; is_time_tracking_enabled: boolean };
type Cycle = { id: string; name: string; status: string };
type Point = { date: string; pending_items: number | null; scope_items: number | null };

const base = '/api/v1/workspaces/northwind';
const get = async <T>(url: string): Promise<T> => {
  const response = await t.request({ method: 'GET', url, headers: { cookie } });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json<T>();
};
const projects = async () => (await get<Page<Project>>(`${base}/projects/`)).results;
const currentCycle = async (project: Project) =>
  (await get<Cycle[]>(`${base}/projects/${project.id}/cycles/?cycle_view=current`))[0]!;

/** Rows in the tables the seed writes to, and the audit trail: what "changes nothing" is checked against. */
const tableCounts = async () => {
  const tables = [
    'projects',
    'project_members',
    'states',
    'labels',
    'cycles',
    'cycle_work_items',
    'modules',
    'module_work_items',
    'work_items',
    'work_item_activities',
    'work_item_comments',
    'work_item_links',
    'work_item_relations',
    'work_item_worklogs',
    'intake_work_items',
    'stickies',
    'agents',
    'agent_tasks',
    'deployments',
    'deploy_hooks',
    'workflows',
    'activity_log',
    'domain_events',
    'users',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = rowsOf<{ n: number }>(
      await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`)),
    );
    counts[table] = row!.n;
  }
  return counts;
};

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.container);
  const response = await signIn(t, 'ava@northwind.example', DEMO_PASSWORD);
  cookie = sessionCookie(response.headers['set-cookie']);
}, 600_000);
afterAll(() => t.close());

describe('the demo agency', () => {
  it('has the client and internal projects, each with items in a current cycle', async () => {
    const list = await projects();
    expect(list.map((p) => p.identifier).sort()).toEqual(demoProjects.map((p) => p.identifier).sort());
    for (const project of list) {
      expect(project.is_time_tracking_enabled).toBe(true);
      const cycle = await currentCycle(project);
      expect(cycle.status).toBe('current');
      const items = await get<Page<Json>>(`${base}/projects/${project.id}/cycles/${cycle.id}/cycle-issues/`);
      expect(items.results.length, project.name).toBeGreaterThanOrEqual(5);
    }
    const [row] = rowsOf<{ n: number }>(
      await t.database.db.execute(sql`select count(*)::int as n from work_items where deleted_at is null`),
    );
    expect(row!.n).toBeGreaterThanOrEqual(200);
  });

  it('shows a real burndown in the current sprint: work done over the past days, none in the future', async () => {
    const website = (await projects()).find((p) => p.identifier === 'BRIGHT')!;
    const cycle = await currentCycle(website);
    const burndown = await get<{ days: Point[] }>(
      `${base}/projects/${website.id}/cycles/${cycle.id}/burndown/`,
    );
    const past = burndown.days.filter((d) => d.pending_items !== null);
    const pending = past.map((d) => d.pending_items!);
    expect(past.length).toBeGreaterThanOrEqual(5);
    expect(burndown.days.some((d) => d.pending_items === null)).toBe(true);
    expect(pending[0]).toBeGreaterThan(pending[pending.length - 1]!);
    expect(new Set(pending).size).toBeGreaterThanOrEqual(3);
  });

  it('has items with a history in the past: created weeks ago, moved through its states by people', async () => {
    const website = (await projects()).find((p) => p.identifier === 'BRIGHT')!;
    const done = (
      await get<Page<Json & { id: string; completed_at: string | null; created_at: string }>>(
        `${base}/projects/${website.id}/work-items/?per_page=100`,
      )
    ).results.filter((i) => i.completed_at);
    expect(done.length).toBeGreaterThan(10);
    const item = done.sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))[0]!;
    expect(Date.parse(item.created_at)).toBeLessThan(Date.now() - 2 * 86_400_000);
    const history = (
      await get<Page<Json>>(`${base}/projects/${website.id}/work-items/${item.id}/activities/`)
    ).results;
    const states = history.filter((a) => a.field === 'state');
    expect(states.map((a) => a.new_value)).toContain('Done');
    for (const row of history) expect(Date.parse(row.created_at as string)).toBeLessThan(Date.now());
    expect(states.every((a) => a.actor !== null)).toBe(true);
  });

  it('sizes the website in story points, some items re-estimated during their sprint', async () => {
    const website = (await projects()).find((p) => p.identifier === 'BRIGHT')!;
    const path = `${base}/projects/${website.id}`;
    const estimate = await get<{ id: string; type: string }>(`${path}/estimates/`);
    expect(estimate.type).toBe('points');
    const scale = await get<Array<{ id: string; value: string }>>(
      `${path}/estimates/${estimate.id}/estimate-points/`,
    );
    expect(scale.map((p) => p.value)).toEqual(['1', '2', '3', '5', '8', '13']);
    const items = (await get<Page<Json>>(`${path}/work-items/?per_page=100`)).results;
    expect(items.filter((i) => i.estimate_point).length).toBeGreaterThan(30);

    const [row] = rowsOf<{ id: string }>(
      await t.database.db.execute(sql`select work_item_id as id from work_item_activities
        where project_id = ${website.id} and field = 'estimate_point' limit 1`),
    );
    const history = (await get<Page<Json>>(`${path}/work-items/${row!.id}/activities/`)).results;
    const resized = history.filter((a) => a.field === 'estimate_point');
    const created = history.find((a) => a.verb === 'created')!;
    expect(resized.length).toBe(1);
    const values = scale.map((p) => p.value);
    expect([resized[0]!.old_value, resized[0]!.new_value].every((v) => values.includes(v as string))).toBe(
      true,
    );
    const at = Date.parse(resized[0]!.created_at as string);
    expect(at).toBeGreaterThan(Date.parse(created.created_at as string));
    expect(at).toBeLessThan(Date.now());
  });

  it('logs a plausible amount of time on the projects', async () => {
    for (const project of await projects()) {
      const totals = await get<Array<{ issue_id: string; duration: number }>>(
        `${base}/projects/${project.id}/total-worklogs/`,
      );
      const hours = totals.reduce((sum, i) => sum + i.duration, 0) / 60;
      expect(hours, project.name).toBeGreaterThan(10);
      expect(hours, project.name).toBeLessThan(2000);
    }
  });

  it('has a deployment history on which the risk agent trains its model', async () => {
    const history = await get<Page<Json & { state: string; environment: string; author: string }>>(
      `${base}/deployments?per_page=1000`,
    );
    expect(history.total_count).toBe(150);
    const failed = history.results.filter((d) => d.state === 'error').length;
    expect(failed).toBeGreaterThan(10);
    expect(failed).toBeLessThan(75);
    expect(new Set(history.results.map((d) => d.environment))).toEqual(new Set(['production', 'preview']));
    for (const d of history.results) expect(Date.parse(d.created_at as string)).toBeLessThan(Date.now());

    const tasks = await get<Page<{ id: string; task_type: string; workspace_id: string }>>(
      `${base}/agent-tasks?per_page=100`,
    );
    const scoring = tasks.results.find((task) => task.task_type === 'score_deployment')!;
    const row = await t.container.agents.service.getTask(scoring.workspace_id, scoring.id);
    // The worker role runs it on a real start; here the test runs the job as a worker would.
    const data = { taskId: row.id, workspaceId: row.workspaceId, jobId: row.jobId! };
    await t.container.agents.runtime.run({ id: row.jobId!, data, signal: new AbortController().signal });
    const done = await get<{ status: string; output_data: Json }>(`${base}/agent-tasks/${scoring.id}`);
    expect(done.status).toBe('completed');
    expect(done.output_data.model).toMatchObject({ kind: 'logistic', trained_on: 120, held_out: 30 });
    expect(done.output_data.risk_score).toEqual(expect.any(Number));
    expect((done.output_data.top_factors as unknown[]).length).toBeGreaterThan(0);
  });

  it('has the deployment pipeline, its coordinator and a standup scheduled for nine on weekdays', async () => {
    const workflows = await get<Page<{ name: string; steps: Array<{ key: string; input?: Json }> }>>(
      `${base}/workflows?per_page=100`,
    );
    const pipeline = workflows.results.find((w) => w.name === 'Deploy the Brightside site')!;
    expect(pipeline.steps.map((s) => s.key).join(' → ')).toBe(
      'pre_checks → go_no_go → deploy → monitor → notify → outcome',
    );
    const website = (await projects()).find((p) => p.identifier === 'BRIGHT')!;
    expect(pipeline.steps.find((s) => s.key === 'notify')!.input).toMatchObject({ project_id: website.id });
    const hooks = await get<{ results: Array<{ name: string; url_host: string }> }>(`${base}/deploy-hooks`);
    expect(hooks.results.map((h) => h.url_host)).toEqual(['https://deploy-hooks.northwind.invalid']);
    const agents = await get<Page<{ agent_type: string; configuration: Json }>>(
      `${base}/agents?per_page=100`,
    );
    expect(agents.results.find((a) => a.agent_type === 'standup')!.configuration).toEqual({
      schedule_time: '09:00',
      schedule_days: 'weekdays',
    });
    expect(agents.results.some((a) => a.agent_type === 'deployment_coordinator')).toBe(true);
  });

  it('seeding again changes nothing', async () => {
    const before = await tableCounts();
    expect(await demoPending(t.container)).toBe(false);
    await seedDemo(t.container);
    expect(await tableCounts()).toEqual(before);
  });

  it('finishes a project that a stopped start left half filled, and only that one', async () => {
    const website = (await projects()).find((p) => p.identifier === 'BRIGHT')!;
    // As if the process had stopped while filling it: still marked, and already with some content.
    await t.database.db.execute(
      sql`update projects set external_id = 'website:seeding' where id = ${website.id}`,
    );
    expect(await demoPending(t.container)).toBe(true);
    await prepareDemo(t.container);
    const summary = await seedDemoAgency(t.container);
    expect(summary.projects).toBe(1);
    expect(await demoPending(t.container)).toBe(false);
    const again = (await projects()).filter((p) => p.identifier === 'BRIGHT');
    expect(again).toHaveLength(1);
    expect(again[0]!.id).not.toBe(website.id);
    expect((await currentCycle(again[0]!)).status).toBe('current');
  });
});
