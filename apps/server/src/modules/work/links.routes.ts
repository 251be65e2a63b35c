import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permission } from '../../platform/http/access.ts';
import { changeContext } from '../identity/index.ts';
import { detailQuery, listQuery, projectParams, projectPath, uuidParam } from './dto-common.ts';
import { pageEnvelope } from '../../platform/http/pagination.ts';
import { createLinkBody, linkOut, toLinkOut, updateLinkBody } from './links.dto.ts';
import { planeRouteConfig } from './plane/conventions.ts';
import { fetchWindow, parsePage } from './plane/pagination.ts';
import type { PlaneApiDeps } from './plane-api.ts';
import { projectScopeOf } from './request-context.ts';
import type { ItemsPath } from './work-items.routes.ts';

const tags = ['plane: links'];
const config = planeRouteConfig(permission('workspace.view'), { project: 'entity' as const });
const itemParams = projectParams.extend({ issue_id: z.uuid() });
const linkParams = itemParams.extend({ link_id: z.uuid() });

export async function linkRoutes(root: FastifyInstance, deps: PlaneApiDeps & ItemsPath) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { links, workItems, presenter } = deps;
  const list = `${projectPath}/${deps.itemsPath}/${uuidParam('issue_id')}/links/`;
  const detail = `${list}${uuidParam('link_id')}/`;

  app.get(
    list,
    {
      config,
      schema: { tags, params: itemParams, querystring: listQuery, response: { 200: pageEnvelope(linkOut) } },
    },
    async (request) => {
      const item = await workItems.requireItem(projectScopeOf(request), request.params.issue_id);
      const page = parsePage(request.query);
      const { rows, total } = await links.list(item, fetchWindow(page));
      return presenter.page(request, page, rows, total, toLinkOut);
    },
  );

  app.post(
    list,
    { config, schema: { tags, params: itemParams, body: createLinkBody, response: { 201: linkOut } } },
    async (request, reply) => {
      const scope = projectScopeOf(request);
      const item = await workItems.requireItem(scope, request.params.issue_id);
      const link = await links.create(changeContext(request), scope, item, request.body);
      return reply.status(201).send(presenter.plain(request, link, toLinkOut));
    },
  );

  app.get(
    detail,
    { config, schema: { tags, params: linkParams, querystring: detailQuery, response: { 200: linkOut } } },
    async (request) => {
      const item = await workItems.requireItem(projectScopeOf(request), request.params.issue_id);
      return presenter.detail(request, await links.get(item, request.params.link_id), toLinkOut);
    },
  );

  app.patch(
    detail,
    { config, schema: { tags, params: linkParams, body: updateLinkBody, response: { 200: linkOut } } },
    async (request) => {
      const scope = projectScopeOf(request);
      const item = await workItems.requireItem(scope, request.params.issue_id);
      const link = await links.update(
        changeContext(request),
        scope,
        item,
        request.params.link_id,
        request.body,
      );
      return presenter.plain(request, link, toLinkOut);
    },
  );

  app.delete(detail, { config, schema: { tags, params: linkParams } }, async (request, reply) => {
    const scope = projectScopeOf(request);
    const item = await workItems.requireItem(scope, request.params.issue_id);
    await links.delete(changeContext(request), scope, item, request.params.link_id);
    return reply.status(204).send();
  });
}
