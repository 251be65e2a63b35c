import type { FastifyInstance } from 'fastify';
import { publicAccess } from './platform/http/access.ts';

/** The server's front door until the web app is served here: what is running and where to go next. */
export async function homeRoutes(app: FastifyInstance) {
  app.get('/', { config: { access: publicAccess }, schema: { hide: true } }, async (_request, reply) => {
    reply.type('text/html; charset=utf-8');
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Agency OS</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Agency OS is running</h1>
<p>The API is served under <code>/api</code>. Sign in with <code>POST /api/auth/sign-in/email</code> or use an
<code>X-API-Key</code> header.</p>
<ul>
<li><a href="/api/docs">API reference</a> (<a href="/api/openapi.json">OpenAPI document</a>)</li>
<li><a href="/ready">Readiness</a> and <a href="/metrics">metrics</a></li>
</ul>
</body></html>`;
  });
}
