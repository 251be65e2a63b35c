import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RateSpec } from '../../../platform/config/config.ts';
import type { SlidingWindow } from './sliding-window.ts';

export interface ThrottleOptions {
  window: SlidingWindow;
  apiKey: RateSpec;
  serviceKey: RateSpec;
}

/**
 * Plane's API-key throttle (contract §1.4). It runs after authentication and permission checks, so a refused
 * caller is neither counted nor told the limit; requests without an API key are not throttled here.
 */
export function planeThrottle(options: ThrottleOptions) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = request.principal;
    if (principal?.kind !== 'api_key') return;
    const rate = principal.token.isService ? options.serviceKey : options.apiKey;
    const now = Date.now();
    const decision = await options.window.hit(principal.token.id, rate.requests, rate.windowMs, now);
    if (!decision.allowed) {
      const wait = Math.max(1, Math.ceil((decision.oldest + rate.windowMs - now) / 1000));
      return reply
        .status(429)
        .header('retry-after', String(wait))
        .send({ error_code: 5900, error_message: 'RATE_LIMIT_EXCEEDED' });
    }
    reply.header('x-ratelimit-remaining', String(Math.max(0, rate.requests - decision.used)));
    reply.header('x-ratelimit-reset', String(Math.floor(now / 1000) + Math.round(rate.windowMs / 1000)));
  };
}
