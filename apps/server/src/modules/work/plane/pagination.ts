import { AppError } from '../../../platform/errors/app-error.ts';
import type { PageRequest } from '../../../platform/http/pagination.ts';
import { PlaneErrors } from './errors.ts';

export interface PageQuery {
  per_page?: string | undefined;
  cursor?: string | undefined;
}

const MAX_PER_PAGE = 1000;

function invalid(message: string): AppError {
  return new AppError(PlaneErrors.INVALID_PAGINATION, { message });
}

/**
 * Plane's offset cursor: `"<per_page>:<page>:<is_prev>"`. The page is read against the current per_page (the
 * cursor's first number is not used), exactly as Plane's paginator does (contract §1.5).
 */
export function parsePage(query: PageQuery, defaultPerPage = MAX_PER_PAGE): PageRequest {
  const perPage = query.per_page === undefined ? defaultPerPage : parseInteger(query.per_page);
  if (perPage === undefined || perPage < 1) throw invalid('Invalid per_page parameter.');
  if (perPage > MAX_PER_PAGE) throw invalid(`Invalid per_page value. Cannot exceed ${MAX_PER_PAGE}.`);
  let page = 0;
  if (query.cursor !== undefined) {
    const bits = query.cursor.split(':');
    const [value, pageText, isPrev] = bits;
    const numeric = value !== undefined && /^-?\d+(\.\d*)?$/.test(value);
    page = parseInteger(pageText ?? '') ?? Number.NaN;
    if (bits.length !== 3 || !numeric || Number.isNaN(page) || parseInteger(isPrev ?? '') === undefined) {
      throw invalid('Invalid cursor parameter.');
    }
    if (page < 0) throw invalid('Error in parsing');
  }
  return { perPage, page, offset: page * perPage };
}

/** Rows to fetch for a page: one more than it shows, to learn whether another page follows. */
export function fetchWindow(page: PageRequest): { limit: number; offset: number } {
  return { limit: page.perPage + 1, offset: page.offset };
}

function parseInteger(text: string): number | undefined {
  return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}
