import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicAccess } from '../http/access.ts';
import type { Mailer } from './mailer.ts';

/**
 * The development mailbox: without SMTP, mail (magic links, invitations) is only recorded, and a server
 * bound to loopback shows it here. It is never served when SMTP is configured or the server is reachable
 * from other machines, because a magic link is as good as a password.
 */
export async function mailboxRoutes(root: FastifyInstance, options: { mailer: Mailer }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/dev/mailbox',
    {
      config: { access: publicAccess },
      schema: {
        tags: ['development'],
        summary: 'Mail recorded without SMTP (loopback development servers only)',
        querystring: z.strictObject({ to: z.email().optional(), kind: z.string().max(40).optional() }),
        response: {
          200: z.array(
            z.object({
              id: z.uuid(),
              to: z.string(),
              subject: z.string(),
              text: z.string(),
              kind: z.string(),
              created_at: z.date(),
            }),
          ),
        },
      },
    },
    async (request) =>
      (await options.mailer.list(request.query)).map((m) => ({
        id: m.id,
        to: m.toAddress,
        subject: m.subject,
        text: m.textBody,
        kind: m.kind,
        created_at: m.createdAt,
      })),
  );
}

export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');
}
