import type { FastifyContextConfig, FastifyRequest, FastifySchema } from 'fastify';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { permission } from '../../platform/http/access.ts';
import { pageRequest, toPage, type Page } from '../../platform/http/pagination.ts';
import { changeContext, workspaceAccessOf } from '../identity/index.ts';

/** The shape every agents and workflows route shares: workspace-scoped, one of three accesses, tagged. */
export const workspaceBase = '/api/v1/workspaces/:slug';

export const access = {
  view: { access: permission('workspace.view') },
  spawn: { access: permission('agents.spawn') },
  approve: { access: permission('agent_tasks.approve') },
} satisfies Record<string, FastifyContextConfig>;

/** Route options: the access and the OpenAPI schema under the group's tags. */
export function routeOptions(tags: string[]) {
  return <S extends FastifySchema>(config: FastifyContextConfig, schema: S) => ({
    config,
    schema: { tags, ...schema },
  });
}

export function workspaceIdOf(request: FastifyRequest): string {
  return workspaceAccessOf(request).workspace.id;
}

/** Who changes and where: the first two arguments of every write of the agents' services. */
export function writeScope(request: FastifyRequest): [ChangeContext, string] {
  return [changeContext(request), workspaceIdOf(request)];
}

/** One page of a list: `fetch` reads the window the cursor asks for, `map` shapes each row. */
export async function listPage<R, O>(
  query: { per_page: number; cursor?: string },
  fetch: (window: { offset: number; limit: number }) => Promise<{ rows: R[]; total: number }>,
  map: (row: R) => O,
): Promise<Page<O>> {
  const page = pageRequest(query);
  const { rows, total } = await fetch({ offset: page.offset, limit: page.perPage });
  return toPage(page, rows.map(map), total);
}
