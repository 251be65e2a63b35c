import { createRequire } from 'node:module';
import type * as SocketIoRedisAdapter from '@socket.io/redis-adapter';
import type * as IoRedis from 'ioredis';
import type { Redis } from 'ioredis';

/**
 * Redis clients are loaded only by a process that has REDIS_URL: ioredis alone adds ~25 MB to one that does
 * not. Both packages are CommonJS, so a synchronous require keeps the container's wiring synchronous.
 */
const require = createRequire(import.meta.url);

export function connectRedis(url: string): Redis {
  const { Redis } = require('ioredis') as typeof IoRedis;
  return new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
}

/** The Socket.IO adapter that fans every emit out to the other realtime processes through Redis. */
export function redisAdapter(pub: Redis, sub: Redis): ReturnType<typeof SocketIoRedisAdapter.createAdapter> {
  const { createAdapter } = require('@socket.io/redis-adapter') as typeof SocketIoRedisAdapter;
  return createAdapter(pub, sub);
}
