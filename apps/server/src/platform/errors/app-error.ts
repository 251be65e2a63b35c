/**
 * Transport-neutral errors. Services throw AppError with a registered code; the HTTP layer maps the code to a
 * status and the public error shape. A code that is not registered is a programming error.
 */
export interface ErrorSpec {
  status: number;
  message: string;
}

const registry = new Map<string, ErrorSpec>();

/** Registers a module's error codes; returns them keyed by code so callers get autocompletion. */
export function defineErrors<const T extends Record<string, ErrorSpec>>(specs: T): { [K in keyof T]: K } {
  for (const [code, spec] of Object.entries(specs)) {
    const existing = registry.get(code);
    if (existing && existing.status !== spec.status) throw new Error(`Error code ${code} registered twice`);
    registry.set(code, spec);
  }
  return Object.fromEntries(Object.keys(specs).map((k) => [k, k])) as { [K in keyof T]: K };
}

export function errorSpec(code: string): ErrorSpec | undefined {
  return registry.get(code);
}

export function registeredErrorCodes(): ReadonlyMap<string, ErrorSpec> {
  return registry;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: string,
    options: { message?: string; field?: string; details?: Record<string, unknown> } = {},
  ) {
    const spec = registry.get(code);
    if (!spec) throw new Error(`Unregistered error code: ${code}`);
    super(options.message ?? spec.message);
    this.name = 'AppError';
    this.code = code;
    this.status = spec.status;
    this.field = options.field;
    this.details = options.details;
  }
}

export const CommonErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid.' },
  INVALID_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the request body as application/json.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNAUTHENTICATED: { status: 401, message: 'Authentication credentials were not provided.' },
  INVALID_API_KEY: { status: 403, message: 'Given API token is not valid.' },
  FORBIDDEN: { status: 403, message: 'You do not have permission to perform this action.' },
  CSRF_REJECTED: {
    status: 403,
    message: 'Cross-site request rejected: the Origin header is missing or not allowed.',
  },
  NOT_FOUND: { status: 404, message: 'The requested resource does not exist.' },
  ROUTE_NOT_FOUND: { status: 404, message: 'Page not found.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Method not allowed.' },
  CONFLICT: { status: 409, message: 'The request conflicts with the current state.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; slow down and retry later.' },
  NOT_READY: { status: 503, message: 'The service is not ready.' },
  INTERNAL: { status: 500, message: 'Something went wrong; please try again later.' },
});
