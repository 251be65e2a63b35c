import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import { enforceAccessDeclarations } from './access.ts';
import { frameworkErrors, registerErrorHandling } from './error-handler.ts';
import { registerHealth, type ReadinessCheck } from './health.ts';
import { registerJsonParser } from './json-body.ts';
import { registerMetrics } from './metrics.ts';
import { registerOpenApi } from './openapi.ts';
import { registerRateLimit } from './rate-limit.ts';

export interface HttpPlatformOptions {
  config: Config;
  logger: Logger;
  redis: Redis | undefined;
  readiness: ReadinessCheck[];
}

const requestIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * A Fastify instance with the shared machinery every module relies on: validation, one error shape,
 * request ids, security headers, CORS, rate limits, metrics, health and the OpenAPI document.
 */
export async function createHttpPlatform({
  config,
  logger,
  redis,
  readiness,
}: HttpPlatformOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger,
    // Fastify takes a hop count as a number at run time, though its types do not say so.
    trustProxy: config.trustProxy as boolean | string[],
    bodyLimit: config.bodyLimit,
    // Let in-flight requests finish on close; idle keep-alive sockets are closed at once.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
    requestIdHeader: false,
    frameworkErrors,
    // A caller's X-Request-Id is kept when it is short and plain (it ends up in logs); otherwise we make one.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : crypto.randomUUID();
    },
  }) as unknown as FastifyInstance;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerJsonParser(app);
  registerErrorHandling(app);
  enforceAccessDeclarations(app);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // A request still in flight at shutdown would leave its keep-alive socket open after the answer, holding
  // the process until the keep-alive timeout: its answer closes the connection instead.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  // Built once: @fastify/helmet rebuilt this middleware (and reparsed the CSP) on every request.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.publicUrl.startsWith('https://') ? [] : null,
      },
    },
    hsts: config.publicUrl.startsWith('https://'),
  });
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)),
  );
  await app.register(cors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: true,
    // The plugin's default (GET, HEAD, POST) would make browsers refuse the API's PATCH and DELETE.
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: ['x-request-id', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after'],
  });
  await registerRateLimit(app, { perMinute: config.rateLimitPerMinute, redis });
  // Swagger documents only the routes registered after it, /health and /ready included.
  await registerOpenApi(app, config.publicUrl);
  registerMetrics(app);
  registerHealth(app, readiness);
  return app;
}
