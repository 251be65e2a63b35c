import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permission } from '../../platform/http/access.ts';
import { changeContext } from '../identity/index.ts';
import { projectParams, projectPath, uuidParam } from './dto-common.ts';
import {
  createEstimateBody,
  createPointsBody,
  estimateOut,
  estimatePointOut,
  toEstimateOut,
  toEstimatePointOut,
  updateEstimateBody,
  updatePointBody,
} from './estimates.dto.ts';
import { planeRouteConfig } from './plane/conventions.ts';
import type { PlaneApiDeps } from './plane-api.ts';
import { projectScopeOf } from './request-context.ts';

const tags = ['plane: estimates'];
// Estimates follow the project-member rule (ProjectEntity, contract §1.3).
const config = planeRouteConfig(permission('workspace.view'), { project: 'entity' as const });
const estimate = `${projectPath}/estimates/`;
const points = `${estimate}${uuidParam('estimate_id')}/estimate-points/`;
const point = `${points}${uuidParam('point_id')}/`;
const pointsParams = projectParams.extend({ estimate_id: z.uuid() });
const pointParams = pointsParams.extend({ point_id: z.uuid() });

/** Contract §2.16: the project's single estimate and its points (unrouted in Plane CE; served here, decision 22). */
export async function estimateRoutes(root: FastifyInstance, deps: PlaneApiDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { estimates, presenter } = deps;
  const points$ = (
    request: Parameters<typeof projectScopeOf>[0],
    rows: Parameters<typeof toEstimatePointOut>[0][],
  ) => rows.map((p) => presenter.plain(request, p, toEstimatePointOut));

  app.get(
    estimate,
    {
      config,
      schema: {
        tags,
        summary: "The project's estimate",
        params: projectParams,
        response: { 200: estimateOut },
      },
    },
    async (request) => presenter.plain(request, await estimates.get(projectScopeOf(request)), toEstimateOut),
  );

  app.post(
    estimate,
    {
      config,
      schema: { tags, params: projectParams, body: createEstimateBody, response: { 201: estimateOut } },
    },
    async (request, reply) => {
      const created = await estimates.create(changeContext(request), projectScopeOf(request), request.body);
      return reply.status(201).send(presenter.plain(request, created, toEstimateOut));
    },
  );

  app.patch(
    estimate,
    {
      config,
      schema: { tags, params: projectParams, body: updateEstimateBody, response: { 200: estimateOut } },
    },
    async (request) => {
      const updated = await estimates.update(changeContext(request), projectScopeOf(request), request.body);
      return presenter.plain(request, updated, toEstimateOut);
    },
  );

  app.delete(estimate, { config, schema: { tags, params: projectParams } }, async (request, reply) => {
    await estimates.delete(changeContext(request), projectScopeOf(request));
    return reply.status(204).send();
  });

  app.get(
    points,
    {
      config,
      schema: {
        tags,
        summary: 'Points of the estimate (a bare array)',
        params: pointsParams,
        response: { 200: z.array(estimatePointOut) },
      },
    },
    async (request) =>
      points$(request, await estimates.points(projectScopeOf(request), request.params.estimate_id)),
  );

  app.post(
    points,
    {
      config,
      schema: {
        tags,
        summary: 'Add points: an array, or {estimate_points: [...]}',
        params: pointsParams,
        body: createPointsBody,
        response: { 201: z.array(estimatePointOut) },
      },
    },
    async (request, reply) => {
      const scope = projectScopeOf(request);
      const created = await estimates.createPoints(
        changeContext(request),
        scope,
        request.params.estimate_id,
        request.body,
      );
      return reply.status(201).send(points$(request, created));
    },
  );

  app.patch(
    point,
    {
      config,
      schema: { tags, params: pointParams, body: updatePointBody, response: { 200: estimatePointOut } },
    },
    async (request) => {
      const { estimate_id, point_id } = request.params;
      const updated = await estimates.updatePoint(
        changeContext(request),
        projectScopeOf(request),
        estimate_id,
        point_id,
        request.body,
      );
      return presenter.plain(request, updated, toEstimatePointOut);
    },
  );

  app.delete(point, { config, schema: { tags, params: pointParams } }, async (request, reply) => {
    const { estimate_id, point_id } = request.params;
    await estimates.deletePoint(changeContext(request), projectScopeOf(request), estimate_id, point_id);
    return reply.status(204).send();
  });
}
