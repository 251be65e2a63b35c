import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.ts';
import { permission } from '../../platform/http/access.ts';
import { queryText, workspaceParams, workspacePath } from './dto-common.ts';
import { planeRouteConfig } from './plane/conventions.ts';
import type { PlaneApiDeps } from './plane-api.ts';
import { workspaceScopeOf } from './request-context.ts';
import type { ItemsPath } from './work-items.routes.ts';

const tags = ['plane: work items'];
const MAX_LIMIT = 100;

export const searchQuery = z.object({
  search: queryText,
  limit: queryText,
  workspace_search: queryText,
  project_id: queryText,
});

const hitOut = z.object({
  name: z.string(),
  id: z.uuid(),
  sequence_id: z.number().int(),
  project__identifier: z.string(),
  project_id: z.uuid(),
  workspace__slug: z.string(),
});

function parseLimit(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return 10;
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isInteger(value) || value < 1 || value > MAX_LIMIT) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'limit',
      message: `Ensure this value is a whole number from 1 to ${MAX_LIMIT}.`,
    });
  }
  return value;
}

/**
 * `GET /workspaces/{slug}/(issues|work-items)/search/` (contract §2.6): the caller's projects only. Registered
 * before the `IDENT-N` route, which it could never clash with anyway (`search` has no hyphen).
 */
export async function workItemSearchRoutes(root: FastifyInstance, deps: PlaneApiDeps & ItemsPath) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    `${workspacePath}/${deps.itemsPath}/search/`,
    {
      config: planeRouteConfig(permission('workspace.view')),
      schema: {
        tags,
        summary: 'Full-text search over the work items of your projects (name, description, PROJ-12)',
        params: workspaceParams,
        querystring: searchQuery,
        response: { 200: z.object({ issues: z.array(hitOut) }) },
      },
    },
    async (request) => {
      const scope = workspaceScopeOf(request);
      const { search = '', workspace_search: everywhere = 'false', project_id: projectId } = request.query;
      const limit = parseLimit(request.query.limit);
      const text = search.trim().slice(0, 255);
      if (!text) return { issues: [] };
      // Plane applies project_id only when workspace_search is "false"; an id that is not a UUID finds nothing.
      const project = everywhere === 'false' && projectId ? projectId.trim() : undefined;
      if (project !== undefined && !z.uuid().safeParse(project).success) return { issues: [] };
      const hits = await deps.search.search({
        workspaceId: scope.workspace.id,
        userId: scope.userId,
        text,
        limit,
        projectId: project,
      });
      return {
        issues: hits.map((h) => ({
          name: h.name,
          id: h.id,
          sequence_id: h.sequenceId,
          project__identifier: h.identifier,
          project_id: h.projectId,
          workspace__slug: scope.workspace.slug,
        })),
      };
    },
  );
}
