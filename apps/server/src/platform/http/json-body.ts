import type { FastifyInstance } from 'fastify';

/**
 * JSON bodies, with one leniency: an empty body is no body. Plane's SDK sends Content-Type: application/json
 * on GET and DELETE with nothing after it, and that must not be an error. Nothing else is parsed: text/plain
 * is what a cross-site form can send without a preflight, so it gets 415 like any other type.
 */
export function registerJsonParser(app: FastifyInstance): void {
  const strict = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') return done(null, undefined);
    strict(request, text, done);
  });
}
