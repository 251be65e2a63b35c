import { randomBytes, randomUUID } from 'node:crypto';
import type { WorkspaceRole } from '../src/modules/identity/index.ts';
import type { ChangeContext } from '../src/platform/events/actor.ts';
import { newDeployHook } from './route-table.integrations.ts';
import type { Placeholder, RouteCase, World } from './route-table.ts';
import type { TestApp } from './test-app.ts';

/** The workflow rows of the route table, and fillers for `:workflow_id`, `:execution_id` and `:step_key`. */
const unique = () => randomBytes(4).toString('hex');
const contributors: WorkspaceRole[] = ['owner', 'admin', 'member'];
const allRoles: WorkspaceRole[] = ['owner', 'admin', 'member', 'guest'];
const view = { kind: 'permission', permission: 'workspace.view', roles: allRoles } as const;
const spawn = { kind: 'permission', permission: 'agents.spawn', roles: contributors } as const;
const approve = { kind: 'permission', permission: 'agent_tasks.approve', roles: contributors } as const;
const base = '/api/v1/workspaces/:slug';
/** Every placeholder execution waits at this approval step. */
const GATE = 'sign_off';
const steps = [
  { key: 'prepare', type: 'action', action: 'set_output', input: { output: { ready: true } } },
  { key: GATE, type: 'approval', message: 'Go ahead?' },
  { key: 'nap', type: 'sleep', seconds: 60 },
];

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

async function newWorkflow({ t, workspaceId, ctx }: Home): Promise<string> {
  const workflow = await t.container.agents.workflows.service.createWorkflow(ctx, workspaceId, {
    name: `Flow ${unique()}`,
    steps,
  });
  return workflow.id;
}

/** An execution advanced (as a worker would) to its approval step, where it waits for a person. */
async function waitingExecution(home: Home): Promise<string> {
  const { t, workspaceId, ctx } = home;
  const { workflows } = t.container.agents;
  const { execution } = await workflows.service.run(ctx, workspaceId, await newWorkflow(home), {});
  while (await workflows.engine.advance(execution.id)) {
    /* one checkpoint at a time, until it waits */
  }
  return execution.id;
}

export const workflowPlaceholders: Record<string, Placeholder> = {
  workflow_id: {
    own: (world) => newWorkflow(homeOf(world)),
    foreign: (world) => newWorkflow(outsideOf(world)),
    missing: randomUUID,
  },
  execution_id: {
    own: (world) => waitingExecution(homeOf(world)),
    foreign: (world) => waitingExecution(outsideOf(world)),
    missing: randomUUID,
  },
  step_key: { own: () => GATE, missing: () => `no_such_step_${unique()}` },
};

const definition = () => ({
  name: `Release ${unique()}`,
  steps: [{ key: 'gate', type: 'approval' }],
});

/** The pipeline template needs a deployment coordinator and a deploy hook in the caller's workspace. */
async function pipelineBody(world: World): Promise<Record<string, unknown>> {
  const { t, workspaceId, ctx } = homeOf(world);
  const { service } = t.container.agents;
  const agentType = 'deployment_coordinator';
  const found = await service.listAgents(workspaceId, { agentType }, { offset: 0, limit: 1 });
  if (found.total === 0) {
    await service.createAgent(ctx, workspaceId, { name: 'Coordinator', agentType });
  }
  return { deploy_hook_id: await newDeployHook(world, workspaceId, world.cast.owner.id) };
}

export const workflowRoutes: RouteCase[] = [
  {
    method: 'POST',
    url: `${base}/workflows/templates/deployment-pipeline`,
    access: spawn,
    ok: 201,
    body: ({ world }) => pipelineBody(world),
    optionalBody: () => ({
      name: 'Ship the shop',
      monitor_timeout_seconds: 900,
      deploy_attempts: 2,
      deploy_backoff_seconds: 5,
    }),
    freeText: ['name'],
  },
  { method: 'GET', url: `${base}/workflows`, access: view, ok: 200, query: () => ({ per_page: '10' }) },
  {
    method: 'POST',
    url: `${base}/workflows`,
    access: spawn,
    ok: 201,
    body: definition,
    optionalBody: () => ({ description: 'Checks, approval, publish' }),
    freeText: ['name', 'description'],
  },
  { method: 'GET', url: `${base}/workflows/:workflow_id`, access: view, ok: 200 },
  {
    method: 'PATCH',
    url: `${base}/workflows/:workflow_id`,
    access: spawn,
    ok: 200,
    body: () => ({ name: `Renamed ${unique()}` }),
    atLeastOne: true,
    optionalBody: () => ({
      description: 'Now with a sleep',
      steps: [{ key: 'nap', type: 'sleep', seconds: 5 }],
    }),
    freeText: ['name', 'description'],
  },
  { method: 'DELETE', url: `${base}/workflows/:workflow_id`, access: spawn, ok: 204 },
  // Running, cancelling and approving take an optional body (none at all is fine), like the agent-task routes.
  { method: 'POST', url: `${base}/workflows/:workflow_id/run`, access: spawn, ok: 201 },
  {
    method: 'GET',
    url: `${base}/workflow-executions`,
    access: view,
    ok: 200,
    query: () => ({ per_page: '10', status: 'waiting,completed', cursor: '10:0:0' }),
  },
  { method: 'GET', url: `${base}/workflow-executions/:execution_id`, access: view, ok: 200 },
  { method: 'POST', url: `${base}/workflow-executions/:execution_id/cancel`, access: spawn, ok: 200 },
  {
    method: 'POST',
    url: `${base}/workflow-executions/:execution_id/steps/:step_key/approve`,
    access: approve,
    ok: 200,
  },
  {
    method: 'POST',
    url: `${base}/workflow-executions/:execution_id/steps/:step_key/reject`,
    access: approve,
    ok: 200,
    body: () => ({ reason: 'The changelog is missing' }),
    freeText: ['reason'],
  },
];
