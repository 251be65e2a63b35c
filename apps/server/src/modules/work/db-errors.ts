import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { Transactor } from '../../platform/events/transactor.ts';
import { WorkErrors } from './work.errors.ts';

/** Runs a unit of work in one transaction. */
export interface Writer {
  run<T>(work: (tx: Db) => Promise<T>): Promise<T>;
}

/** True when a write broke a unique index (PostgreSQL 23505), however the driver wrapped the error. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}

/**
 * The platform transactor, with Plane's answer to a uniqueness race that slipped past the service's own checks
 * (two requests inserting the same name at once): 400 "The payload is not valid", never a 500.
 */
export function uniqueSafe(transactor: Transactor): Writer {
  return {
    async run(work) {
      try {
        return await transactor.run(work);
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError(WorkErrors.PAYLOAD_INVALID);
        throw error;
      }
    },
  };
}
