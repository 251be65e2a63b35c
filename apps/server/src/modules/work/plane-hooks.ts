import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors/app-error.ts';
import { principalOf } from '../identity/index.ts';
import type { PeopleDirectory } from './directory.ts';
import type { ProjectAccess, ProjectRule } from './project-access.ts';
import { workspaceScopeOf } from './request-context.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The project-level permission class of a route under /projects/:project_id (or an `IDENT-N` lookup). */
    project?: ProjectRule;
  }
}

/**
 * Runs after the access guard has checked the workspace: applies the route's project rule before any object is
 * read, so an outsider learns nothing (403 even for ids that do not exist), then keeps the loaded project.
 */
export function projectAccessHook(access: ProjectAccess) {
  return async (request: FastifyRequest) => {
    const rule = request.routeOptions.config?.project;
    if (!rule) return;
    const params = request.params as { project_id?: string; identifier?: string };
    const where = params.project_id
      ? { projectId: params.project_id }
      : { identifier: (params.identifier ?? '').split('-')[0]! };
    const workspace = workspaceScopeOf(request);
    const { allowed, scope } = await access.check(rule, request.method, workspace, where);
    if (!allowed) {
      request.log.warn(
        {
          security: 'authorization_denied',
          user: workspace.userId,
          workspace: workspace.workspace.slug,
          project: params.project_id ?? params.identifier,
          rule,
        },
        'authorization denied',
      );
      throw new AppError('FORBIDDEN');
    }
    // A missing project is the handler's 404, after the throttle has counted the request (as in Plane).
    request.projectScope = scope;
  };
}

/** The reader's time zone, for every datetime in the response. */
export function viewerHook(people: PeopleDirectory) {
  return async (request: FastifyRequest) => {
    if (!request.principal) return;
    const { id: userId, timezone } = principalOf(request).user;
    // An API key's lookup has read the time zone already; a session's has not.
    const timeZone = timezone ?? (await people.user(userId))?.timezone ?? 'UTC';
    request.planeViewer = { userId, timeZone };
  };
}
