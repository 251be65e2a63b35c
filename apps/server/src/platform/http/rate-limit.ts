import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set once the caller is known (API key or user); anonymous callers are limited by client IP. */
    rateLimitKey?: string;
  }
}

/**
 * Per-caller limits, counted after authentication so a known caller is limited by identity rather than by
 * address. `request.ip` honours X-Forwarded-For only from proxies named in TRUST_PROXY, so a client cannot
 * pick its own bucket. With Redis the counters are shared by every instance.
 */
export async function registerRateLimit(
  app: FastifyInstance,
  options: { perMinute: number; redis: Redis | undefined },
): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    max: options.perMinute,
    timeWindow: 60_000,
    ...(options.redis ? { redis: options.redis, nameSpace: 'agency-os:rl:' } : {}),
    keyGenerator: (request: FastifyRequest) => request.rateLimitKey ?? `ip:${request.ip}`,
    errorResponseBuilder: (_request, context) => {
      const error = new Error(`Rate limit exceeded; retry in ${context.after}.`) as Error & {
        statusCode: number;
      };
      error.statusCode = 429;
      return error;
    },
  });
}

/** Route-level limit keyed by client IP only: for sign-in and other credential-guessing targets. */
export function perIpLimit(perMinute: number) {
  return {
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => `auth-ip:${request.ip}`,
  };
}
