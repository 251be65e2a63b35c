import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { ProjectRows } from './project-rows.ts';
import type { Window } from './projects.repository.ts';
import { states } from './states.schema.ts';
import { workItems } from './work-items.schema.ts';

export type StateRow = typeof states.$inferSelect;
export type NewState = typeof states.$inferInsert;

const live = isNull(states.deletedAt);
// Triage states belong to intake; no state endpoint shows them.
const notTriage = eq(states.isTriage, false);
const inSequence = [asc(states.sequence), asc(states.id)];

export class StatesRepository {
  private readonly db: Db;
  private readonly rows: ProjectRows<typeof states>;

  constructor(db: Db) {
    this.db = db;
    this.rows = new ProjectRows(db, states);
  }

  with(tx: Db): StatesRepository {
    return new StatesRepository(tx);
  }

  async insert(rows: NewState[]): Promise<StateRow[]> {
    return this.db.insert(states).values(rows).returning();
  }

  async update(id: string, patch: Partial<NewState>): Promise<StateRow> {
    return this.rows.update(id, patch);
  }

  async list(projectId: string, window: Window): Promise<StateRow[]> {
    return this.rows.list(projectId, window, inSequence, notTriage);
  }

  async count(projectId: string): Promise<number> {
    return this.rows.count(projectId, notTriage);
  }

  async find(projectId: string, id: string): Promise<StateRow | undefined> {
    return this.rows.find(projectId, id, notTriage);
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
    return this.rows.findByName(projectId, name, exceptId);
  }

  async findByExternal(
    projectId: string,
    source: string,
    externalId: string,
    exceptId?: string,
  ): Promise<StateRow | undefined> {
    return this.rows.findByExternal(projectId, source, externalId, exceptId);
  }

  async maxSequence(projectId: string): Promise<number> {
    return (await this.rows.extreme(projectId, 'max', states.sequence)) ?? 0;
  }

  /** The project's default state, else its first visible state (Plane's fallback for new work items). */
  async defaultFor(projectId: string): Promise<StateRow | undefined> {
    const [row] = await this.db
      .select()
      .from(states)
      .where(this.rows.live(projectId, notTriage))
      .orderBy(sql`${states.isDefault} desc`, asc(states.sequence))
      .limit(1);
    return row;
  }

  async clearDefault(projectId: string, exceptId: string): Promise<void> {
    await this.db
      .update(states)
      .set({ isDefault: false, updatedAt: sql`now()` })
      .where(this.rows.live(projectId, and(eq(states.isDefault, true), ne(states.id, exceptId))));
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
