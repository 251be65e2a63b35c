import { and, eq, getTableColumns, inArray, isNull, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import type { Window } from './projects.repository.ts';
import { states } from './states.schema.ts';
import { workItemCounts } from './work-item-counts.schema.ts';
import { workItemAssignees, workItemLabels, workItems } from './work-items.schema.ts';

export type WorkItemRow = Omit<typeof workItems.$inferSelect, 'searchVector' | 'descriptionStripped'>;
/** A work item with its assignee and label ids, as every response shows it. */
export type WorkItemRecord = WorkItemRow & { assigneeIds: string[]; labelIds: string[] };

// Every column but the search document and the description's plain text, which only queries read.
const {
  searchVector: _searchVector,
  descriptionStripped: _descriptionStripped,
  ...itemColumns
} = getTableColumns(workItems);

// Ids come joined by commas (uuids hold none): one string to split costs less than a PostgreSQL array to parse.
const idList = (joined: string): string[] => (joined === '' ? [] : joined.split(','));

/** An item's columns with its assignee and label ids, in the order they were added. */
export const record = {
  item: itemColumns,
  assigneeIds: sql<string[]>`array_to_string(array(select wa.assignee_id from ${workItemAssignees} wa
    where wa.work_item_id = ${workItems.id} order by wa.created_at, wa.assignee_id), ',')`.mapWith(idList),
  labelIds: sql<string[]>`array_to_string(array(select wl.label_id from ${workItemLabels} wl
    where wl.work_item_id = ${workItems.id} order by wl.created_at, wl.label_id), ',')`.mapWith(idList),
};

export const toRecord = (row: {
  item: WorkItemRow;
  assigneeIds: string[];
  labelIds: string[];
}): WorkItemRecord => ({
  ...row.item,
  assigneeIds: row.assigneeIds,
  labelIds: row.labelIds,
});

/** What the project's lists show: live, not archived, not a draft, not in triage. */
export function visibleIn(projectId: string | Placeholder): SQL {
  return and(
    eq(workItems.projectId, projectId),
    isNull(workItems.deletedAt),
    isNull(workItems.archivedAt),
    eq(workItems.isDraft, false),
    sql`not exists (select 1 from ${states} s where s.id = ${workItems.stateId} and s.is_triage)`,
  )!;
}

/** The unfiltered total from the per-state counters (decision 0023), triage states left out. */
export function countersTotal(projectId: string | Placeholder): SQL<number> {
  return sql<number>`(select coalesce(sum(c.visible), 0)::int from ${workItemCounts} c where c.project_id = ${projectId}
    and not exists (select 1 from ${states} s where s.id = c.state_id and s.is_triage))`;
}

type PageWindow = Window | { limit: Placeholder; offset: Placeholder };

/**
 * A page of the list: the page's ids first (conditions, order, limit and offset over the bare rows), then the
 * columns, assignees and labels of those ids only. Reading them in the same pass as the skip would look up the
 * assignees and labels of every skipped row (about a second at offset 90,000 of 100,000 items).
 */
export function pageSelect<E extends Record<string, SQL>>(
  db: Db,
  where: SQL | undefined,
  ordering: SQL[],
  window: PageWindow,
  extra: E,
) {
  const ids = db
    .select({ id: workItems.id })
    .from(workItems)
    .where(where)
    .orderBy(...ordering)
    .limit(window.limit as number)
    .offset(window.offset as number);
  return db
    .select({ ...record, ...extra })
    .from(workItems)
    .where(inArray(workItems.id, ids))
    .orderBy(...ordering);
}

/**
 * A filtered page and the number of items the filters match, in one statement: the matching items are found
 * once (by the filters' own indexes) and counted by a window over them; only then are they ordered and the page
 * cut. Ordering inside the count would walk the whole project in list order instead. The total rides on every
 * row, so a page with no rows (past the end) needs its own count.
 */
export function countedPageSelect(db: Db, where: SQL | undefined, ordering: SQL[], window: Window) {
  const matching = db
    .select({ id: workItems.id, total: sql<number>`count(*) over ()`.mapWith(Number).as('total') })
    .from(workItems)
    .where(where)
    .as('matching');
  return db
    .select({ ...record, total: matching.total })
    .from(workItems)
    .innerJoin(matching, eq(workItems.id, matching.id))
    .orderBy(...ordering)
    .limit(window.limit)
    .offset(window.offset);
}
