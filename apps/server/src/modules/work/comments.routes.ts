import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permission } from '../../platform/http/access.ts';
import { changeContext } from '../identity/index.ts';
import { commentOut, createCommentBody, toCommentOut, updateCommentBody } from './comments.dto.ts';
import type { CommentRow } from './comments.repository.ts';
import { detailQuery, listQuery, projectParams, projectPath, uuidParam } from './dto-common.ts';
import { pageEnvelope } from '../../platform/http/pagination.ts';
import { planeRouteConfig } from './plane/conventions.ts';
import { fetchWindow, parsePage } from './plane/pagination.ts';
import type { PlaneApiDeps } from './plane-api.ts';
import { projectScopeOf } from './request-context.ts';
import type { ItemsPath } from './work-items.routes.ts';

const tags = ['plane: comments'];
// Plane's "ProjectLite" check: any active project member, guests included, for every method.
const config = planeRouteConfig(permission('workspace.view'), { project: 'lite' as const });
const itemParams = projectParams.extend({ issue_id: z.uuid() });
const commentParams = itemParams.extend({ comment_id: z.uuid() });
const withMembership = (c: CommentRow, timeZone: string) => toCommentOut(c, timeZone, true);

export async function commentRoutes(root: FastifyInstance, deps: PlaneApiDeps & ItemsPath) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { comments, workItems, presenter } = deps;
  const list = `${projectPath}/${deps.itemsPath}/${uuidParam('issue_id')}/comments/`;
  const detail = `${list}${uuidParam('comment_id')}/`;

  app.get(
    list,
    {
      config,
      schema: {
        tags,
        summary: 'Comments on the work item, newest first',
        params: itemParams,
        querystring: listQuery,
        response: { 200: pageEnvelope(commentOut) },
      },
    },
    async (request) => {
      const item = await workItems.requireItem(projectScopeOf(request), request.params.issue_id);
      const page = parsePage(request.query);
      const { rows, total } = await comments.list(item, fetchWindow(page));
      return presenter.page(request, page, rows, total, withMembership);
    },
  );

  app.post(
    list,
    {
      config,
      schema: { tags, params: itemParams, body: createCommentBody, response: { 201: commentOut } },
    },
    async (request, reply) => {
      const scope = projectScopeOf(request);
      const item = await workItems.requireItem(scope, request.params.issue_id);
      const comment = await comments.create(changeContext(request), scope, item, request.body);
      return reply.status(201).send(presenter.plain(request, comment, toCommentOut));
    },
  );

  app.get(
    detail,
    {
      config,
      schema: { tags, params: commentParams, querystring: detailQuery, response: { 200: commentOut } },
    },
    async (request) => {
      const item = await workItems.requireItem(projectScopeOf(request), request.params.issue_id);
      return presenter.detail(request, await comments.get(item, request.params.comment_id), withMembership);
    },
  );

  app.patch(
    detail,
    {
      config,
      schema: { tags, params: commentParams, body: updateCommentBody, response: { 200: commentOut } },
    },
    async (request) => {
      const scope = projectScopeOf(request);
      const item = await workItems.requireItem(scope, request.params.issue_id);
      const comment = await comments.update(
        changeContext(request),
        scope,
        item,
        request.params.comment_id,
        request.body,
      );
      return presenter.plain(request, comment, toCommentOut);
    },
  );

  app.delete(detail, { config, schema: { tags, params: commentParams } }, async (request, reply) => {
    const scope = projectScopeOf(request);
    const item = await workItems.requireItem(scope, request.params.issue_id);
    await comments.delete(changeContext(request), scope, item, request.params.comment_id);
    return reply.status(204).send();
  });
}
