import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { publicAccess } from './access.ts';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/** `/health`: the process answers. `/ready`: its dependencies (database, Redis) answer too. */
export function registerHealth(app: FastifyInstance, checks: ReadinessCheck[]): void {
  const config = { access: publicAccess };
  app.get(
    '/health',
    { config, schema: { tags: ['operations'], response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get('/ready', { config, schema: { tags: ['operations'] } }, async (_request, reply) => {
    const results = await Promise.all(
      checks.map(async (c) => {
        try {
          await c.check();
          return [c.name, 'ok'] as const;
        } catch {
          return [c.name, 'unavailable'] as const;
        }
      }),
    );
    const ready = results.every(([, state]) => state === 'ok');
    return reply
      .status(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'not_ready', checks: Object.fromEntries(results) });
  });
}
