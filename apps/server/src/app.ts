import type { FastifyInstance } from 'fastify';
import type { Container } from './container.ts';
import { createHttpPlatform } from './platform/http/http-platform.ts';
import { isLoopbackHost, mailboxRoutes } from './platform/mail/mailbox.routes.ts';
import { homeRoutes } from './home.routes.ts';

/** Builds the HTTP application (no listen): tests drive it with inject() or listen on port 0. */
export async function buildApp(container: Container): Promise<FastifyInstance> {
  const { config, database, redis, identity, mailer } = container;
  const app = await createHttpPlatform({
    config,
    logger: container.logger,
    redis,
    readiness: [
      { name: 'database', check: () => database.ping() },
      ...(redis ? [{ name: 'redis', check: async () => void (await redis.ping()) }] : []),
    ],
  });
  await identity.register(app);
  if (!mailer.delivers && config.env !== 'production' && isLoopbackHost(config.host)) {
    await app.register(mailboxRoutes, { mailer });
  }
  await app.register(homeRoutes);
  return app;
}
