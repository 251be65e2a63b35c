import { randomBytes, randomUUID } from 'node:crypto';
import type { WorkspaceRole } from '../src/modules/identity/index.ts';
import type { ChangeContext } from '../src/platform/events/actor.ts';
import type { Placeholder, RouteCase, World } from './route-table.ts';
import type { TestApp } from './test-app.ts';

/** The agents module's rows of the route table, and fillers for its `:agent_id` and `:task_id`. */
const unique = () => randomBytes(4).toString('hex');
const contributors: WorkspaceRole[] = ['owner', 'admin', 'member'];
const allRoles: WorkspaceRole[] = ['owner', 'admin', 'member', 'guest'];
const view = { kind: 'permission', permission: 'workspace.view', roles: allRoles } as const;
const spawn = { kind: 'permission', permission: 'agents.spawn', roles: contributors } as const;
const approve = { kind: 'permission', permission: 'agent_tasks.approve', roles: contributors } as const;
const base = '/api/v1/workspaces/:slug';

const smallDiff = [
  'diff --git a/src/a.ts b/src/a.ts',
  '--- a/src/a.ts',
  '+++ b/src/a.ts',
  '@@ -1 +1 @@',
  '-export const a = 1;',
  '+export const a = 2;',
].join('\n');

interface Home {
  t: TestApp;
  workspaceId: string;
  ctx: ChangeContext;
}

const homeOf = (world: World): Home => ({
  t: world.t,
  workspaceId: world.workspace.id,
  ctx: { actor: { type: 'user', id: world.cast.owner.id } },
});
const outsideOf = (world: World): Home => ({
  t: world.t,
  workspaceId: world.cast.outsiderWorkspace.id,
  ctx: { actor: { type: 'user', id: world.cast.outsider.id } },
});

async function newAgent({ t, workspaceId, ctx }: Home, agentType = 'code_review'): Promise<string> {
  const agent = await t.container.agents.service.createAgent(ctx, workspaceId, {
    name: `Agent ${unique()}`,
    agentType,
  });
  return agent.id;
}

/** A security triage that ran (as a worker would run it) and now waits for a person. */
async function waitingTask(home: Home): Promise<string> {
  const { t, workspaceId, ctx } = home;
  const { task } = await t.container.agents.service.createTask(
    ctx,
    workspaceId,
    await newAgent(home, 'security'),
    {
      taskType: 'security_review',
      input: {
        findings: [
          {
            rule: 'eval',
            category: 'security',
            severity: 'high',
            file: 'src/a.ts',
            line: 1,
            message: 'eval',
            evidence: null,
          },
        ],
      },
    },
  );
  const data = { taskId: task.id, workspaceId, jobId: task.jobId! };
  await t.container.agents.runtime.run({ id: task.jobId!, data, signal: new AbortController().signal });
  return task.id;
}

export const agentPlaceholders: Record<string, Placeholder> = {
  agent_id: {
    own: (world) => newAgent(homeOf(world)),
    foreign: (world) => newAgent(outsideOf(world)),
    missing: randomUUID,
  },
  task_id: {
    own: (world) => waitingTask(homeOf(world)),
    foreign: (world) => waitingTask(outsideOf(world)),
    missing: randomUUID,
  },
};

export const agentRoutes: RouteCase[] = [
  { method: 'GET', url: `${base}/agent-kinds`, access: view, ok: 200 },
  {
    method: 'GET',
    url: `${base}/agents`,
    access: view,
    ok: 200,
    query: () => ({ per_page: '10', agent_type: 'code_review' }),
  },
  {
    method: 'POST',
    url: `${base}/agents`,
    access: spawn,
    ok: 201,
    body: () => ({ name: `Reviewer ${unique()}`, agent_type: 'code_review' }),
    optionalBody: () => ({ configuration: { max_changed_lines: 300 }, max_concurrency: 2 }),
    freeText: ['name'],
  },
  { method: 'GET', url: `${base}/agents/:agent_id`, access: view, ok: 200 },
  {
    method: 'PATCH',
    url: `${base}/agents/:agent_id`,
    access: spawn,
    ok: 200,
    body: () => ({ name: `Renamed ${unique()}` }),
    atLeastOne: true,
    optionalBody: () => ({ configuration: { max_files: 10 }, max_concurrency: 3, status: 'disabled' }),
    freeText: ['name'],
  },
  { method: 'DELETE', url: `${base}/agents/:agent_id`, access: spawn, ok: 204 },
  {
    method: 'GET',
    url: `${base}/agents/:agent_id/tasks`,
    access: view,
    ok: 200,
    query: () => ({ per_page: '10', status: 'pending' }),
  },
  {
    method: 'GET',
    url: `${base}/agent-tasks`,
    access: view,
    ok: 200,
    query: () => ({ per_page: '10', status: 'completed,failed', cursor: '10:0:0' }),
  },
  {
    method: 'POST',
    url: `${base}/agent-tasks`,
    access: spawn,
    ok: 201,
    body: async ({ world }) => ({
      agent_id: await newAgent(homeOf(world)),
      task_type: 'review_diff',
      input: { diff: smallDiff },
    }),
    // requires_human_approval is left out: the wrong-type checks cannot tell one boolean from another.
    optionalBody: () => ({
      description: 'Review before the release',
      priority: 7,
      max_attempts: 2,
      timeout_seconds: 60,
      retry_backoff_seconds: 5,
      idempotency_key: `release-${unique()}`,
    }),
    freeText: ['description', 'idempotency_key'],
  },
  { method: 'GET', url: `${base}/agent-tasks/:task_id`, access: view, ok: 200 },
  { method: 'POST', url: `${base}/agent-tasks/:task_id/approve`, access: approve, ok: 200 },
  {
    method: 'POST',
    url: `${base}/agent-tasks/:task_id/reject`,
    access: approve,
    ok: 200,
    body: () => ({ reason: 'Check the second finding again' }),
    freeText: ['reason'],
  },
  { method: 'POST', url: `${base}/agent-tasks/:task_id/cancel`, access: spawn, ok: 200 },
  {
    method: 'GET',
    url: `${base}/agent-messages`,
    access: view,
    ok: 200,
    query: () => ({ per_page: '10', message_type: 'request', correlation_id: randomUUID() }),
  },
];
