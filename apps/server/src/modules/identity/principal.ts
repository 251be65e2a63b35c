import type { WorkspaceRole } from './identity.schema.ts';
import type { ApiTokenRow } from './api-tokens.repository.ts';
import type { WorkspaceRow } from './workspaces.repository.ts';
import type { Actor, ChangeContext } from '../../platform/events/actor.ts';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors/app-error.ts';

export interface PrincipalUser {
  id: string;
  email: string;
  name: string;
  /** Read with the credential when its lookup had it at hand (API keys); sessions leave it to whoever needs it. */
  timezone?: string;
}

/** Who is calling: a signed-in user (session cookie) or a user's API token. */
export type Principal =
  | { kind: 'session'; user: PrincipalUser; sessionId: string }
  | { kind: 'api_key'; user: PrincipalUser; token: ApiTokenRow };

export interface WorkspaceAccess {
  workspace: WorkspaceRow;
  role: WorkspaceRole;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    workspaceAccess?: WorkspaceAccess;
  }
}

export function actorOf(principal: Principal): Actor {
  return principal.kind === 'session'
    ? { type: 'user', id: principal.user.id }
    : { type: 'api_key', id: principal.token.id, onBehalfOf: principal.user.id };
}

/** The caller as routes need it; the access guard has already made sure there is one. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED');
  return request.principal;
}

export function workspaceAccessOf(request: FastifyRequest): WorkspaceAccess {
  if (!request.workspaceAccess) throw new AppError('FORBIDDEN');
  return request.workspaceAccess;
}

export function changeContext(request: FastifyRequest): ChangeContext {
  return { actor: actorOf(principalOf(request)), requestId: request.id, ip: request.ip };
}

/** Token management and other account-level changes need a real sign-in, not a (possibly narrower) API key. */
export function requireSession(request: FastifyRequest): Principal & { kind: 'session' } {
  const principal = principalOf(request);
  if (principal.kind !== 'session') {
    throw new AppError('FORBIDDEN', { message: 'This action needs a signed-in session, not an API key.' });
  }
  return principal;
}
