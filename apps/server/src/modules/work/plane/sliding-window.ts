import type { Redis } from 'ioredis';

export interface WindowDecision {
  allowed: boolean;
  /** Requests in the window, this one included when it was allowed. */
  used: number;
  /** Epoch ms of the oldest request still in the window (when refused: when a slot frees). */
  oldest: number;
}

export interface SlidingWindow {
  hit(key: string, limit: number, windowMs: number, now: number): Promise<WindowDecision>;
}

/**
 * A sliding window of request timestamps per key, like DRF's SimpleRateThrottle: a refused request is not
 * recorded. In memory for a single process; in Redis (one sorted set per key) when instances share the limit.
 */
export class MemoryWindow implements SlidingWindow {
  private readonly history = new Map<string, number[]>();
  private hits = 0;

  async hit(key: string, limit: number, windowMs: number, now: number): Promise<WindowDecision> {
    if (++this.hits % 1000 === 0) this.sweep(now - windowMs);
    const kept = this.history.get(key) ?? [];
    // Oldest first: drop the expired head in place rather than copy the window on every request (with a high
    // limit it holds a minute of traffic).
    let expired = 0;
    while (expired < kept.length && kept[expired]! <= now - windowMs) expired++;
    kept.splice(0, expired);
    const allowed = kept.length < limit;
    if (allowed) kept.push(now);
    if (kept.length > 0) this.history.set(key, kept);
    else this.history.delete(key);
    return { allowed, used: kept.length, oldest: kept[0] ?? now };
  }

  /** Forgets keys whose requests have all left the window, so idle keys do not pile up. */
  private sweep(before: number): void {
    for (const [key, times] of this.history) if ((times.at(-1) ?? 0) <= before) this.history.delete(key);
  }
}

// Trims the window, admits the request if there is room, and reports the count and the oldest entry, atomically.
const script = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
local used = redis.call('ZCARD', KEYS[1])
local allowed = 0
if used < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  used = used + 1
  allowed = 1
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2] or ARGV[1]
return {allowed, used, oldest}
`;

export class RedisWindow implements SlidingWindow {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(redis: Redis, prefix = 'agency-os:plane-rl:') {
    this.redis = redis;
    this.prefix = prefix;
  }

  async hit(key: string, limit: number, windowMs: number, now: number): Promise<WindowDecision> {
    const member = `${now}-${Math.random().toString(36).slice(2)}`;
    const [allowed, used, oldest] = (await this.redis.eval(
      script,
      1,
      this.prefix + key,
      now,
      windowMs,
      limit,
      member,
    )) as [number, number, string];
    return { allowed: allowed === 1, used, oldest: Number(oldest) };
  }
}
