import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicAccess, type RouteAccess } from '../../../platform/http/access.ts';
import { planeErrorBody } from './errors.ts';
import { drfValidatorCompiler } from './validation.ts';

/**
 * Makes the current (prefixed) context speak Plane: DRF validation errors, responses written as the routes shape
 * them (they are already Plane's snake_case objects), and the JSON 404 for unknown URLs.
 */
export function applyPlaneConventions(app: FastifyInstance): void {
  app.setValidatorCompiler(drfValidatorCompiler);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  const notFound = async (_request: FastifyRequest, reply: FastifyReply) =>
    reply.status(404).send({ error: 'Page not found.' });
  app.setNotFoundHandler(notFound);
  // A catch-all route as well: another context's wildcard (the web app's) must not answer for this prefix.
  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/*',
    config: { access: publicAccess, rateLimit: false },
    schema: { hide: true },
    handler: notFound,
  });
}

/**
 * Route config for a Plane route: its access, Plane's error shapes, and no platform rate limit for API keys
 * (they get Plane's own throttle; session callers keep the platform limit).
 */
export function planeRouteConfig<T extends object>(access: RouteAccess, extra?: T): FastifyContextConfig & T {
  return {
    access,
    errorFormat: planeErrorBody,
    rateLimit: { allowList: (request: FastifyRequest) => request.principal?.kind === 'api_key' },
    ...(extra as T),
  };
}
