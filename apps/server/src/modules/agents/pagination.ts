import { z } from 'zod';
import type { PageRequest } from '../../platform/http/pagination.ts';

/** Query parameters of the agents' lists: the platform's cursor format, validated by the route schema. */
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
