import type { FastifyInstance, RouteOptions } from 'fastify';

/**
 * Every route says who may call it. The meaning of a permission belongs to the identity module; the
 * platform only insists that the declaration is there.
 */
export type RouteAccess =
  { kind: 'public' } | { kind: 'authenticated' } | { kind: 'permission'; permission: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export const publicAccess: RouteAccess = { kind: 'public' };
export const authenticated: RouteAccess = { kind: 'authenticated' };
export function permission(name: string): RouteAccess {
  return { kind: 'permission', permission: name };
}

/** Collects every route and refuses to start if one has no access declaration. */
export function enforceAccessDeclarations(app: FastifyInstance): void {
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    // The CORS preflight answers with headers only; it is public by nature.
    if (route.method === 'OPTIONS' && route.url === '*')
      route.config = { ...(route.config ?? {}), access: publicAccess };
    routes.push(route);
  });
  app.addHook('onReady', async () => {
    const missing = routes
      .filter((r) => !(r.config as { access?: RouteAccess } | undefined)?.access)
      .map((r) => `${String(r.method)} ${r.url}`);
    if (missing.length > 0) throw new Error(`Routes without an access declaration: ${missing.join(', ')}`);
  });
}

/** For third-party plugins' routes (API docs): marks every route registered in this context as public. */
export function markRoutesPublic(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), access: publicAccess };
  });
}
