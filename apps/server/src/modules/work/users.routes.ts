import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticated, permission } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { principalOf, workspaceAccessOf } from '../identity/index.ts';
import { planeRouteConfig } from './plane/conventions.ts';
import { toUserLite, userLiteOut, workspaceParams, workspacePath } from './dto-common.ts';
import type { PlaneApiDeps } from './plane-api.ts';

const tags = ['plane: users'];

export async function userRoutes(root: FastifyInstance, deps: PlaneApiDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/users/me/',
    {
      config: planeRouteConfig(authenticated),
      schema: { tags, summary: 'The calling user', response: { 200: userLiteOut } },
    },
    async (request) => {
      const user = await deps.people.user(principalOf(request).user.id);
      if (!user) throw new AppError('NOT_FOUND');
      return toUserLite(user);
    },
  );

  // Plane guards this with its "workspace admin" check, which lets members in too; guests are refused.
  app.get(
    `${workspacePath}/members/`,
    {
      config: planeRouteConfig(permission('workspace.contribute')),
      schema: {
        tags,
        summary: 'Members of the workspace with their roles (20 admin, 15 member, 5 guest)',
        params: workspaceParams,
        response: { 200: z.array(userLiteOut.extend({ role: z.number().int() })) },
      },
    },
    async (request) => {
      const members = await deps.people.workspaceMembers(workspaceAccessOf(request).workspace);
      return members.map((m) => ({ ...toUserLite(m), role: m.role }));
    },
  );
}
