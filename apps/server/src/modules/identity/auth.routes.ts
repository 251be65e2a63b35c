import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.ts';
import { publicAccess } from '../../platform/http/access.ts';
import { bodyFor, sendError } from '../../platform/http/error-handler.ts';
import { perIpLimit } from '../../platform/http/rate-limit.ts';
import type { AuthLoader } from './auth-loader.ts';
import { CLIENT_IP_HEADER } from './auth-settings.ts';
import { nameSchema } from './identity.dto.ts';

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
 * The library endpoints we serve; everything else it has (token read-back, account linking, admin helpers)
 * answers 404. Stored OAuth tokens are sealed, so its own token endpoints must never be reachable.
 */
const servedEndpoints: Array<[method: string, path: RegExp]> = [
  ['POST', /^\/sign-up\/email$/],
  ['POST', /^\/sign-in\/(email|magic-link|social)$/],
  ['GET', /^\/magic-link\/verify$/],
  ['GET', /^\/callback\/(github|google)$/],
  ['POST', /^\/callback\/(github|google)$/],
  ['GET', /^\/error$/],
  ['POST', /^\/(sign-out|change-password|update-user|revoke-session|revoke-other-sessions)$/],
  ['GET', /^\/(get-session|list-sessions)$/],
];

export function isServedAuthEndpoint(method: string, pathname: string): boolean {
  const path = pathname.replace(/^\/api\/auth/, '').replace(/\/$/, '');
  return servedEndpoints.some(([m, pattern]) => m === method && pattern.test(path));
}

/**
 * Serves better-auth's endpoints under /api/auth. Errors are rewritten into the API's one error shape, and
 * a password change always signs out the user's other sessions.
 */
export async function authRoutes(
  app: FastifyInstance,
  options: { auth: AuthLoader; publicUrl: string; perMinute: number },
) {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const url = new URL(request.url, options.publicUrl);
    if (!isServedAuthEndpoint(request.method, url.pathname)) {
      return sendError(request, reply, 404, bodyFor('ROUTE_NOT_FOUND'));
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (droppedHeaders.has(name) || value === undefined) continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    headers.set(CLIENT_IP_HEADER, request.ip);
    let body = request.body as Record<string, unknown> | undefined;
    if (body && typeof body === 'object') checkProfileFields(body);
    if (url.pathname === '/api/auth/change-password' && body && typeof body === 'object') {
      body = { ...body, revokeOtherSessions: true };
    }
    const auth = await options.auth.get();
    const response = await auth.handler(
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
    if (response.status >= 400) {
      return reply.type('application/json; charset=utf-8').send(toErrorShape(response.status, text));
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

/** Profile fields the library stores as sent (sign-up, update-user): held to the rules of PATCH /api/me. */
const profileFields = z.object({
  name: nameSchema.optional(),
  image: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .nullish(),
});

function checkProfileFields(body: Record<string, unknown>): void {
  const issue = profileFields.safeParse(body).error?.issues[0];
  if (!issue) return;
  const field = String(issue.path[0]);
  throw new AppError('VALIDATION_FAILED', { field, message: `body.${field}: ${issue.message}` });
}

/** The library's own error codes that concern one field. */
const libraryCodeFields: Record<string, string> = {
  INVALID_EMAIL: 'email',
  PASSWORD_TOO_SHORT: 'password',
  PASSWORD_TOO_LONG: 'password',
};

function toErrorShape(status: number, text: string) {
  let parsed: { code?: string; message?: string } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    /* not JSON after all: keep the generic message */
  }
  if (status === 404 && !parsed.code) return bodyFor('ROUTE_NOT_FOUND');
  const libraryCode = parsed.code?.toUpperCase();
  const message = parsed.message ?? 'Authentication failed.';
  if (libraryCode === 'VALIDATION_ERROR') {
    // The library names the culprit as "[body.email] ..."; say it the way the rest of the API does.
    const path = /^\[([^\]]+)\]/.exec(message)?.[1] ?? 'body';
    return bodyFor('VALIDATION_FAILED', message, path.replace(/^body\./, ''));
  }
  const code = libraryCode ?? (status === 401 ? 'UNAUTHENTICATED' : 'AUTH_FAILED');
  const field = libraryCodeFields[code];
  return { error: { code, message, ...(field ? { field } : {}) } };
}
