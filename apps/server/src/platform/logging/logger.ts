import type { LoggerOptions } from 'pino';

/** Paths that must never reach a log line, whatever the level. */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.secret',
  '*.accessToken',
  '*.refreshToken',
];

/**
 * Bearer secrets that travel in URLs: one-time tokens of e-mailed links and OAuth codes in the query, and our
 * own `prefix_<32 hex>` tokens (invitation links) in the path.
 */
const secretQueryValue = /([?&](?:token|code|state|api_key|key|password|secret)=)[^&#]*/gi;
const secretPathSegment = /\/[a-z][a-z_]*_[0-9a-f]{32}(?=[/?#]|$)/g;

function redactUrl(url: string): string {
  return url.replace(secretPathSegment, '/[redacted]').replace(secretQueryValue, '$1[redacted]');
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

export function loggerOptions(level: string, pretty: boolean): LoggerOptions {
  return {
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    // Fastify's own request serializer, with the URL's secrets taken out.
    serializers: {
      req: (req: LoggedRequest) => ({
        method: req.method,
        url: redactUrl(req.url),
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
}
