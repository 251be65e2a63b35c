import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/database.ts';
import { sameExternalKey } from './external-key.ts';
import { labels } from './labels.schema.ts';
import type { Window } from './projects.repository.ts';
import { states } from './states.schema.ts';
import { filterConditions, hasFilters, type Memberships, type WorkItemFilters } from './work-item-filters.ts';
import {
  countedPageSelect,
  countersTotal,
  pageSelect,
  record,
  toRecord,
  visibleIn,
  type WorkItemRecord,
  type WorkItemRow,
} from './work-item-page.ts';
import { workItemAssignees, workItemLabels, workItems, workItemSequences } from './work-items.schema.ts';

export type { WorkItemRecord, WorkItemRow } from './work-item-page.ts';
export type NewWorkItem = typeof workItems.$inferInsert;

export interface WorkItemOrder {
  key: string;
  descending: boolean;
}

const live = isNull(workItems.deletedAt);
const groupRank = sql`(select case s.group when 'backlog' then 0 when 'unstarted' then 1 when 'started' then 2
  when 'completed' then 3 when 'cancelled' then 4 else 5 end from ${states} s where s.id = ${workItems.stateId})`;

/** Sort keys of `order_by` (contract §2.6); a leading `-` reverses them. */
export const workItemOrderKeys: Record<string, SQL> = {
  created_at: sql`${workItems.createdAt}`,
  updated_at: sql`${workItems.updatedAt}`,
  sequence_id: sql`${workItems.sequenceId}`,
  name: sql`${workItems.name}`,
  sort_order: sql`${workItems.sortOrder}`,
  start_date: sql`${workItems.startDate}`,
  target_date: sql`${workItems.targetDate}`,
  completed_at: sql`${workItems.completedAt}`,
  archived_at: sql`${workItems.archivedAt}`,
  point: sql`${workItems.point}`,
  id: sql`${workItems.id}`,
  priority: sql`(case ${workItems.priority} when 'urgent' then 0 when 'high' then 1 when 'medium' then 2
    when 'low' then 3 else 4 end)`,
  state__group: groupRank,
  state__name: groupRank,
  labels__name: sql`(select max(l.name) from ${workItemLabels} wl join ${labels} l on l.id = wl.label_id
    where wl.work_item_id = ${workItems.id} and l.deleted_at is null)`,
  // The first word of the name, as Plane's user-lite `first_name` shows it (identity owns the users table).
  assignees__first_name: sql`(select max(split_part(btrim(u.name), ' ', 1)) from ${workItemAssignees} wa
    join users u on u.id = wa.assignee_id where wa.work_item_id = ${workItems.id})`,
};

export const workItemSortKeys = Object.keys(workItemOrderKeys);

// Keys that are never null: ordered without `nulls last`, so the (project, created_at) index serves the first page
// instead of a sort of every item of the project.
const neverNull = new Set([
  'created_at',
  'updated_at',
  'sequence_id',
  'name',
  'sort_order',
  'id',
  'priority',
]);

/** ORDER BY terms for `order_by` over work items: the key (nulls last), then the sequence as the tie-break. */
export function workItemOrdering(order: WorkItemOrder, keys: Record<string, SQL> = workItemOrderKeys): SQL[] {
  const key = keys[order.key]!;
  const direction = order.descending ? sql`desc` : sql`asc`;
  return [
    neverNull.has(order.key) ? sql`${key} ${direction}` : sql`${key} ${direction} nulls last`,
    order.descending ? desc(workItems.sequenceId) : asc(workItems.sequenceId),
  ];
}

export class WorkItemsRepository {
  private readonly db: Db;
  /** The cycle and module membership tables the `cycle` and `module` list filters read. */
  private readonly memberships: Memberships;
  private readonly pages = new Map<string, UnfilteredPage>();

  constructor(db: Db, memberships: Memberships = {}) {
    this.db = db;
    this.memberships = memberships;
  }

  with(tx: Db): WorkItemsRepository {
    return new WorkItemsRepository(tx, this.memberships);
  }

  async createSequence(projectId: string): Promise<void> {
    await this.db.insert(workItemSequences).values({ projectId, lastValue: 0 });
  }

  /** The next number of the project. The row lock it takes serializes creators until their commit. */
  async nextSequence(projectId: string): Promise<number> {
    const [row] = await this.db
      .update(workItemSequences)
      .set({ lastValue: sql`${workItemSequences.lastValue} + 1` })
      .where(eq(workItemSequences.projectId, projectId))
      .returning({ value: workItemSequences.lastValue });
    return row!.value;
  }

  async insert(row: NewWorkItem): Promise<WorkItemRow> {
    const [created] = await this.db.insert(workItems).values(row).returning();
    return created!;
  }

  async update(id: string, patch: Partial<NewWorkItem>): Promise<void> {
    await this.db
      .update(workItems)
      .set({ updatedAt: sql`now()`, ...patch })
      .where(eq(workItems.id, id));
  }

  async replaceAssignees(item: WorkItemRow, ids: string[], by: string | null): Promise<void> {
    await this.db.delete(workItemAssignees).where(eq(workItemAssignees.workItemId, item.id));
    if (ids.length === 0) return;
    await this.db.insert(workItemAssignees).values(
      ids.map((assigneeId) => ({
        workItemId: item.id,
        assigneeId,
        workspaceId: item.workspaceId,
        projectId: item.projectId,
        createdBy: by,
      })),
    );
  }

  async replaceLabels(item: WorkItemRow, ids: string[], by: string | null): Promise<void> {
    await this.db.delete(workItemLabels).where(eq(workItemLabels.workItemId, item.id));
    if (ids.length === 0) return;
    await this.db.insert(workItemLabels).values(
      ids.map((labelId) => ({
        workItemId: item.id,
        labelId,
        workspaceId: item.workspaceId,
        projectId: item.projectId,
        createdBy: by,
      })),
    );
  }

  /**
   * Any live item of the project (archived, draft or in triage too): what PATCH and DELETE act on. `lock` holds
   * the row until the transaction ends, so concurrent edits are recorded against the value they replaced.
   */
  async find(
    projectId: string,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<WorkItemRecord | undefined> {
    const query = this.db
      .select(record)
      .from(workItems)
      .where(and(eq(workItems.projectId, projectId), eq(workItems.id, id), live));
    const [row] = options.lock ? await query.for('update') : await query;
    return row && toRecord(row);
  }

  /** An item the project's lists show: not in triage, not archived, not a draft. */
  async findVisible(
    projectId: string,
    where: { id: string } | { sequenceId: number },
  ): Promise<WorkItemRecord | undefined> {
    const [row] = await this.db
      .select(record)
      .from(workItems)
      .where(
        and(
          visibleIn(projectId),
          'id' in where ? eq(workItems.id, where.id) : eq(workItems.sequenceId, where.sequenceId),
        ),
      );
    return row && toRecord(row);
  }

  async findByIds(ids: string[]): Promise<WorkItemRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .select(record)
      .from(workItems)
      .where(and(inArray(workItems.id, ids), live));
    return rows.map(toRecord);
  }

  /** A live item with this id in another project of the workspace: tells "not this project's" from "unknown". */
  async existsInWorkspace(workspaceId: string, id: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: workItems.id })
      .from(workItems)
      .where(and(eq(workItems.id, id), eq(workItems.workspaceId, workspaceId), live));
    return row !== undefined;
  }

  async findByExternal(
    projectId: string,
    source: string,
    externalId: string,
  ): Promise<WorkItemRecord | undefined> {
    const [row] = await this.db
      .select(record)
      .from(workItems)
      .where(sameExternalKey(workItems, projectId, source, externalId))
      .limit(1);
    return row && toRecord(row);
  }

  /**
   * A page of the list and the list's total. Unfiltered: one prepared statement whose rows carry the total from
   * the per-state counters (read in the same snapshot). Filtered: one statement that finds the matching items
   * once, counts them and cuts the page.
   */
  async listPage(
    projectId: string,
    order: WorkItemOrder,
    window: Window,
    filters: WorkItemFilters = {},
  ): Promise<{ rows: WorkItemRecord[]; total: number }> {
    const rows = hasFilters(filters)
      ? await countedPageSelect(
          this.db,
          and(visibleIn(projectId), filterConditions(filters, this.memberships)),
          workItemOrdering(order),
          window,
        )
      : await this.unfilteredPage(order).execute({ projectId, ...window });
    // No row to carry the total: an empty project, or a page past its end.
    const total = rows[0]?.total ?? (window.offset === 0 ? 0 : await this.countVisible(projectId, filters));
    return { rows: rows.map(toRecord), total };
  }

  /** A page of the items the filters match, read afresh: `listPage` prepares the unfiltered pages. */
  async list(
    projectId: string,
    order: WorkItemOrder,
    window: Window,
    filters: WorkItemFilters = {},
  ): Promise<WorkItemRecord[]> {
    const where = and(visibleIn(projectId), filterConditions(filters, this.memberships));
    const rows = await pageSelect(this.db, where, workItemOrdering(order), window, {});
    return rows.map(toRecord);
  }

  /** What the list shows in all; without filters, from the per-state counters rather than a pass over the items. */
  async countVisible(projectId: string, filters: WorkItemFilters = {}): Promise<number> {
    if (!hasFilters(filters)) {
      const [row] = rowsOf<{ n: number }>(
        await this.db.execute(sql`select ${countersTotal(projectId)} as n`),
      );
      return row?.n ?? 0;
    }
    const [row] = await this.db
      .select({ n: count() })
      .from(workItems)
      .where(and(visibleIn(projectId), filterConditions(filters, this.memberships)));
    return row?.n ?? 0;
  }

  async maxSortOrderInState(stateId: string): Promise<number | null> {
    const [row] = await this.db
      .select({ max: sql<number | null>`max(${workItems.sortOrder})` })
      .from(workItems)
      .where(and(eq(workItems.stateId, stateId), live));
    return row?.max ?? null;
  }

  /** Whether `candidate` is `itemId` or one of its descendants: making it the parent would close a loop. */
  async isSelfOrDescendant(itemId: string, candidate: string): Promise<boolean> {
    const result = await this.db.execute(sql`
      with recursive tree(id) as (
        select ${itemId}::uuid
        union
        select w.id from ${workItems} w join tree t on w.parent_id = t.id where w.deleted_at is null
      )
      select 1 as found from tree where id = ${candidate}::uuid limit 1`);
    return rowsOf(result).length > 0;
  }

  /** Built once per sort order on this repository's pool (decision 0026): no SQL assembly per request. */
  private unfilteredPage(order: WorkItemOrder): UnfilteredPage {
    const name = `work_items_page_${order.key}_${order.descending ? 'desc' : 'asc'}`;
    let prepared = this.pages.get(name);
    if (!prepared) {
      prepared = prepareUnfilteredPage(this.db, order, name);
      this.pages.set(name, prepared);
    }
    return prepared;
  }
}

function prepareUnfilteredPage(db: Db, order: WorkItemOrder, name: string) {
  const projectId = sql.placeholder('projectId');
  const window = { limit: sql.placeholder('limit'), offset: sql.placeholder('offset') };
  return pageSelect(db, visibleIn(projectId), workItemOrdering(order), window, {
    total: countersTotal(projectId),
  }).prepare(name);
}

type UnfilteredPage = ReturnType<typeof prepareUnfilteredPage>;
