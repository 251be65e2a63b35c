import type { FastifyInstance } from 'fastify';
import type { Container } from './container.ts';
import { createHttpPlatform } from './platform/http/http-platform.ts';
import { isLoopbackHost, mailboxRoutes } from './platform/mail/mailbox.routes.ts';
import { webAppRoutes } from './web-app.routes.ts';

/** Builds the HTTP application (no listen): tests drive it with inject() or listen on port 0. */
export async function buildApp(container: Container): Promise<FastifyInstance> {
  const { config, database, redis, identity, work, integrations, agents, jobs, mailer } = container;
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
  await work.register(app);
  await integrations.register(app);
  // Routes enqueue jobs in their transactions; the worker role has opened the queue already.
  await jobs.open();
  await agents.register(app);
  if (!mailer.delivers && config.env !== 'production' && isLoopbackHost(config.host)) {
    await app.register(mailboxRoutes, { mailer });
  }
  await app.register(webAppRoutes, {
    root: config.webDistDir,
    https: config.publicUrl.startsWith('https://'),
  });
  return app;
}
