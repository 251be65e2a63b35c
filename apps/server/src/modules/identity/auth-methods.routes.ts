import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../platform/config/config.ts';
import { publicAccess } from '../../platform/http/access.ts';

export interface AuthMethods {
  password: boolean;
  magic_link: boolean;
  oauth: Array<{ id: 'github' | 'google'; name: string }>;
}

/**
 * Which ways to sign in this server offers, so the sign-in screen shows only buttons that work. Magic
 * links need mail that reaches people: SMTP, or a development server where mail is recorded to read.
 */
export function authMethods(config: Config, mailDelivers: boolean): AuthMethods {
  const oauth: AuthMethods['oauth'] = [];
  if (config.oauth.github) oauth.push({ id: 'github', name: 'GitHub' });
  if (config.oauth.google) oauth.push({ id: 'google', name: 'Google' });
  return { password: true, magic_link: mailDelivers || config.env !== 'production', oauth };
}

export async function authMethodsRoutes(root: FastifyInstance, options: { methods: AuthMethods }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/auth-methods',
    {
      config: { access: publicAccess },
      schema: {
        tags: ['me'],
        summary: 'Ways to sign in that this server offers (no sign-in needed)',
        response: {
          200: z.object({
            password: z.boolean(),
            magic_link: z.boolean(),
            oauth: z.array(z.object({ id: z.enum(['github', 'google']), name: z.string() })),
          }),
        },
      },
    },
    async () => options.methods,
  );
}
