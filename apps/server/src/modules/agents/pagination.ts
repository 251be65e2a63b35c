import { z } from 'zod';

/**
 * Plane's list envelope and cursor (`<per_page>:<page>:<is_prev>`), so one client loop pages through every
 * list of the public API: read `results`, follow `next_cursor` while `next_page_results` is true.
 */
export const pageQuery = {
  per_page: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z
    .string()
    .regex(/^\d+(?:\.\d+)?:\d+:[01]$/, 'use the next_cursor or prev_cursor of a previous page')
    .optional(),
};

export interface PageRequest {
  perPage: number;
  page: number;
  offset: number;
}

export function pageRequest(query: { per_page: number; cursor?: string }): PageRequest {
  const page = query.cursor ? Number(query.cursor.split(':')[1]) : 0;
  return { perPage: query.per_page, page, offset: page * query.per_page };
}

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

export function toPage<T>(request: PageRequest, rows: T[], total: number) {
  const { perPage, page, offset } = request;
  return {
    grouped_by: null,
    sub_grouped_by: null,
    total_count: total,
    next_cursor: `${perPage}:${page + 1}:0`,
    prev_cursor: `${perPage}:${page - 1}:1`,
    next_page_results: offset + rows.length < total,
    prev_page_results: page > 0,
    count: rows.length,
    total_pages: Math.ceil(total / perPage),
    total_results: total,
    extra_stats: null,
    results: rows,
  };
}
