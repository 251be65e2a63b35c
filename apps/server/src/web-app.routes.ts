import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicAccess } from './platform/http/access.ts';

export interface WebAppOptions {
  /** The built web app (apps/web/dist). */
  root: string;
  /** Adds `upgrade-insecure-requests` behind TLS. */
  https: boolean;
}

/**
 * What the built app needs and nothing more: its own scripts, styles, fonts and API; images also from
 * https: (avatars from OAuth providers). No inline script or style is allowed.
 */
export function webAppCsp(https: boolean): string {
  return [
    "default-src 'self'",
    "base-uri 'self'",
    "connect-src 'self'",
    "font-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "img-src 'self' data: https:",
    "manifest-src 'self'",
    "object-src 'none'",
    "script-src 'self'",
    "script-src-attr 'none'",
    "style-src 'self'",
    "worker-src 'self'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

// Paths that belong to the server: an unknown one is a 404 in the API's error shape, never the app.
const serverPaths = /^\/(?:api|health|ready|metrics)(?:\/|$)/;
// Hashed build output never changes under its name, so browsers may keep it for good.
const immutablePrefix = '/assets/';

/**
 * Serves the web app at `/`: files of the build as they are, and index.html for every other page path so
 * the app's router can take over (deep links, reloads). Static files are exempt from the API rate limit.
 */
export async function webAppRoutes(app: FastifyInstance, options: WebAppOptions) {
  const root = path.resolve(options.root);
  const csp = webAppCsp(options.https);
  await app.register(fastifyStatic, { root, serve: false, decorateReply: true });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', csp);
  });

  const sendApp = (request: FastifyRequest, reply: FastifyReply) => {
    if (!existsSync(path.join(root, 'index.html'))) return notBuilt(request, reply);
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', { cacheControl: false });
  };

  const config = { access: publicAccess, rateLimit: false as const };
  app.get('/', { config, schema: { hide: true } }, sendApp);
  app.get('/*', { config, schema: { hide: true } }, async (request, reply) => {
    const pathname = request.url.split('?')[0]!;
    if (serverPaths.test(pathname)) return reply.callNotFound();
    const file = await staticFile(root, pathname);
    if (file) {
      const immutable = pathname.startsWith(immutablePrefix);
      if (!immutable) reply.header('cache-control', 'no-cache');
      return reply.sendFile(file, immutable ? { maxAge: '365d', immutable: true } : { cacheControl: false });
    }
    // A missing file (it has an extension) is a 404; any other path is a page of the app.
    if (path.posix.extname(pathname) !== '') return reply.callNotFound();
    return sendApp(request, reply);
  });
}

/** The file under root that a URL path names, if there is one (never anything outside root). */
async function staticFile(root: string, pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const relative = path.posix.normalize(decoded).replace(/^\/+/, '');
  const absolute = path.join(root, relative);
  if (relative === '' || !absolute.startsWith(root + path.sep)) return undefined;
  const info = await stat(absolute).catch(() => undefined);
  return info?.isFile() ? relative : undefined;
}

function notBuilt(request: FastifyRequest, reply: FastifyReply) {
  request.log.warn('web app not built: run `npm run build --workspace @agency-os/web`');
  return reply
    .status(503)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Agency OS</title></head><body>` +
        `<h1>Agency OS is running, but its web app is not built</h1>` +
        `<p><code>npm install</code> builds it; to build it again run <code>npm run build --workspace @agency-os/web</code>.` +
        ` The API is served under <a href="/api/docs">/api</a>.</p></body></html>`,
    );
}
