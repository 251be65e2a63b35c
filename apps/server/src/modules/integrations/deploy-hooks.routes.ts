import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changeContext } from '../identity/index.ts';
import {
  createDeployHookBody,
  deployHookOut,
  deployHookParams,
  toDeployHookOut,
} from './deploy-hooks.dto.ts';
import type { DeployHooksService } from './deploy-hooks.service.ts';
import { slugParams } from './deployments.dto.ts';
import { access, tags, workspaceBase, workspaceIdOf } from './route-kit.ts';

const base = `${workspaceBase}/deploy-hooks`;
const { view, manage } = access;

export async function deployHookRoutes(root: FastifyInstance, { service }: { service: DeployHooksService }) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    base,
    {
      config: view,
      schema: {
        tags,
        summary: 'Deploy hooks of the workspace, by name (their URLs are not shown)',
        params: slugParams,
        response: { 200: z.object({ results: z.array(deployHookOut) }) },
      },
    },
    async (request) => ({ results: (await service.list(workspaceIdOf(request))).map(toDeployHookOut) }),
  );

  app.post(
    base,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a deploy hook; its URL is stored encrypted and never returned',
        params: slugParams,
        body: createDeployHookBody,
        response: { 201: deployHookOut },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const hook = await service.create(changeContext(request), workspaceIdOf(request), {
        name: body.name,
        provider: body.provider,
        projectName: body.project_name,
        url: body.url,
      });
      return reply.status(201).send(toDeployHookOut(hook));
    },
  );

  app.delete(
    `${base}/:hook_id`,
    { config: manage, schema: { tags, params: deployHookParams } },
    async (request, reply) => {
      await service.delete(changeContext(request), workspaceIdOf(request), request.params.hook_id);
      return reply.status(204).send();
    },
  );
}
