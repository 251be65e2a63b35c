import { and, eq, isNull, ne, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/** A project-scoped, soft-deleted table that carries Plane's external_source/external_id pair. */
export interface ExternallyKeyed {
  id: PgColumn;
  projectId: PgColumn;
  externalSource: PgColumn;
  externalId: PgColumn;
  deletedAt: PgColumn;
}

/**
 * Contract §1.9: the live rows of the project that already use this external pair — on update, other than the
 * row being patched.
 */
export function sameExternalKey(
  table: ExternallyKeyed,
  projectId: string,
  source: string,
  externalId: string,
  exceptId?: string,
): SQL | undefined {
  return and(
    eq(table.projectId, projectId),
    eq(table.externalSource, source),
    eq(table.externalId, externalId),
    isNull(table.deletedAt),
    exceptId ? ne(table.id, exceptId) : undefined,
  );
}
