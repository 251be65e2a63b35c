import { and, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, gte, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/database.ts';
import { workItemActivities } from './activities.schema.ts';
import { cycles, cycleWorkItems } from './cycles.schema.ts';
import { workItemPoints } from './estimates.repository.ts';
import { ProjectRows } from './project-rows.ts';
import type { Window } from './projects.repository.ts';
import { states, type StateGroup } from './states.schema.ts';
import { workItems } from './work-items.schema.ts';

export type CycleRow = typeof cycles.$inferSelect;
export type NewCycle = typeof cycles.$inferInsert;
export type CycleLinkRow = typeof cycleWorkItems.$inferSelect;
export type CycleLink = CycleLinkRow & { subIssuesCount: number };

/** `cycle_view` of the list (contract §2.12). */
export const cycleViews = ['all', 'current', 'upcoming', 'completed', 'draft', 'incomplete'] as const;
export type CycleView = (typeof cycleViews)[number];

/** Work items per state group (and their points) in a cycle; see cycle-progress.ts. */
export interface GroupTally {
  cycleId: string;
  group: string;
  items: number;
  points: number;
}

/**
 * What the burndown reads of one item: its life, its estimate point and legacy `point` now, and its state, cycle
 * and estimate point history.
 */
export interface ItemHistoryRow {
  id: string;
  createdAt: string;
  deletedAt: string | null;
  estimatePointId: string | null;
  /** The legacy 0–12 `point`, which keeps no history: what counts when no estimate point does. */
  legacyPoint: number | null;
  stateId: string;
  inCycle: boolean;
}
export interface ChangeRow {
  workItemId: string;
  field: string;
  oldIdentifier: string | null;
  newIdentifier: string | null;
  /** The values, read for estimate points written before the history kept their ids as identifiers. */
  oldValue: string | null;
  newValue: string | null;
  createdAt: string;
}

const liveLink = isNull(cycleWorkItems.deletedAt);
const openGroups: StateGroup[] = ['backlog', 'unstarted', 'started'];

function viewCondition(view: CycleView, now: string): SQL | undefined {
  switch (view) {
    case 'current':
      return and(lte(cycles.startDate, now), gte(cycles.endDate, now));
    case 'upcoming':
      return gt(cycles.startDate, now);
    case 'completed':
      return lt(cycles.endDate, now);
    case 'draft':
      return and(isNull(cycles.startDate), isNull(cycles.endDate));
    case 'incomplete':
      return or(gte(cycles.endDate, now), isNull(cycles.endDate));
    case 'all':
      return undefined;
  }
}

const archived = (yes: boolean) => (yes ? isNotNull(cycles.archivedAt) : isNull(cycles.archivedAt));
const newestFirst = [desc(cycles.createdAt), desc(cycles.id)];

export class CyclesRepository {
  private readonly db: Db;
  private readonly rows: ProjectRows<typeof cycles>;

  constructor(db: Db) {
    this.db = db;
    this.rows = new ProjectRows(db, cycles);
  }

  with(tx: Db): CyclesRepository {
    return new CyclesRepository(tx);
  }

  async insert(row: NewCycle): Promise<CycleRow> {
    return this.rows.insert(row);
  }

  async update(id: string, patch: Partial<NewCycle>): Promise<CycleRow> {
    return this.rows.update(id, patch);
  }

  /** A live cycle of the project; `archived` narrows it to archived (true) or not archived (false) ones. */
  async find(
    projectId: string,
    id: string,
    options: { archived?: boolean } = {},
  ): Promise<CycleRow | undefined> {
    return this.rows.find(
      projectId,
      id,
      options.archived === undefined ? undefined : archived(options.archived),
    );
  }

  async findByIds(projectId: string, ids: string[]): Promise<CycleRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(cycles)
      .where(this.rows.live(projectId, inArray(cycles.id, ids)));
  }

  async list(projectId: string, view: CycleView, isArchived: boolean, now: Date, window: Window) {
    return this.rows.list(
      projectId,
      window,
      newestFirst,
      and(archived(isArchived), viewCondition(view, now.toISOString())),
    );
  }

  async count(projectId: string, view: CycleView, isArchived: boolean, now: Date): Promise<number> {
    return this.rows.count(projectId, and(archived(isArchived), viewCondition(view, now.toISOString())));
  }

  async minSortOrder(projectId: string): Promise<number | null> {
    return this.rows.extreme(projectId, 'min', cycles.sortOrder);
  }

  async findByExternal(projectId: string, source: string, externalId: string, exceptId?: string) {
    return this.rows.findByExternal(projectId, source, externalId, exceptId);
  }

  /** Items per state group and their points, per cycle: live, not archived, not draft items only. */
  async tally(cycleIds: string[]): Promise<GroupTally[]> {
    if (cycleIds.length === 0) return [];
    return this.db
      .select({
        cycleId: cycleWorkItems.cycleId,
        group: states.group,
        items: sql<number>`count(*)::int`,
        points: sql<number>`coalesce(sum(${workItemPoints}), 0)::float8`,
      })
      .from(cycleWorkItems)
      .innerJoin(
        workItems,
        and(
          eq(workItems.id, cycleWorkItems.workItemId),
          isNull(workItems.deletedAt),
          isNull(workItems.archivedAt),
          eq(workItems.isDraft, false),
        ),
      )
      .innerJoin(states, eq(states.id, workItems.stateId))
      .where(and(inArray(cycleWorkItems.cycleId, cycleIds), liveLink))
      .groupBy(cycleWorkItems.cycleId, states.group);
  }

  // --- cycle-issue links ---

  async links(cycleId: string): Promise<CycleLink[]> {
    return this.linkQuery(eq(cycleWorkItems.cycleId, cycleId));
  }

  async link(cycleId: string, workItemId: string): Promise<CycleLink | undefined> {
    const [row] = await this.linkQuery(
      and(eq(cycleWorkItems.cycleId, cycleId), eq(cycleWorkItems.workItemId, workItemId)),
    );
    return row;
  }

  /** The live links of these items, whatever their cycle. */
  async linksOfItems(workItemIds: string[]): Promise<CycleLinkRow[]> {
    if (workItemIds.length === 0) return [];
    return this.db
      .select()
      .from(cycleWorkItems)
      .where(and(inArray(cycleWorkItems.workItemId, workItemIds), liveLink));
  }

  /** Links of the cycle whose live item is still open (backlog, unstarted or started). */
  async openLinks(cycleId: string): Promise<CycleLinkRow[]> {
    return this.db
      .select({ link: cycleWorkItems })
      .from(cycleWorkItems)
      .innerJoin(workItems, and(eq(workItems.id, cycleWorkItems.workItemId), isNull(workItems.deletedAt)))
      .innerJoin(states, eq(states.id, workItems.stateId))
      .where(and(eq(cycleWorkItems.cycleId, cycleId), liveLink, inArray(states.group, openGroups)))
      .then((rows) => rows.map((r) => r.link));
  }

  async insertLinks(rows: Array<typeof cycleWorkItems.$inferInsert>): Promise<void> {
    if (rows.length > 0) await this.db.insert(cycleWorkItems).values(rows);
  }

  async moveLinks(ids: string[], cycleId: string, by: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .update(cycleWorkItems)
      .set({ cycleId, updatedBy: by, updatedAt: sql`now()` })
      .where(inArray(cycleWorkItems.id, ids));
  }

  async removeLinks(ids: string[], by: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .update(cycleWorkItems)
      .set({ deletedAt: sql`now()`, updatedAt: sql`now()`, updatedBy: by })
      .where(inArray(cycleWorkItems.id, ids));
  }

  // --- burndown ---

  /**
   * Every item that is or ever was in the cycle (by its history), with its state, cycle and estimate point
   * changes in order.
   * Archived and draft items are left out, as the cycle's counts leave them out.
   */
  async history(cycleId: string): Promise<{ items: ItemHistoryRow[]; changes: ChangeRow[] }> {
    const ids = rowsOf<{ id: string }>(
      await this.db.execute(sql`
        select a.work_item_id as id from ${workItemActivities} a
          where a.field = 'cycles' and (a.old_identifier = ${cycleId} or a.new_identifier = ${cycleId})
        union
        select l.work_item_id from ${cycleWorkItems} l where l.cycle_id = ${cycleId} and l.deleted_at is null`),
    ).map((r) => r.id);
    if (ids.length === 0) return { items: [], changes: [] };
    const items = await this.db
      .select({
        id: workItems.id,
        createdAt: workItems.createdAt,
        deletedAt: workItems.deletedAt,
        estimatePointId: workItems.estimatePointId,
        legacyPoint: workItems.point,
        stateId: workItems.stateId,
        inCycle: sql<boolean>`exists (select 1 from ${cycleWorkItems} l where l.work_item_id = "work_items"."id"
          and l.cycle_id = ${cycleId} and l.deleted_at is null)`,
      })
      .from(workItems)
      .where(and(inArray(workItems.id, ids), isNull(workItems.archivedAt), eq(workItems.isDraft, false)));
    const changes = await this.db
      .select({
        workItemId: workItemActivities.workItemId,
        field: workItemActivities.field,
        oldIdentifier: workItemActivities.oldIdentifier,
        newIdentifier: workItemActivities.newIdentifier,
        oldValue: workItemActivities.oldValue,
        newValue: workItemActivities.newValue,
        createdAt: workItemActivities.createdAt,
      })
      .from(workItemActivities)
      .where(
        and(
          inArray(
            workItemActivities.workItemId,
            items.map((i) => i.id),
          ),
          inArray(workItemActivities.field, ['state', 'cycles', 'estimate_point']),
          isNull(workItemActivities.deletedAt),
        ),
      )
      .orderBy(workItemActivities.createdAt, workItemActivities.seq);
    return { items, changes: changes as ChangeRow[] };
  }

  /** The group of every state the project ever had (deleted ones too: old history names them). */
  async stateGroups(projectId: string): Promise<Map<string, string>> {
    const rows = await this.db
      .select({ id: states.id, group: states.group })
      .from(states)
      .where(eq(states.projectId, projectId));
    return new Map(rows.map((r) => [r.id, r.group]));
  }

  private async linkQuery(where: SQL | undefined): Promise<CycleLink[]> {
    const rows = await this.db
      .select({
        link: cycleWorkItems,
        subIssuesCount: sql<number>`(select count(*)::int from ${workItems} c
          where c.parent_id = ${cycleWorkItems.workItemId} and c.deleted_at is null)`,
      })
      .from(cycleWorkItems)
      .innerJoin(workItems, and(eq(workItems.id, cycleWorkItems.workItemId), isNull(workItems.deletedAt)))
      .where(and(where, liveLink))
      .orderBy(cycleWorkItems.createdAt, workItems.sequenceId);
    return rows.map((r) => ({ ...r.link, subIssuesCount: r.subIssuesCount }));
  }
}
