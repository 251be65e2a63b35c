import { and, asc, count, desc, eq, getTableColumns, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/database.ts';
import { sameExternalKey } from './external-key.ts';
import { labels } from './labels.schema.ts';
import type { Window } from './projects.repository.ts';
import { states } from './states.schema.ts';
import { workItemCounts } from './work-item-counts.schema.ts';
import { filterConditions, hasFilters, type Memberships, type WorkItemFilters } from './work-item-filters.ts';
import { workItemAssignees, workItemLabels, workItems, workItemSequences } from './work-items.schema.ts';

export type WorkItemRow = Omit<typeof workItems.$inferSelect, 'searchVector'>;
export type NewWorkItem = typeof workItems.$inferInsert;
/** A work item with its assignee and label ids, as every response shows it. */
export type WorkItemRecord = WorkItemRow & { assigneeIds: string[]; labelIds: string[] };

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

// Every column but the search document, which only queries read.
const { searchVector: _searchVector, ...itemColumns } = getTableColumns(workItems);

const record = {
  item: itemColumns,
  assigneeIds: sql<string[]>`array(select wa.assignee_id::text from ${workItemAssignees} wa
    where wa.work_item_id = ${workItems.id} order by wa.created_at, wa.assignee_id)`,
  labelIds: sql<string[]>`array(select wl.label_id::text from ${workItemLabels} wl
    where wl.work_item_id = ${workItems.id} order by wl.created_at, wl.label_id)`,
};

const toRecord = (row: { item: WorkItemRow; assigneeIds: string[]; labelIds: string[] }): WorkItemRecord => ({
  ...row.item,
  assigneeIds: row.assigneeIds,
  labelIds: row.labelIds,
});

export class WorkItemsRepository {
  private readonly db: Db;
  /** The cycle and module membership tables the `cycle` and `module` list filters read. */
  private readonly memberships: Memberships;

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
          this.visibleIn(projectId),
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

  async list(
    projectId: string,
    order: WorkItemOrder,
    window: Window,
    filters: WorkItemFilters = {},
  ): Promise<WorkItemRecord[]> {
    const rows = await this.db
      .select(record)
      .from(workItems)
      .where(and(this.visibleIn(projectId), filterConditions(filters, this.memberships)))
      .orderBy(...workItemOrdering(order))
      .limit(window.limit)
      .offset(window.offset);
    return rows.map(toRecord);
  }

  /** What the list shows in all; without filters, from the per-state counters rather than a pass over the items. */
  async countVisible(projectId: string, filters: WorkItemFilters = {}): Promise<number> {
    if (!hasFilters(filters)) return this.countFromCounters(projectId);
    const [row] = await this.db
      .select({ n: count() })
      .from(workItems)
      .where(and(this.visibleIn(projectId), filterConditions(filters, this.memberships)));
    return row?.n ?? 0;
  }

  private async countFromCounters(projectId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`coalesce(sum(${workItemCounts.visible}), 0)::int` })
      .from(workItemCounts)
      .where(
        and(
          eq(workItemCounts.projectId, projectId),
          sql`not exists (select 1 from ${states} s where s.id = ${workItemCounts.stateId} and s.is_triage)`,
        ),
      );
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

  private visibleIn(projectId: string) {
    return and(
      eq(workItems.projectId, projectId),
      live,
      isNull(workItems.archivedAt),
      eq(workItems.isDraft, false),
      sql`not exists (select 1 from ${states} s where s.id = ${workItems.stateId} and s.is_triage)`,
    );
  }
}
