import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permission } from '../../platform/http/access.ts';
import { pageEnvelope } from '../../platform/http/pagination.ts';
import { changeContext } from '../identity/index.ts';
import { detailQuery, listQuery, projectParams, projectPath, uuidParam } from './dto-common.ts';
import { planeRouteConfig } from './plane/conventions.ts';
import { fetchWindow, parsePage } from './plane/pagination.ts';
import type { PlaneApiDeps } from './plane-api.ts';
import { projectScopeOf } from './request-context.ts';
import { createViewBody, toViewOut, updateViewBody, viewOut } from './views.dto.ts';
import { toWorkItemOut, workItemOut } from './work-items.dto.ts';

const tags = ['views'];
// Project members read (guests too); admins and members save views; its owner or a project admin edits one.
const config = planeRouteConfig(permission('workspace.view'), { project: 'entity' as const });
const viewParams = projectParams.extend({ view_id: z.uuid() });

/** Saved views of a project's work items: ours, beside Plane's API (CE's v1 has no views). */
export async function viewRoutes(root: FastifyInstance, deps: PlaneApiDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { views, workItems, presenter } = deps;
  const list = `${projectPath}/views/`;
  const detail = `${list}${uuidParam('view_id')}/`;

  app.get(
    list,
    {
      config,
      schema: {
        tags,
        summary: 'Saved views of the project, newest first',
        params: projectParams,
        querystring: listQuery,
        response: { 200: pageEnvelope(viewOut) },
      },
    },
    async (request) => {
      const page = parsePage(request.query);
      const { rows, total } = await views.list(projectScopeOf(request), fetchWindow(page));
      return presenter.page(request, page, rows, total, toViewOut);
    },
  );

  app.post(
    list,
    {
      config,
      schema: {
        tags,
        summary: 'Save a view: name, filters (as the work-item list takes them), order_by, display',
        params: projectParams,
        body: createViewBody,
        response: { 201: viewOut },
      },
    },
    async (request, reply) => {
      const view = await views.create(changeContext(request), projectScopeOf(request), request.body);
      return reply.status(201).send(presenter.plain(request, view, toViewOut));
    },
  );

  app.get(
    detail,
    { config, schema: { tags, params: viewParams, querystring: detailQuery, response: { 200: viewOut } } },
    async (request) =>
      presenter.detail(request, await views.get(projectScopeOf(request), request.params.view_id), toViewOut),
  );

  app.patch(
    detail,
    {
      config,
      schema: {
        tags,
        summary: 'Change a view (its owner or a project admin)',
        params: viewParams,
        body: updateViewBody,
        response: { 200: viewOut },
      },
    },
    async (request) => {
      const scope = projectScopeOf(request);
      const view = await views.update(changeContext(request), scope, request.params.view_id, request.body);
      return presenter.plain(request, view, toViewOut);
    },
  );

  app.delete(
    detail,
    { config, schema: { tags, summary: 'Delete a view (its owner or a project admin)', params: viewParams } },
    async (request, reply) => {
      await views.delete(changeContext(request), projectScopeOf(request), request.params.view_id);
      return reply.status(204).send();
    },
  );

  app.get(
    `${detail}work-items/`,
    {
      config,
      schema: {
        tags,
        summary: 'The work items the view shows, in its order (order_by in the query overrides it)',
        params: viewParams,
        querystring: listQuery,
        response: { 200: pageEnvelope(workItemOut) },
      },
    },
    async (request) => {
      const scope = projectScopeOf(request);
      const page = parsePage(request.query);
      const { filters, order } = await views.query(scope, request.params.view_id, request.query.order_by);
      const { rows, total } = await workItems.list(scope, order, fetchWindow(page), filters);
      return presenter.page(request, page, rows, total, toWorkItemOut);
    },
  );
}
