import { and, count, eq, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/database.ts';
import { sameExternalKey, type ExternallyKeyed } from './external-key.ts';
import type { Window } from './projects.repository.ts';

/** A project-scoped table with Plane's soft delete. */
export type ProjectTable = PgTable & {
  id: PgColumn;
  projectId: PgColumn;
  deletedAt: PgColumn;
  updatedAt: PgColumn;
};

/**
 * Writes, finds, lists and counts over the live (not soft-deleted) rows of one project, each narrowed further by
 * `where`. The repeated core of every project-scoped repository; the repository keeps its special reads and writes.
 * Rows that belong to a narrower parent (a work item's comments, an intake's records) pass that column as `scope`:
 * the reads then take the parent's id where they say `projectId`.
 */
export class ProjectRows<T extends ProjectTable> {
  private readonly db: Db;
  private readonly table: T;
  private readonly scope: PgColumn;

  constructor(db: Db, table: T, scope: PgColumn = table.projectId) {
    this.db = db;
    this.table = table;
    this.scope = scope;
  }

  live(projectId: string, where?: SQL): SQL {
    return and(eq(this.scope, projectId), isNull(this.table.deletedAt), where)!;
  }

  async insert(row: T['$inferInsert']): Promise<T['$inferSelect']> {
    const [created] = (await this.db
      .insert(this.table as PgTable)
      .values(row)
      .returning()) as T['$inferSelect'][];
    return created!;
  }

  /** Patches one row by id and stamps `updated_at`. */
  async update(id: string, patch: Partial<T['$inferInsert']>): Promise<T['$inferSelect']> {
    const [row] = (await this.db
      .update(this.table as PgTable)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(this.table.id, id))
      .returning()) as T['$inferSelect'][];
    return row!;
  }

  async find(projectId: string, id: string, where?: SQL): Promise<T['$inferSelect'] | undefined> {
    const rows = (await this.db
      .select()
      .from(this.table as PgTable)
      .where(this.live(projectId, and(eq(this.table.id, id), where)))) as T['$inferSelect'][];
    return rows[0];
  }

  /** The live row of the project with this name (names are unique per project), other than `exceptId`. */
  async findByName(
    this: ProjectRows<T & { name: PgColumn }>,
    projectId: string,
    name: string,
    exceptId?: string,
  ): Promise<T['$inferSelect'] | undefined> {
    return this.first(
      this.live(
        projectId,
        and(eq(this.table.name, name), exceptId ? ne(this.table.id, exceptId) : undefined),
      ),
    );
  }

  /** Contract §1.9: the live row of the project that already uses this external pair, other than `exceptId`. */
  async findByExternal(
    this: ProjectRows<T & ExternallyKeyed>,
    projectId: string,
    source: string,
    externalId: string,
    exceptId?: string,
  ): Promise<T['$inferSelect'] | undefined> {
    return this.first(sameExternalKey(this.table, projectId, source, externalId, exceptId));
  }

  async list(projectId: string, window: Window, orderBy: SQL[], where?: SQL): Promise<T['$inferSelect'][]> {
    return (await this.db
      .select()
      .from(this.table as PgTable)
      .where(this.live(projectId, where))
      .orderBy(...orderBy)
      .limit(window.limit)
      .offset(window.offset)) as T['$inferSelect'][];
  }

  async count(projectId: string, where?: SQL): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(this.table as PgTable)
      .where(this.live(projectId, where));
    return row?.n ?? 0;
  }

  /** The least or greatest value of a numeric column over the live rows (null when there are none). */
  async extreme(projectId: string, fn: 'min' | 'max', column: PgColumn): Promise<number | null> {
    const [row] = await this.db
      .select({ value: sql<number | null>`${sql.raw(fn)}(${column})` })
      .from(this.table as PgTable)
      .where(this.live(projectId));
    return row?.value ?? null;
  }

  private async first(where: SQL | undefined): Promise<T['$inferSelect'] | undefined> {
    const rows = (await this.db
      .select()
      .from(this.table as PgTable)
      .where(where)
      .limit(1)) as T['$inferSelect'][];
    return rows[0];
  }
}
