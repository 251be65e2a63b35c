import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors/app-error.ts';
import { planeRole, principalOf, workspaceAccessOf } from '../identity/index.ts';
import type { ProjectScope, WorkspaceScope } from './project-access.ts';

/** Who reads the response: their time zone shapes every datetime (contract §1.8). */
export interface Viewer {
  userId: string;
  timeZone: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    projectScope?: ProjectScope;
    planeViewer?: Viewer;
  }
}

export function workspaceScopeOf(request: FastifyRequest): WorkspaceScope {
  const access = workspaceAccessOf(request);
  return {
    workspace: access.workspace,
    userId: principalOf(request).user.id,
    workspaceRole: planeRole(access.role),
  };
}

/** The project the project-access hook loaded and checked; the rule allowed the caller, so absent means 404. */
export function projectScopeOf(request: FastifyRequest): ProjectScope {
  if (!request.projectScope) throw new AppError('NOT_FOUND');
  return request.projectScope;
}

export function viewerOf(request: FastifyRequest): Viewer {
  return request.planeViewer ?? { userId: principalOf(request).user.id, timeZone: 'UTC' };
}
