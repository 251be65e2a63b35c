import { and, asc, count, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { sameExternalKey } from './external-key.ts';
import type { Window } from './projects.repository.ts';
import { states } from './states.schema.ts';
import { workItems } from './work-items.schema.ts';

export type StateRow = typeof states.$inferSelect;
export type NewState = typeof states.$inferInsert;

const live = isNull(states.deletedAt);
// Triage states belong to intake; no state endpoint shows them.
const visible = and(live, eq(states.isTriage, false));

export class StatesRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  with(tx: Db): StatesRepository {
    return new StatesRepository(tx);
  }

  async insert(rows: NewState[]): Promise<StateRow[]> {
    return this.db.insert(states).values(rows).returning();
  }

  async update(id: string, patch: Partial<NewState>): Promise<StateRow> {
    const [row] = await this.db
      .update(states)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(states.id, id))
      .returning();
    return row!;
  }

  async list(projectId: string, window: Window): Promise<StateRow[]> {
    return this.db
      .select()
      .from(states)
      .where(and(eq(states.projectId, projectId), visible))
      .orderBy(asc(states.sequence), asc(states.id))
      .limit(window.limit)
      .offset(window.offset);
  }

  async count(projectId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(states)
      .where(and(eq(states.projectId, projectId), visible));
    return row?.n ?? 0;
  }

  async find(projectId: string, id: string): Promise<StateRow | undefined> {
    const [row] = await this.db
      .select()
      .from(states)
      .where(and(eq(states.projectId, projectId), eq(states.id, id), visible));
    return row;
  }

  /** A live state with this id in another project of the workspace: tells "not this project's" from "unknown". */
  async existsInWorkspace(workspaceId: string, id: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: states.id })
      .from(states)
      .where(and(eq(states.id, id), eq(states.workspaceId, workspaceId), live));
    return row !== undefined;
  }

  async findByIds(ids: string[]): Promise<StateRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(states)
      .where(and(inArray(states.id, ids), live));
  }

  async findByName(projectId: string, name: string, exceptId?: string): Promise<StateRow | undefined> {
    const [row] = await this.db
      .select()
      .from(states)
      .where(
        and(
          eq(states.projectId, projectId),
          eq(states.name, name),
          live,
          exceptId ? ne(states.id, exceptId) : undefined,
        ),
      );
    return row;
  }

  async findByExternal(
    projectId: string,
    source: string,
    externalId: string,
    exceptId?: string,
  ): Promise<StateRow | undefined> {
    const [row] = await this.db
      .select()
      .from(states)
      .where(sameExternalKey(states, projectId, source, externalId, exceptId));
    return row;
  }

  async maxSequence(projectId: string): Promise<number> {
    const [row] = await this.db
      .select({ max: sql<number | null>`max(${states.sequence})` })
      .from(states)
      .where(and(eq(states.projectId, projectId), live));
    return row?.max ?? 0;
  }

  /** The project's default state, else its first visible state (Plane's fallback for new work items). */
  async defaultFor(projectId: string): Promise<StateRow | undefined> {
    const [row] = await this.db
      .select()
      .from(states)
      .where(and(eq(states.projectId, projectId), visible))
      .orderBy(sql`${states.isDefault} desc`, asc(states.sequence))
      .limit(1);
    return row;
  }

  async clearDefault(projectId: string, exceptId: string): Promise<void> {
    await this.db
      .update(states)
      .set({ isDefault: false, updatedAt: sql`now()` })
      .where(and(eq(states.projectId, projectId), eq(states.isDefault, true), ne(states.id, exceptId), live));
  }

  /** Whether any live work item (archived and drafts included) is in this state. */
  async isInUse(id: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: workItems.id })
      .from(workItems)
      .where(and(eq(workItems.stateId, id), isNull(workItems.deletedAt)))
      .limit(1);
    return row !== undefined;
  }
}
