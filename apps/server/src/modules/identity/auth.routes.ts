import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicAccess } from '../../platform/http/access.ts';
import { perIpLimit } from '../../platform/http/rate-limit.ts';
import type { Auth } from './auth.ts';
import { CLIENT_IP_HEADER } from './auth.ts';

/** Headers a client may not set for the auth library: it trusts them for the client's address. */
const droppedHeaders = new Set([
  'x-forwarded-for',
  'x-real-ip',
  'cf-connecting-ip',
  CLIENT_IP_HEADER,
  'host',
  'connection',
  'content-length',
]);

/**
 * Serves better-auth's endpoints under /api/auth. Errors are rewritten into the API's one error shape, and
 * a password change always signs out the user's other sessions.
 */
export async function authRoutes(
  app: FastifyInstance,
  options: { auth: Auth; publicUrl: string; perMinute: number },
) {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const url = new URL(request.url, options.publicUrl);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (droppedHeaders.has(name) || value === undefined) continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    headers.set(CLIENT_IP_HEADER, request.ip);
    let body = request.body as Record<string, unknown> | undefined;
    if (url.pathname === '/api/auth/change-password' && body && typeof body === 'object') {
      body = { ...body, revokeOtherSessions: true };
    }
    const response = await options.auth.handler(
      new Request(url, {
        method: request.method,
        headers,
        body:
          request.method === 'GET' || request.method === 'HEAD' || body === undefined
            ? undefined
            : JSON.stringify(body),
      }),
    );
    reply.status(response.status);
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie' && name !== 'content-length') reply.header(name, value);
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) reply.header('set-cookie', cookies);
    const text = await response.text();
    if (response.status >= 400 && response.headers.get('content-type')?.includes('application/json')) {
      return reply.send(toErrorShape(response.status, text));
    }
    return reply.send(text === '' ? undefined : text);
  };

  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    config: { access: publicAccess, rateLimit: perIpLimit(options.perMinute) },
    schema: { hide: true },
    handler,
  });
}

function toErrorShape(status: number, text: string) {
  let parsed: { code?: string; message?: string } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    /* not JSON after all: keep the generic message */
  }
  const code = parsed.code ? parsed.code.toUpperCase() : status === 401 ? 'UNAUTHENTICATED' : 'AUTH_FAILED';
  return { error: { code, message: parsed.message ?? 'Authentication failed.' } };
}
