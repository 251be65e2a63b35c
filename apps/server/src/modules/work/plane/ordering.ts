import { AppError } from '../../../platform/errors/app-error.ts';

export interface Ordering {
  key: string;
  descending: boolean;
}

/** `order_by=field` or `-field`. Plane fails with a 500 on an unknown field; a 400 naming it is kinder. */
export function parseOrdering(
  value: string | undefined,
  allowed: readonly string[],
  fallback: string,
): Ordering {
  const raw = value?.trim() || fallback;
  const descending = raw.startsWith('-');
  const key = descending ? raw.slice(1) : raw;
  if (!allowed.includes(key)) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'order_by',
      message: `"${raw}" is not a valid choice.`,
    });
  }
  return { key, descending };
}

/**
 * Plane's `sort_order` for a new row: 65535 for the first, else a step of 10000 past the highest (lists that add
 * at the end) or before the lowest (lists that show the newest first).
 */
export function sortOrderAfter(highest: number | null): number {
  return highest === null ? 65535 : highest + 10000;
}

export function sortOrderBefore(lowest: number | null): number {
  return lowest === null ? 65535 : lowest - 10000;
}
