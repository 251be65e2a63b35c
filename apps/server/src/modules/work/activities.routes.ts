import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permission } from '../../platform/http/access.ts';
import { activityOut, toActivityOut } from './activities.dto.ts';
import { activitySortKeys } from './activities.service.ts';
import { detailQuery, listQuery, projectParams, projectPath, uuidParam } from './dto-common.ts';
import { pageEnvelope } from '../../platform/http/pagination.ts';
import { planeRouteConfig } from './plane/conventions.ts';
import { parseOrdering } from './plane/ordering.ts';
import { fetchWindow, parsePage } from './plane/pagination.ts';
import type { PlaneApiDeps } from './plane-api.ts';
import { projectScopeOf } from './request-context.ts';
import type { ItemsPath } from './work-items.routes.ts';

const tags = ['plane: activity'];
const config = planeRouteConfig(permission('workspace.view'), { project: 'entity' as const });
const itemParams = projectParams.extend({ issue_id: z.uuid() });
const activityParams = itemParams.extend({ activity_id: z.uuid() });

export async function activityRoutes(root: FastifyInstance, deps: PlaneApiDeps & ItemsPath) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { activities, workItems, presenter } = deps;
  const list = `${projectPath}/${deps.itemsPath}/${uuidParam('issue_id')}/activities/`;

  app.get(
    list,
    {
      config,
      schema: {
        tags,
        summary: "The work item's history, field by field, oldest first",
        params: itemParams,
        querystring: listQuery,
        response: { 200: pageEnvelope(activityOut) },
      },
    },
    async (request) => {
      const item = await workItems.requireItem(projectScopeOf(request), request.params.issue_id);
      const page = parsePage(request.query);
      const order = parseOrdering(request.query.order_by, activitySortKeys, 'created_at');
      const { rows, total } = await activities.list(item, order, fetchWindow(page));
      return presenter.page(request, page, rows, total, toActivityOut);
    },
  );

  app.get(
    `${list}${uuidParam('activity_id')}/`,
    {
      config,
      schema: { tags, params: activityParams, querystring: detailQuery, response: { 200: activityOut } },
    },
    async (request) => {
      const item = await workItems.requireItem(projectScopeOf(request), request.params.issue_id);
      return presenter.detail(request, await activities.get(item, request.params.activity_id), toActivityOut);
    },
  );
}
