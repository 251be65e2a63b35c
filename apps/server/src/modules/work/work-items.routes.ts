import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.ts';
import { permission } from '../../platform/http/access.ts';
import { changeContext } from '../identity/index.ts';
import {
  detailQuery,
  projectParams,
  projectPath,
  uuidParam,
  workspaceParams,
  workspacePath,
} from './dto-common.ts';
import { pageEnvelope } from '../../platform/http/pagination.ts';
import { planeRouteConfig } from './plane/conventions.ts';
import { parseOrdering } from './plane/ordering.ts';
import { fetchWindow, parsePage } from './plane/pagination.ts';
import type { PlaneApiDeps } from './plane-api.ts';
import { projectScopeOf } from './request-context.ts';
import { parseWorkItemFilters, workItemFilterQuery } from './work-item-filters.ts';
import {
  createWorkItemBody,
  toWorkItemOut,
  updateWorkItemBody,
  workItemListQuery,
  workItemOut,
} from './work-items.dto.ts';
import { workItemSortKeys } from './work-items.service.ts';

export interface ItemsPath {
  /** Plane serves work items under the old `issues` and the new `work-items` path alike. */
  itemsPath: 'issues' | 'work-items';
}

const tags = ['plane: work items'];
const config = planeRouteConfig(permission('workspace.view'), { project: 'entity' as const });
const itemParams = projectParams.extend({ issue_id: z.uuid() });
const identifierParams = workspaceParams.extend({ identifier: z.string() });

export async function workItemRoutes(root: FastifyInstance, deps: PlaneApiDeps & ItemsPath) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { workItems, presenter } = deps;
  const list = `${projectPath}/${deps.itemsPath}/`;
  const detail = `${projectPath}/${deps.itemsPath}/${uuidParam('issue_id')}/`;

  app.get(
    list,
    {
      config,
      schema: {
        tags,
        summary: 'Work items of the project; with external_id and external_source, the one matching item',
        params: projectParams,
        querystring: workItemListQuery.extend(workItemFilterQuery),
        response: { 200: pageEnvelope(workItemOut).or(workItemOut) },
      },
    },
    async (request) => {
      const scope = projectScopeOf(request);
      const { external_id: externalId, external_source: source } = request.query;
      if (externalId && source) {
        return presenter.detail(
          request,
          await workItems.getByExternal(scope, source, externalId),
          toWorkItemOut,
        );
      }
      const page = parsePage(request.query);
      const order = parseOrdering(request.query.order_by, workItemSortKeys, '-created_at');
      const filters = parseWorkItemFilters(request.query);
      const { rows, total } = await workItems.list(scope, order, fetchWindow(page), filters);
      return presenter.page(request, page, rows, total, toWorkItemOut);
    },
  );

  app.post(
    list,
    {
      config,
      schema: { tags, params: projectParams, body: createWorkItemBody, response: { 201: workItemOut } },
    },
    async (request, reply) => {
      const item = await workItems.create(changeContext(request), projectScopeOf(request), request.body);
      return reply.status(201).send(presenter.plain(request, item, toWorkItemOut));
    },
  );

  app.get(
    detail,
    {
      config,
      schema: { tags, params: itemParams, querystring: detailQuery, response: { 200: workItemOut } },
    },
    async (request) => {
      const item = await workItems.get(projectScopeOf(request), request.params.issue_id);
      return presenter.detail(request, item, toWorkItemOut);
    },
  );

  app.patch(
    detail,
    {
      config,
      schema: { tags, params: itemParams, body: updateWorkItemBody, response: { 200: workItemOut } },
    },
    async (request) => {
      const scope = projectScopeOf(request);
      const item = await workItems.update(
        changeContext(request),
        scope,
        request.params.issue_id,
        request.body,
      );
      return presenter.plain(request, item, toWorkItemOut);
    },
  );

  app.delete(
    detail,
    {
      config,
      schema: { tags, summary: 'Delete a work item (its creator or a project admin)', params: itemParams },
    },
    async (request, reply) => {
      await workItems.delete(changeContext(request), projectScopeOf(request), request.params.issue_id);
      return reply.status(204).send();
    },
  );

  // `WEB-12`: the project identifier, a hyphen, the number. The access hook resolves the project from it.
  app.get(
    `${workspacePath}/${deps.itemsPath}/:identifier([^/]+-[^/]+)/`,
    {
      config,
      schema: {
        tags,
        summary: 'A work item by its readable key, e.g. WEB-12',
        params: identifierParams,
        querystring: detailQuery,
        response: { 200: workItemOut },
      },
    },
    async (request) => {
      const number = request.params.identifier.slice(request.params.identifier.indexOf('-') + 1);
      if (!/^\d+$/.test(number)) throw new AppError('NOT_FOUND');
      const item = await workItems.getBySequence(projectScopeOf(request), Number(number));
      return presenter.detail(request, item, toWorkItemOut);
    },
  );
}
