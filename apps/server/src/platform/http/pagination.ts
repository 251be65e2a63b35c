import { z } from 'zod';

/**
 * The API's list envelope and offset cursor, in Plane's format (`<per_page>:<page>:<is_prev>`), so one client
 * loop pages through every list: read `results`, follow `next_cursor` while `next_page_results` is true.
 */
export interface PageRequest {
  perPage: number;
  page: number;
  offset: number;
}

export interface Page<T> {
  grouped_by: null;
  sub_grouped_by: null;
  total_count: number;
  next_cursor: string;
  prev_cursor: string;
  next_page_results: boolean;
  prev_page_results: boolean;
  count: number;
  total_pages: number;
  total_results: number;
  extra_stats: null;
  results: T[];
}

/** Query parameters of a paged list: the cursor format above, validated by the route schema. */
export const pageQuery = {
  per_page: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z
    .string()
    .regex(/^\d+(?:\.\d+)?:\d+:[01]$/, 'use the next_cursor or prev_cursor of a previous page')
    .optional(),
};

export function pageRequest(query: { per_page: number; cursor?: string }): PageRequest {
  const page = query.cursor ? Number(query.cursor.split(':')[1]) : 0;
  return { perPage: query.per_page, page, offset: page * query.per_page };
}

/** The envelope's response schema, field order as Plane sends it. */
export function pageEnvelope<T extends z.ZodType>(item: T) {
  return z.object({
    grouped_by: z.null(),
    sub_grouped_by: z.null(),
    total_count: z.number().int(),
    next_cursor: z.string(),
    prev_cursor: z.string(),
    next_page_results: z.boolean(),
    prev_page_results: z.boolean(),
    count: z.number().int(),
    total_pages: z.number().int(),
    total_results: z.number().int(),
    extra_stats: z.null(),
    results: z.array(item),
  });
}

/** `hasNext` defaults to what the total says; callers that fetched one row extra may know better. */
export function toPage<T>(
  request: PageRequest,
  results: T[],
  total: number,
  hasNext = request.offset + results.length < total,
): Page<T> {
  return {
    grouped_by: null,
    sub_grouped_by: null,
    total_count: total,
    next_cursor: `${request.perPage}:${request.page + 1}:0`,
    prev_cursor: `${request.perPage}:${request.page - 1}:1`,
    next_page_results: hasNext,
    prev_page_results: request.page > 0,
    count: results.length,
    total_pages: Math.ceil(total / request.perPage),
    total_results: total,
    extra_stats: null,
    results,
  };
}
