import type { FastifyRequest } from 'fastify';
import { defineErrors } from '../../../platform/errors/app-error.ts';
import type { ErrorBody } from '../../../platform/http/error-handler.ts';

export const PlaneErrors = defineErrors({
  INVALID_PAGINATION: { status: 400, message: 'Invalid cursor parameter.' },
});

/** Codes whose Plane body is `{"detail": message}` (DRF's own exceptions). */
const detailCodes = new Set(['CSRF_REJECTED', 'PAYLOAD_TOO_LARGE', 'INVALID_PAGINATION']);

/**
 * Turns our error body into the one Plane's server sends for the same situation (contract §1.2, §1.5, §1.7):
 * DRF's `{"detail": ...}` for authentication, permission and parsing, `{"field": ["message"]}` for validation,
 * `{"error": ..., ...}` for rules checked by the handlers, `{"field": "message"}` for a few uniqueness clashes.
 */
export function planeErrorBody(status: number, body: ErrorBody, request: FastifyRequest): unknown {
  const { code, message, field, details } = body.error;
  switch (code) {
    case 'UNAUTHENTICATED':
      return { detail: 'Authentication credentials were not provided.' };
    case 'INVALID_API_KEY':
      return { detail: 'Given API token is not valid' };
    case 'FORBIDDEN':
      return { detail: 'You do not have permission to perform this action.' };
    case 'ROUTE_NOT_FOUND':
      return { error: 'Page not found.' };
    case 'METHOD_NOT_ALLOWED':
      return { detail: `Method "${request.method}" not allowed.` };
    case 'INVALID_JSON':
      return { detail: `JSON parse error - ${message}` };
    case 'UNSUPPORTED_MEDIA_TYPE':
      return { detail: `Unsupported media type "${request.headers['content-type'] ?? ''}" in request.` };
    case 'VALIDATION_FAILED':
      return (
        (details?.fields as Record<string, string[]> | undefined) ?? {
          [field ?? 'non_field_errors']: [message],
        }
      );
    case 'ACTIVITY_NOT_FOUND':
      return { message, code: 'NOT_FOUND' };
  }
  if (status >= 500) return { error: 'Something went wrong please try again later' };
  if (detailCodes.has(code)) return { detail: message };
  if (field) return { [field]: message };
  return { error: message, ...(details ?? {}) };
}
