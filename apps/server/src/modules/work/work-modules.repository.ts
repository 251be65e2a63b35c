import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { ProjectRows } from './project-rows.ts';
import type { Window } from './projects.repository.ts';
import { states } from './states.schema.ts';
import { workItemOrderKeys, workItemOrdering } from './work-items.repository.ts';
import { workItems } from './work-items.schema.ts';
import { workModuleItems, workModuleMembers, workModules } from './work-modules.schema.ts';

export type ModuleRow = typeof workModules.$inferSelect;
export type NewModule = typeof workModules.$inferInsert;
export type ModuleItemRow = typeof workModuleItems.$inferSelect & { subIssuesCount: number };
export type NewModuleItem = typeof workModuleItems.$inferInsert;

export interface ModuleStats {
  total: number;
  backlog: number;
  unstarted: number;
  started: number;
  completed: number;
  cancelled: number;
}

/** A module with its member ids and, on reads, the counts of its work items by state group. */
export type ModuleRecord = ModuleRow & { memberIds: string[]; stats: ModuleStats };

// Correlated subqueries name the outer row's columns in full: drizzle leaves them bare in one-table selects.
const outerModuleId = sql.raw('"modules"."id"');
const outerLinkItemId = sql.raw('"module_work_items"."work_item_id"');
const liveLink = isNull(workModuleItems.deletedAt);

// Counted over the module's live, non-archived, non-draft work items (contract §2.13).
const counted = (group?: string) => sql<number>`(select count(*)::int from ${workModuleItems} mi
  join ${workItems} w on w.id = mi.work_item_id
  ${group ? sql`join ${states} s on s.id = w.state_id` : sql``}
  where mi.module_id = ${outerModuleId} and mi.deleted_at is null and w.deleted_at is null
  and w.archived_at is null and not w.is_draft ${group ? sql`and s.group = ${group}` : sql``})`;

const record = {
  module: workModules,
  memberIds: sql<string[]>`array(select mm.member_id::text from ${workModuleMembers} mm
    where mm.module_id = ${outerModuleId} order by mm.created_at, mm.member_id)`,
  total: counted(),
  backlog: counted('backlog'),
  unstarted: counted('unstarted'),
  started: counted('started'),
  completed: counted('completed'),
  cancelled: counted('cancelled'),
};

type Selected = { module: ModuleRow; memberIds: string[] } & ModuleStats;

const toRecord = ({ module, memberIds, ...stats }: Selected): ModuleRecord => ({
  ...module,
  memberIds,
  stats,
});

/** `order_by` keys of a module's work-item list (a subset of the project list's); a leading `-` reverses them. */
const itemOrderKeys = Object.fromEntries(
  (
    [
      'created_at',
      'updated_at',
      'sequence_id',
      'name',
      'sort_order',
      'start_date',
      'target_date',
      'priority',
    ] as const
  ).map((key) => [key, workItemOrderKeys[key]!]),
);
export const moduleItemSortKeys = Object.keys(itemOrderKeys);

const archived = (yes: boolean) => (yes ? isNotNull(workModules.archivedAt) : isNull(workModules.archivedAt));

export class WorkModulesRepository {
  private readonly db: Db;
  private readonly rows: ProjectRows<typeof workModules>;

  constructor(db: Db) {
    this.db = db;
    this.rows = new ProjectRows(db, workModules);
  }

  with(tx: Db): WorkModulesRepository {
    return new WorkModulesRepository(tx);
  }

  async insert(row: NewModule): Promise<ModuleRow> {
    return this.rows.insert(row);
  }

  async update(id: string, patch: Partial<NewModule>): Promise<ModuleRow> {
    return this.rows.update(id, patch);
  }

  /** Live modules of the project, archived ones or the others, newest first. */
  async list(projectId: string, isArchived: boolean, window: Window): Promise<ModuleRecord[]> {
    const rows = await this.db
      .select(record)
      .from(workModules)
      .where(this.rows.live(projectId, archived(isArchived)))
      .orderBy(desc(workModules.createdAt), desc(workModules.id))
      .limit(window.limit)
      .offset(window.offset);
    return rows.map(toRecord);
  }

  async count(projectId: string, isArchived: boolean): Promise<number> {
    return this.rows.count(projectId, archived(isArchived));
  }

  /** A live module of the project, archived or not; `lock` holds it until the transaction ends. */
  async find(
    projectId: string,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<ModuleRecord | undefined> {
    const query = this.db
      .select(record)
      .from(workModules)
      .where(this.rows.live(projectId, eq(workModules.id, id)));
    const [row] = options.lock ? await query.for('update', { of: workModules }) : await query;
    return row && toRecord(row);
  }

  async findByName(projectId: string, name: string, exceptId?: string): Promise<ModuleRow | undefined> {
    return this.rows.findByName(projectId, name, exceptId);
  }

  async findByExternal(
    projectId: string,
    source: string,
    externalId: string,
    exceptId?: string,
  ): Promise<ModuleRow | undefined> {
    return this.rows.findByExternal(projectId, source, externalId, exceptId);
  }

  async minSortOrder(projectId: string): Promise<number | null> {
    return this.rows.extreme(projectId, 'min', workModules.sortOrder);
  }

  async replaceMembers(module: ModuleRow, ids: string[], by: string | null): Promise<void> {
    await this.db.delete(workModuleMembers).where(eq(workModuleMembers.moduleId, module.id));
    if (ids.length === 0) return;
    await this.db.insert(workModuleMembers).values(
      ids.map((memberId) => ({
        moduleId: module.id,
        memberId,
        workspaceId: module.workspaceId,
        projectId: module.projectId,
        createdBy: by,
      })),
    );
  }

  /**
   * One page of the ids of the module's work items that the project's lists show (not in triage, not archived,
   * not a draft), in the asked order.
   */
  async listItemIds(
    moduleId: string,
    order: { key: string; descending: boolean },
    window: Window,
  ): Promise<string[]> {
    const rows = await this.db
      .select({ id: workItems.id })
      .from(workModuleItems)
      .innerJoin(workItems, eq(workItems.id, workModuleItems.workItemId))
      .where(and(eq(workModuleItems.moduleId, moduleId), liveLink, visibleItem))
      .orderBy(...workItemOrdering(order, itemOrderKeys))
      .limit(window.limit)
      .offset(window.offset);
    return rows.map((r) => r.id);
  }

  async countItems(moduleId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(workModuleItems)
      .innerJoin(workItems, eq(workItems.id, workModuleItems.workItemId))
      .where(and(eq(workModuleItems.moduleId, moduleId), liveLink, visibleItem));
    return row?.n ?? 0;
  }

  /** Every live link of the module, oldest first (then by item number), with the number of sub-items of each work item. */
  async links(moduleId: string): Promise<ModuleItemRow[]> {
    return this.db
      .select({ ...linkColumns, subIssuesCount })
      .from(workModuleItems)
      .where(and(eq(workModuleItems.moduleId, moduleId), liveLink))
      .orderBy(asc(workModuleItems.createdAt), linkedItemNumber);
  }

  async findLink(moduleId: string, workItemId: string): Promise<ModuleItemRow | undefined> {
    const [row] = await this.db
      .select({ ...linkColumns, subIssuesCount })
      .from(workModuleItems)
      .where(
        and(eq(workModuleItems.moduleId, moduleId), eq(workModuleItems.workItemId, workItemId), liveLink),
      );
    return row;
  }

  async insertLinks(rows: NewModuleItem[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.insert(workModuleItems).values(rows);
  }

  /** Soft-deletes links: one (by work item) or, without `workItemId`, every link of the module. */
  async unlink(moduleId: string, by: string | null, workItemId?: string): Promise<void> {
    await this.db
      .update(workModuleItems)
      .set({ deletedAt: sql`now()`, updatedAt: sql`now()`, updatedBy: by })
      .where(
        and(
          eq(workModuleItems.moduleId, moduleId),
          liveLink,
          workItemId ? eq(workModuleItems.workItemId, workItemId) : undefined,
        ),
      );
  }

  /** Of `ids`, the live work items of the project (any state), with their numbers. */
  async itemsOfProject(projectId: string, ids: string[]): Promise<Array<{ id: string; sequenceId: number }>> {
    if (ids.length === 0) return [];
    return this.db
      .select({ id: workItems.id, sequenceId: workItems.sequenceId })
      .from(workItems)
      .where(
        and(eq(workItems.projectId, projectId), inArray(workItems.id, ids), isNull(workItems.deletedAt)),
      );
  }
}

const visibleItem = and(
  isNull(workItems.deletedAt),
  isNull(workItems.archivedAt),
  eq(workItems.isDraft, false),
  sql`not exists (select 1 from ${states} s where s.id = ${workItems.stateId} and s.is_triage)`,
);

const linkColumns = {
  id: workModuleItems.id,
  workspaceId: workModuleItems.workspaceId,
  projectId: workModuleItems.projectId,
  moduleId: workModuleItems.moduleId,
  workItemId: workModuleItems.workItemId,
  createdAt: workModuleItems.createdAt,
  updatedAt: workModuleItems.updatedAt,
  deletedAt: workModuleItems.deletedAt,
  createdBy: workModuleItems.createdBy,
  updatedBy: workModuleItems.updatedBy,
};

// Links added together share a timestamp: they follow their work items' numbers.
const linkedItemNumber = sql`(select w.sequence_id from ${workItems} w where w.id = ${outerLinkItemId})`;

const subIssuesCount = sql<number>`(select count(*)::int from ${workItems} c
  where c.parent_id = ${outerLinkItemId} and c.deleted_at is null)`;
