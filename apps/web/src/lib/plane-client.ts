import { ApiError } from './api-client.ts';
import type { PlanePage } from './plane-types.ts';

/**
 * The Plane-compatible API under /api/v1, with the session cookie. Plane answers errors in its own shapes
 * (`{"detail"}`, `{"error"}`, `{"field": ["message"]}`); this turns them into the app's ApiError, naming the
 * field when there is one, so screens handle both APIs alike.
 */
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface PlaneRequest {
  method?: Method;
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
}

export async function planeApi<T>(path: string, options: PlaneRequest = {}): Promise<T> {
  const url = new URL(`/api/v1${path}`, window.location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers:
        options.body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown;
  try {
    data = text === '' ? undefined : JSON.parse(text);
  } catch {
    data = undefined;
  }
  if (!response.ok) throw planeError(response.status, data);
  return data as T;
}

const codeByStatus: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'RATE_LIMITED',
};

const friendly: Record<number, string> = {
  403: 'You do not have permission to do that in this project.',
  404: 'This no longer exists. It may have been deleted.',
  429: 'Too many requests. Wait a moment and try again.',
};

export function planeError(status: number, data: unknown): ApiError {
  const code = codeByStatus[status] ?? `HTTP_${status}`;
  if (data && typeof data === 'object') {
    const body = data as Record<string, unknown>;
    if (typeof body.detail === 'string') return new ApiError(status, code, friendly[status] ?? body.detail);
    if (typeof body.error === 'string')
      return new ApiError(status, code, status === 404 ? friendly[404]! : body.error);
    for (const [field, value] of Object.entries(body)) {
      const message = Array.isArray(value) ? value.find((v) => typeof v === 'string') : value;
      if (typeof message === 'string')
        return new ApiError(status, code, message, field === 'non_field_errors' ? undefined : field);
    }
  }
  return new ApiError(status, code, friendly[status] ?? `The server answered ${status}.`);
}

/** Every page of a Plane list (up to `limit` rows), following `next_cursor`. */
export async function planeListAll<T>(
  path: string,
  options: { query?: Record<string, string | undefined>; signal?: AbortSignal; limit?: number } = {},
): Promise<T[]> {
  const perPage = 1000;
  const limit = options.limit ?? 10_000;
  const rows: T[] = [];
  let cursor: string | undefined = `${perPage}:0:0`;
  while (cursor && rows.length < limit) {
    const page: PlanePage<T> = await planeApi<PlanePage<T>>(path, {
      query: { ...options.query, per_page: perPage, cursor },
      signal: options.signal,
    });
    rows.push(...page.results);
    cursor = page.next_page_results && page.results.length > 0 ? page.next_cursor : undefined;
  }
  return rows;
}

export const workspaceApiPath = (slug: string) => `/workspaces/${encodeURIComponent(slug)}`;
export const projectApiPath = (slug: string, projectId: string) =>
  `${workspaceApiPath(slug)}/projects/${projectId}`;
