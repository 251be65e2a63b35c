import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticated } from '../../platform/http/access.ts';
import type { ApiTokensService } from './api-tokens.service.ts';
import {
  apiTokenOut,
  apiTokenParams,
  createApiTokenBody,
  toApiTokenOut,
  toWorkspaceOut,
  updateMeBody,
  userOut,
  workspaceOut,
} from './identity.dto.ts';
import { changeContext, principalOf, requireSession } from './principal.ts';
import type { UsersRepository } from './users.repository.ts';
import type { WorkspacesService } from './workspaces.service.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { IdentityErrors } from './identity.errors.ts';
import type { UserRow } from './users.repository.ts';

export interface MeRoutesDeps {
  users: UsersRepository;
  workspaces: WorkspacesService;
  apiTokens: ApiTokensService;
}

const toUserOut = (u: UserRow) => ({
  id: u.id,
  name: u.name,
  email: u.email,
  timezone: u.timezone,
  avatar_url: u.image,
});
const tags = ['me'];

export async function meRoutes(root: FastifyInstance, deps: MeRoutesDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const config = { access: authenticated };

  app.get(
    '/api/me',
    {
      config,
      schema: {
        tags,
        summary: 'The signed-in user and their workspaces',
        response: {
          200: z.object({
            user: userOut,
            auth: z.object({ method: z.enum(['session', 'api_key']), workspace_id: z.uuid().nullable() }),
            workspaces: z.array(workspaceOut),
          }),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const user = await deps.users.findById(principal.user.id);
      if (!user) throw new AppError(IdentityErrors.USER_NOT_FOUND);
      const scope = principal.kind === 'api_key' ? principal.token.workspaceId : null;
      const workspaces = (await deps.workspaces.listForUser(user.id)).filter((w) => !scope || w.id === scope);
      return {
        user: toUserOut(user),
        auth: { method: principal.kind, workspace_id: scope },
        workspaces: workspaces.map(toWorkspaceOut),
      };
    },
  );

  app.patch(
    '/api/me',
    {
      config,
      schema: { tags, summary: 'Update your profile', body: updateMeBody, response: { 200: userOut } },
    },
    async (request) => toUserOut(await deps.users.update(requireSession(request).user.id, request.body)),
  );

  app.get(
    '/api/me/api-tokens',
    { config, schema: { tags, summary: 'Your API tokens', response: { 200: z.array(apiTokenOut) } } },
    async (request) => (await deps.apiTokens.list(requireSession(request).user.id)).map(toApiTokenOut),
  );

  app.post(
    '/api/me/api-tokens',
    {
      config,
      schema: {
        tags,
        summary: 'Create an API token (shown once)',
        body: createApiTokenBody,
        response: { 201: apiTokenOut.extend({ token: z.string() }) },
      },
    },
    async (request, reply) => {
      const { user } = requireSession(request);
      const { token, row } = await deps.apiTokens.create(changeContext(request), user.id, {
        label: request.body.label,
        workspaceSlug: request.body.workspace,
        expiresAt: request.body.expires_at ? new Date(request.body.expires_at) : undefined,
      });
      return reply.status(201).send({ ...toApiTokenOut(row), token });
    },
  );

  app.delete(
    '/api/me/api-tokens/:token_id',
    { config, schema: { tags, summary: 'Revoke an API token', params: apiTokenParams } },
    async (request, reply) => {
      const { user } = requireSession(request);
      await deps.apiTokens.revoke(changeContext(request), user.id, request.params.token_id);
      return reply.status(204).send();
    },
  );
}
