import type { FastifyRequest } from 'fastify';
import { permission } from '../../platform/http/access.ts';
import { workspaceAccessOf } from '../identity/index.ts';

/** What the integrations routes share: the workspace they sit under, their accesses and their OpenAPI tag. */
export const workspaceBase = '/api/v1/workspaces/:slug';
export const access = {
  view: { access: permission('workspace.view') },
  contribute: { access: permission('workspace.contribute') },
  // Whoever holds a deploy hook's URL can deploy: only the workspace's managers add or remove one.
  manage: { access: permission('workspace.settings') },
};
export const tags = ['deployments'];

export const workspaceIdOf = (request: FastifyRequest) => workspaceAccessOf(request).workspace.id;
