import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permission } from '../../platform/http/access.ts';
import type { ErrorFormatter } from '../../platform/http/error-handler.ts';
import { pageEnvelope } from '../../platform/http/pagination.ts';
import { changeContext } from '../identity/index.ts';
import { uuidParam, workspaceParams, workspacePath } from './dto-common.ts';
import { planeRouteConfig } from './plane/conventions.ts';
import { planeErrorBody } from './plane/errors.ts';
import { fetchWindow, parsePage } from './plane/pagination.ts';
import type { PlaneApiDeps } from './plane-api.ts';
import { workspaceScopeOf } from './request-context.ts';
import { stickyBody, stickyListQuery, stickyOut, toStickyOut } from './stickies.dto.ts';
import { WorkErrors } from './work.errors.ts';

// Stickies are served by a DRF viewset, whose missing object is `{"detail": "No Sticky matches the given query."}`.
const errorFormat: ErrorFormatter = (status, body, request) =>
  body.error.code === WorkErrors.STICKY_NOT_FOUND
    ? { detail: body.error.message }
    : planeErrorBody(status, body, request);

const tags = ['plane: stickies'];
// Any active member of the workspace, guests included; each sees and changes only their own stickies.
const config = planeRouteConfig(permission('workspace.view'), { errorFormat });
const stickyParams = workspaceParams.extend({ sticky_id: z.uuid() });
const list = `${workspacePath}/stickies/`;
const detail = `${list}${uuidParam('sticky_id')}/`;
const STICKIES_PER_PAGE = 20;

export async function stickyRoutes(root: FastifyInstance, deps: PlaneApiDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { stickies, presenter } = deps;

  app.get(
    list,
    {
      config,
      schema: {
        tags,
        summary: 'Your stickies in the workspace, newest first (20 a page); `query` searches their text',
        params: workspaceParams,
        querystring: stickyListQuery,
        response: { 200: pageEnvelope(stickyOut) },
      },
    },
    async (request) => {
      const page = parsePage(request.query, STICKIES_PER_PAGE);
      const query = request.query.query?.trim() || undefined;
      const { rows, total } = await stickies.list(workspaceScopeOf(request), query, fetchWindow(page));
      return presenter.page(request, page, rows, total, toStickyOut);
    },
  );

  app.post(
    list,
    { config, schema: { tags, params: workspaceParams, body: stickyBody, response: { 201: stickyOut } } },
    async (request, reply) => {
      const sticky = await stickies.create(changeContext(request), workspaceScopeOf(request), request.body);
      return reply.status(201).send(presenter.plain(request, sticky, toStickyOut));
    },
  );

  app.get(
    detail,
    { config, schema: { tags, params: stickyParams, response: { 200: stickyOut } } },
    async (request) => {
      const sticky = await stickies.get(workspaceScopeOf(request), request.params.sticky_id);
      return presenter.plain(request, sticky, toStickyOut);
    },
  );

  for (const method of ['PATCH', 'PUT'] as const) {
    app.route({
      method,
      url: detail,
      config,
      schema: { tags, params: stickyParams, body: stickyBody, response: { 200: stickyOut } },
      handler: async (request) => {
        const sticky = await stickies.update(
          changeContext(request),
          workspaceScopeOf(request),
          request.params.sticky_id,
          request.body,
        );
        return presenter.plain(request, sticky, toStickyOut);
      },
    });
  }

  app.delete(detail, { config, schema: { tags, params: stickyParams } }, async (request, reply) => {
    await stickies.delete(changeContext(request), workspaceScopeOf(request), request.params.sticky_id);
    return reply.status(204).send();
  });
}
