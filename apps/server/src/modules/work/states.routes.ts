import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permission } from '../../platform/http/access.ts';
import { changeContext } from '../identity/index.ts';
import { detailQuery, listQuery, projectParams, projectPath, uuidParam } from './dto-common.ts';
import { pageEnvelope } from '../../platform/http/pagination.ts';
import { planeRouteConfig } from './plane/conventions.ts';
import { fetchWindow, parsePage } from './plane/pagination.ts';
import type { PlaneApiDeps } from './plane-api.ts';
import { projectScopeOf } from './request-context.ts';
import { createStateBody, stateOut, toStateOut, updateStateBody } from './states.dto.ts';

const tags = ['plane: states'];
const config = planeRouteConfig(permission('workspace.view'), { project: 'entity' as const });
const stateParams = projectParams.extend({ state_id: z.uuid() });
const list = `${projectPath}/states/`;
const detail = `${projectPath}/states/${uuidParam('state_id')}/`;

export async function stateRoutes(root: FastifyInstance, deps: PlaneApiDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { states, presenter } = deps;

  app.get(
    list,
    {
      config,
      schema: {
        tags,
        summary: 'States of the project, in sequence order',
        params: projectParams,
        querystring: listQuery,
        response: { 200: pageEnvelope(stateOut) },
      },
    },
    async (request) => {
      const page = parsePage(request.query);
      const { rows, total } = await states.list(projectScopeOf(request), fetchWindow(page));
      return presenter.page(request, page, rows, total, toStateOut);
    },
  );

  // Plane answers 200, not 201, to a state create.
  app.post(
    list,
    {
      config,
      schema: { tags, params: projectParams, body: createStateBody, response: { 200: stateOut } },
    },
    async (request) => {
      const state = await states.create(changeContext(request), projectScopeOf(request), request.body);
      return presenter.plain(request, state, toStateOut);
    },
  );

  app.get(
    detail,
    { config, schema: { tags, params: stateParams, querystring: detailQuery, response: { 200: stateOut } } },
    async (request) => {
      const state = await states.get(projectScopeOf(request), request.params.state_id);
      return presenter.detail(request, state, toStateOut);
    },
  );

  app.patch(
    detail,
    { config, schema: { tags, params: stateParams, body: updateStateBody, response: { 200: stateOut } } },
    async (request) => {
      const scope = projectScopeOf(request);
      const state = await states.update(changeContext(request), scope, request.params.state_id, request.body);
      return presenter.plain(request, state, toStateOut);
    },
  );

  app.delete(
    detail,
    { config, schema: { tags, summary: 'Delete an unused, non-default state', params: stateParams } },
    async (request, reply) => {
      await states.delete(changeContext(request), projectScopeOf(request), request.params.state_id);
      return reply.status(204).send();
    },
  );
}
