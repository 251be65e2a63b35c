/**
 * The one way the web app talks to the server: JSON over fetch with the session cookie. It only turns
 * responses into values or ApiErrors; what a failure means to the user is decided by the screens.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers: options.body === undefined ? { accept: 'application/json' } : jsonHeaders,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text === '' ? undefined : safeJson(text);
  if (!response.ok) throw toApiError(response, data);
  return data as T;
}

const jsonHeaders = { accept: 'application/json', 'content-type': 'application/json' };

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(response: Response, data: unknown): ApiError {
  const error = (data as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
  if (error?.code) return new ApiError(response.status, error.code, error.message ?? error.code, error.field);
  const retryAfter = response.headers.get('retry-after');
  if (response.status === 429)
    return new ApiError(429, 'RATE_LIMITED', `Too many attempts. Try again in ${retryAfter ?? 'a'} seconds.`);
  return new ApiError(response.status, 'HTTP_' + response.status, `The server answered ${response.status}.`);
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
