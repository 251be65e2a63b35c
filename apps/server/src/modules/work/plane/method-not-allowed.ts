import type { FastifyInstance, HTTPMethods, RouteOptions } from 'fastify';
import { AppError } from '../../../platform/errors/app-error.ts';

const methods: HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Django answers 405 for a method a matched URL does not serve, once the caller is authenticated. Collect the
 * routes of this context, then give every URL the missing methods with the same workspace access.
 */
export function collectRoutes(app: FastifyInstance): () => void {
  const byUrl = new Map<string, { config: RouteOptions['config']; methods: Set<string> }>();
  app.addHook('onRoute', (route) => {
    const url = route.url.slice(app.prefix.length);
    const entry = byUrl.get(url) ?? { config: route.config, methods: new Set<string>() };
    for (const method of [route.method].flat()) entry.methods.add(method);
    byUrl.set(url, entry);
  });
  return () => {
    for (const [url, entry] of [...byUrl]) {
      const missing = methods.filter((m) => !entry.methods.has(m));
      if (missing.length === 0) continue;
      app.route({
        method: missing,
        url,
        // Workspace access still applies; a project rule does not, so `POST work-items/advanced-search/` (which
        // the IDENT-N route catches) is a 405 as in Plane, whoever asks.
        config: { ...entry.config, project: undefined },
        schema: { hide: true },
        handler: async () => {
          throw new AppError('METHOD_NOT_ALLOWED');
        },
      });
    }
  };
}
