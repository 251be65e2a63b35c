import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permission } from '../../platform/http/access.ts';
import { changeContext } from '../identity/index.ts';
import { projectParams, projectPath, uuidParam } from './dto-common.ts';
import { planeRouteConfig } from './plane/conventions.ts';
import type { PlaneApiDeps } from './plane-api.ts';
import { projectScopeOf } from './request-context.ts';
import type { ItemsPath } from './work-items.routes.ts';
import {
  createWorklogBody,
  itemTotalOut,
  toItemTotalOut,
  toWorklogOut,
  totalWorklogsQuery,
  updateWorklogBody,
  worklogOut,
} from './worklogs.dto.ts';

// Served on Plane's commercial paths so its SDK and MCP tools log time unchanged (docs/decisions/0014).
const tags = ['plane: work logs'];
const config = planeRouteConfig(permission('workspace.view'), { project: 'entity' as const });
const itemParams = projectParams.extend({ issue_id: z.uuid() });
const worklogParams = itemParams.extend({ worklog_id: z.uuid() });

/** A work item's logs, under the `issues/` and the `work-items/` prefix alike. */
export async function worklogRoutes(root: FastifyInstance, deps: PlaneApiDeps & ItemsPath) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { worklogs, presenter } = deps;
  const list = `${projectPath}/${deps.itemsPath}/${uuidParam('issue_id')}/worklogs/`;
  const detail = `${list}${uuidParam('worklog_id')}/`;

  app.get(
    list,
    {
      config,
      schema: {
        tags,
        summary: "The work item's logged time, newest first (a bare list, as Plane's commercial API answers)",
        params: itemParams,
        response: { 200: z.array(worklogOut) },
      },
    },
    async (request) => {
      const rows = await worklogs.list(projectScopeOf(request), request.params.issue_id);
      return rows.map((w) => presenter.plain(request, w, toWorklogOut));
    },
  );

  app.post(
    list,
    {
      config,
      schema: {
        tags,
        summary: 'Log time on the work item as yourself: `duration` in minutes and a `description`',
        params: itemParams,
        body: createWorklogBody,
        response: { 201: worklogOut },
      },
    },
    async (request, reply) => {
      const worklog = await worklogs.create(
        changeContext(request),
        projectScopeOf(request),
        request.params.issue_id,
        request.body,
      );
      return reply.status(201).send(presenter.plain(request, worklog, toWorklogOut));
    },
  );

  app.patch(
    detail,
    {
      config,
      schema: {
        tags,
        summary: 'Change a log (the person who logged it, or a project admin)',
        params: worklogParams,
        body: updateWorklogBody,
        response: { 200: worklogOut },
      },
    },
    async (request) => {
      const worklog = await worklogs.update(
        changeContext(request),
        projectScopeOf(request),
        request.params.issue_id,
        request.params.worklog_id,
        request.body,
      );
      return presenter.plain(request, worklog, toWorklogOut);
    },
  );

  app.delete(
    detail,
    {
      config,
      schema: {
        tags,
        summary: 'Remove a log (the person who logged it, or a project admin)',
        params: worklogParams,
      },
    },
    async (request, reply) => {
      await worklogs.delete(
        changeContext(request),
        projectScopeOf(request),
        request.params.issue_id,
        request.params.worklog_id,
      );
      return reply.status(204).send();
    },
  );
}

/** Minutes per work item of the project (Plane's `total-worklogs/`); `cycle_id` narrows it to one cycle. */
export async function totalWorklogRoutes(root: FastifyInstance, deps: PlaneApiDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    `${projectPath}/total-worklogs/`,
    {
      config,
      schema: {
        tags,
        summary: 'Minutes logged per work item of the project; `cycle_id` keeps the items of one cycle',
        params: projectParams,
        querystring: totalWorklogsQuery,
        response: { 200: z.array(itemTotalOut) },
      },
    },
    async (request) => {
      const { items } = await deps.worklogs.totals(projectScopeOf(request), {
        cycleId: request.query.cycle_id,
      });
      return items.map(toItemTotalOut);
    },
  );
}
