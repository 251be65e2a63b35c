import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorSpec } from '../errors/app-error.ts';

export interface ErrorBody {
  error: { code: string; message: string; field?: string; details?: Record<string, unknown> };
}

/**
 * Some route families (Plane's public API) must answer in another system's error shape. They set
 * `config.errorFormat` to a function that turns our error into theirs.
 */
export type ErrorFormatter = (status: number, body: ErrorBody, request: FastifyRequest) => unknown;

declare module 'fastify' {
  interface FastifyContextConfig {
    errorFormat?: ErrorFormatter;
  }
}

const fastifyCodeMap: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_RATE_LIMIT: 'RATE_LIMITED',
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body } = toErrorBody(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    sendError(request, reply, status, body);
  });
  app.setNotFoundHandler((request, reply) => {
    sendError(request, reply, 404, bodyFor('ROUTE_NOT_FOUND'));
  });
}

/** Errors Fastify raises before routing (a malformed URL, an over-long path parameter), in the same shape. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toErrorBody(error);
  sendError(request, reply, status, body);
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  body: ErrorBody,
): FastifyReply {
  const format = request.routeOptions.config?.errorFormat;
  return reply.status(status).send(format ? format(status, body, request) : body);
}

export function bodyFor(code: string, message?: string, field?: string): ErrorBody {
  const spec = errorSpec(code);
  return { error: { code, message: message ?? spec?.message ?? code, ...(field ? { field } : {}) } };
}

export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.field) body.error.field = error.field;
    if (error.details) body.error.details = error.details;
    return { status: error.status, body };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const params = (first?.params ?? {}) as { keys?: string[] };
    const path = (first?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    const field = params.keys?.[0] ? [path, params.keys[0]].filter(Boolean).join('.') : path;
    const where = (error as { validationContext?: string }).validationContext ?? 'body';
    const message = first
      ? `${where}${field ? `.${field}` : ''}: ${first.message}`
      : 'The request is not valid.';
    return { status: 400, body: bodyFor('VALIDATION_FAILED', message, field || where) };
  }
  const fastifyError = error as FastifyError;
  if (error instanceof SyntaxError || fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return { status: 400, body: bodyFor('INVALID_JSON') };
  }
  const mapped = fastifyError.code ? fastifyCodeMap[fastifyError.code] : undefined;
  if (mapped) return { status: errorSpec(mapped)!.status, body: bodyFor(mapped) };
  const status = fastifyError.statusCode;
  if (status === 429) return { status, body: bodyFor('RATE_LIMITED') };
  if (status && status >= 400 && status < 500) {
    return { status, body: bodyFor('VALIDATION_FAILED', fastifyError.message) };
  }
  return { status: 500, body: bodyFor('INTERNAL') };
}
