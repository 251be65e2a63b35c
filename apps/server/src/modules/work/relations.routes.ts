import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permission } from '../../platform/http/access.ts';
import { changeContext } from '../identity/index.ts';
import { projectParams, projectPath, uuidParam } from './dto-common.ts';
import { planeRouteConfig } from './plane/conventions.ts';
import type { PlaneApiDeps } from './plane-api.ts';
import {
  createRelationBody,
  relatedOut,
  relationListOut,
  removeRelationBody,
  toRelatedOut,
} from './relations.dto.ts';
import { projectScopeOf } from './request-context.ts';

const tags = ['plane: relations'];
const config = planeRouteConfig(permission('workspace.view'), { project: 'entity' as const });
const itemParams = projectParams.extend({ issue_id: z.uuid() });

/** Relations live under the `work-items` prefix only (contract §1.1, §2.11). */
export async function relationRoutes(root: FastifyInstance, deps: PlaneApiDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { relations, workItems, presenter } = deps;
  const list = `${projectPath}/work-items/${uuidParam('issue_id')}/relations/`;

  app.get(
    list,
    {
      config,
      schema: {
        tags,
        summary: 'Related work items by relation type, as this item sees them',
        params: itemParams,
        response: { 200: relationListOut },
      },
    },
    async (request) => {
      const item = await workItems.requireItem(projectScopeOf(request), request.params.issue_id);
      return relations.list(item);
    },
  );

  app.post(
    list,
    {
      config,
      schema: {
        tags,
        summary: 'Relate work items to this one (a different relation between the same two replaces it)',
        params: itemParams,
        body: createRelationBody,
        response: { 201: z.array(relatedOut) },
      },
    },
    async (request, reply) => {
      const scope = projectScopeOf(request);
      const item = await workItems.requireItem(scope, request.params.issue_id);
      const { relation_type: type, issues } = request.body;
      const related = await relations.create(changeContext(request), scope, item, type, issues);
      return reply.status(201).send(related.map((r) => presenter.plain(request, r, toRelatedOut)));
    },
  );

  app.post(
    `${list}remove/`,
    {
      config,
      schema: {
        tags,
        summary: 'End the relation between this item and another (the SDK’s relations.delete)',
        params: itemParams,
        body: removeRelationBody,
      },
    },
    async (request, reply) => {
      const scope = projectScopeOf(request);
      const item = await workItems.requireItem(scope, request.params.issue_id);
      await relations.remove(changeContext(request), scope, item, request.body.related_issue);
      return reply.status(204).send();
    },
  );
}
