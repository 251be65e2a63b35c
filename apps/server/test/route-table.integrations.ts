import { randomBytes, randomUUID } from 'node:crypto';
import type { WorkspaceRole } from '../src/modules/identity/index.ts';
import type { Placeholder, RouteCase, World } from './route-table.ts';

/** The integrations module's rows of the route table, and the filler for its `:deployment_id`. */
const unique = () => randomBytes(4).toString('hex');
const contributors: WorkspaceRole[] = ['owner', 'admin', 'member'];
const allRoles: WorkspaceRole[] = ['owner', 'admin', 'member', 'guest'];
const view = { kind: 'permission', permission: 'workspace.view', roles: allRoles } as const;
const contribute = { kind: 'permission', permission: 'workspace.contribute', roles: contributors } as const;
const managers: WorkspaceRole[] = ['owner', 'admin'];
const manage = { kind: 'permission', permission: 'workspace.settings', roles: managers } as const;
const base = '/api/v1/workspaces/:slug/deployments';
const hooks = '/api/v1/workspaces/:slug/deploy-hooks';

async function newDeployment(world: World, workspaceId: string, userId: string): Promise<string> {
  const { deployment } = await world.t.container.integrations.deployments.record(
    { actor: { type: 'user', id: userId } },
    workspaceId,
    {
      provider: 'ci',
      externalId: `build-${unique()}`,
      projectName: 'shop',
      state: 'building',
      environment: 'production',
    },
  );
  return deployment.id;
}

/** A deploy hook of the workspace (its URL is never called here). */
export async function newDeployHook(world: World, workspaceId: string, userId: string): Promise<string> {
  const hook = await world.t.container.integrations.deployHooks.create(
    { actor: { type: 'user', id: userId } },
    workspaceId,
    {
      name: `Hook ${unique()}`,
      provider: 'vercel',
      projectName: 'shop',
      url: `https://api.vercel.example/v1/integrations/deploy/prj_${unique()}`,
    },
  );
  return hook.id;
}

export const integrationPlaceholders: Record<string, Placeholder> = {
  hook_id: {
    own: (world) => newDeployHook(world, world.workspace.id, world.cast.owner.id),
    foreign: (world) => newDeployHook(world, world.cast.outsiderWorkspace.id, world.cast.outsider.id),
    missing: randomUUID,
  },
  deployment_id: {
    own: (world) => newDeployment(world, world.workspace.id, world.cast.owner.id),
    foreign: (world) => newDeployment(world, world.cast.outsiderWorkspace.id, world.cast.outsider.id),
    missing: randomUUID,
  },
};

export const integrationRoutes: RouteCase[] = [
  {
    method: 'GET',
    url: base,
    access: view,
    ok: 200,
    query: () => ({ per_page: '10', environment: 'production', state: 'ready,error' }),
  },
  {
    method: 'POST',
    url: base,
    access: contribute,
    ok: 201,
    body: () => ({
      provider: 'ci',
      external_id: `build-${unique()}`,
      project_name: 'shop',
      state: 'building',
      environment: 'production',
    }),
    // metadata is left out: it takes any JSON object, so the wrong-type checks' `{ nested: true }` is valid.
    optionalBody: () => ({
      url: 'https://shop-abc.example.com',
      commit_sha: 'a1b2c3d',
      branch: 'main',
      author: 'kim',
      files_changed: 3,
      additions: 40,
      deletions: 2,
      created_at: '2026-01-05T10:00:00Z',
      finished_at: '2026-01-05T10:05:00Z',
    }),
    freeText: ['external_id', 'project_name', 'commit_sha', 'branch', 'author'],
  },
  { method: 'GET', url: `${base}/:deployment_id`, access: view, ok: 200 },
  {
    method: 'PATCH',
    url: `${base}/:deployment_id`,
    access: contribute,
    ok: 200,
    body: () => ({ state: 'ready' }),
    atLeastOne: true,
    optionalBody: () => ({ url: 'https://shop-def.example.com', finished_at: '2099-01-01T00:00:00Z' }),
  },
  { method: 'GET', url: hooks, access: view, ok: 200 },
  {
    method: 'POST',
    url: hooks,
    access: manage,
    ok: 201,
    body: () => ({
      name: `Hook ${unique()}`,
      provider: 'netlify',
      project_name: 'shop',
      url: `https://api.netlify.example/build_hooks/${unique()}`,
    }),
    freeText: ['name', 'project_name'],
  },
  { method: 'DELETE', url: `${hooks}/:hook_id`, access: manage, ok: 204 },
];
