import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

/** Where the reference page lives and the document it shows. */
const ROUTE_PREFIX = '/api/docs';
const DOCUMENT_URL = '/api/openapi.json';
/** Headers of the reference plugin's answers that mean something to a browser; the rest are per connection. */
const FORWARDED_HEADERS = ['content-type', 'location'];

/**
 * The API reference page (Scalar): `/api/docs/` and the script it loads. Scalar's plugin holds a 4.8 MB script
 * and adds ~30 MB to the process, for a page few visit, so it is loaded on the first visit into a small app of
 * its own, and our routes hand requests to that app.
 */
export function registerApiReference(docs: FastifyInstance): void {
  let reference: Promise<FastifyInstance> | undefined;
  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    reference ??= buildReferenceApp();
    const answer = await (await reference).inject({ method: 'GET', url: request.url });
    for (const name of FORWARDED_HEADERS) {
      const value = answer.headers[name];
      if (value !== undefined) reply.header(name, value);
    }
    return reply.code(answer.statusCode).send(answer.rawPayload);
  };
  const options = { schema: { hide: true } };
  docs.get(`${ROUTE_PREFIX}/`, options, forward);
  docs.get(`${ROUTE_PREFIX}/js/scalar.js`, options, forward);
}

async function buildReferenceApp(): Promise<FastifyInstance> {
  const { default: scalar } = await import('@scalar/fastify-api-reference');
  // The same trailing-slash rule as the API, so that the plugin answers `/api/docs` with its redirect.
  const app = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
  await app.register(scalar, { routePrefix: ROUTE_PREFIX, configuration: { url: DOCUMENT_URL } });
  await app.ready();
  return app;
}
