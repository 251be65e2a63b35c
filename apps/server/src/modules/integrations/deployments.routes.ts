import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageEnvelope, pageRequest, toPage } from '../../platform/http/pagination.ts';
import { changeContext } from '../identity/index.ts';
import {
  deploymentListQuery,
  deploymentOut,
  deploymentParams,
  recordDeploymentBody,
  slugParams,
  toDeploymentOut,
  updateDeploymentBody,
} from './deployments.dto.ts';
import type { DeploymentsService } from './deployments.service.ts';
import { access, tags, workspaceBase, workspaceIdOf } from './route-kit.ts';

const base = `${workspaceBase}/deployments`;
const { view, contribute } = access;
const optionalDate = (value: string | undefined) => (value ? new Date(value) : undefined);

export async function deploymentRoutes(root: FastifyInstance, { service }: { service: DeploymentsService }) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    base,
    {
      config: view,
      schema: {
        tags,
        summary: 'Deployments of the workspace, newest first',
        params: slugParams,
        querystring: deploymentListQuery,
        response: { 200: pageEnvelope(deploymentOut) },
      },
    },
    async (request) => {
      const { query } = request;
      const page = pageRequest(query);
      const filter = { environment: query.environment, states: query.state };
      const { rows, total } = await service.list(workspaceIdOf(request), filter, {
        offset: page.offset,
        limit: page.perPage,
      });
      return toPage(page, rows.map(toDeploymentOut), total);
    },
  );

  app.post(
    base,
    {
      config: contribute,
      schema: {
        tags,
        summary: 'Record a deployment; the same provider and external_id updates it (200) instead',
        params: slugParams,
        body: recordDeploymentBody,
        response: { 200: deploymentOut, 201: deploymentOut },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const { deployment, created } = await service.record(changeContext(request), workspaceIdOf(request), {
        provider: body.provider,
        externalId: body.external_id,
        projectName: body.project_name,
        state: body.state,
        environment: body.environment,
        url: body.url,
        commitSha: body.commit_sha,
        branch: body.branch,
        author: body.author,
        filesChanged: body.files_changed,
        additions: body.additions,
        deletions: body.deletions,
        metadata: body.metadata,
        createdAt: optionalDate(body.created_at),
        finishedAt: optionalDate(body.finished_at),
      });
      return reply.status(created ? 201 : 200).send(toDeploymentOut(deployment));
    },
  );

  app.get(
    `${base}/:deployment_id`,
    { config: view, schema: { tags, params: deploymentParams, response: { 200: deploymentOut } } },
    async (request) =>
      toDeploymentOut(await service.get(workspaceIdOf(request), request.params.deployment_id)),
  );

  app.patch(
    `${base}/:deployment_id`,
    {
      config: contribute,
      schema: {
        tags,
        summary: "Move a deployment's state (a finished one stays finished), or change its url or metadata",
        params: deploymentParams,
        body: updateDeploymentBody,
        response: { 200: deploymentOut },
      },
    },
    async (request) => {
      const { body } = request;
      const deployment = await service.update(
        changeContext(request),
        workspaceIdOf(request),
        request.params.deployment_id,
        {
          state: body.state,
          url: body.url,
          metadata: body.metadata,
          finishedAt: optionalDate(body.finished_at),
        },
      );
      return toDeploymentOut(deployment);
    },
  );
}
