import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permission } from '../../platform/http/access.ts';
import { changeContext } from '../identity/index.ts';
import { listQuery, projectParams, projectPath, uuidParam } from './dto-common.ts';
import { pageEnvelope } from '../../platform/http/pagination.ts';
import { createLabelBody, labelOut, toLabelOut, updateLabelBody } from './labels.dto.ts';
import { planeRouteConfig } from './plane/conventions.ts';
import { fetchWindow, parsePage } from './plane/pagination.ts';
import type { PlaneApiDeps } from './plane-api.ts';
import { projectScopeOf } from './request-context.ts';

const tags = ['plane: labels'];
const rule = { project: 'labels' as const };
const read = planeRouteConfig(permission('workspace.view'), rule);
const create = planeRouteConfig(permission('workspace.contribute'), rule);
const labelParams = projectParams.extend({ label_id: z.uuid() });
const list = `${projectPath}/labels/`;
const detail = `${projectPath}/labels/${uuidParam('label_id')}/`;

export async function labelRoutes(root: FastifyInstance, deps: PlaneApiDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { labels, presenter } = deps;

  app.get(
    list,
    {
      config: read,
      schema: {
        tags,
        summary: 'Labels of the project, newest first',
        params: projectParams,
        querystring: listQuery,
        response: { 200: pageEnvelope(labelOut) },
      },
    },
    async (request) => {
      const page = parsePage(request.query);
      const { rows, total } = await labels.list(projectScopeOf(request), fetchWindow(page));
      return presenter.page(request, page, rows, total, toLabelOut);
    },
  );

  app.post(
    list,
    {
      config: create,
      schema: { tags, params: projectParams, body: createLabelBody, response: { 201: labelOut } },
    },
    async (request, reply) => {
      const label = await labels.create(changeContext(request), projectScopeOf(request), request.body);
      return reply.status(201).send(presenter.plain(request, label, toLabelOut));
    },
  );

  // Label detail ignores `fields` and `expand` in Plane.
  app.get(
    detail,
    { config: read, schema: { tags, params: labelParams, response: { 200: labelOut } } },
    async (request) =>
      presenter.plain(
        request,
        await labels.get(projectScopeOf(request), request.params.label_id),
        toLabelOut,
      ),
  );

  app.patch(
    detail,
    {
      config: read,
      schema: { tags, params: labelParams, body: updateLabelBody, response: { 200: labelOut } },
    },
    async (request) => {
      const scope = projectScopeOf(request);
      const label = await labels.update(changeContext(request), scope, request.params.label_id, request.body);
      return presenter.plain(request, label, toLabelOut);
    },
  );

  app.delete(detail, { config: read, schema: { tags, params: labelParams } }, async (request, reply) => {
    await labels.delete(changeContext(request), projectScopeOf(request), request.params.label_id);
    return reply.status(204).send();
  });
}
