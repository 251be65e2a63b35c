import { and, asc, count, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/database.ts';
import { cycles } from './cycles.schema.ts';
import { intakeWorkItems } from './intake.schema.ts';
import { labels } from './labels.schema.ts';
import { states } from './states.schema.ts';
import { workModules } from './work-modules.schema.ts';
import { workItems } from './work-items.schema.ts';
import { projectMembers, projects } from './projects.schema.ts';

export type ProjectRow = typeof projects.$inferSelect;
export type NewProject = typeof projects.$inferInsert;

/** A project with what the caller needs to know about it: their membership and the member count. */
export interface ProjectWithStats {
  project: ProjectRow;
  memberRole: number | null;
  sortOrder: number | null;
  totalMembers: number;
  totalCycles: number;
  totalModules: number;
}

export interface ProjectCounts {
  members: number;
  states: number;
  labels: number;
  issues: number;
  cycles: number;
  modules: number;
  intakes: number;
}

export interface Window {
  limit: number;
  offset: number;
}

const orderColumns = {
  sort_order: projectMembers.sortOrder,
  name: projects.name,
  identifier: projects.identifier,
  created_at: projects.createdAt,
  updated_at: projects.updatedAt,
  archived_at: projects.archivedAt,
} as const;
export const projectSortKeys = Object.keys(orderColumns);
export type ProjectOrder = { key: string; descending: boolean };

const live = isNull(projects.deletedAt);

export class ProjectsRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  with(tx: Db): ProjectsRepository {
    return new ProjectsRepository(tx);
  }

  async insert(row: NewProject): Promise<ProjectRow> {
    const [created] = await this.db.insert(projects).values(row).returning();
    return created!;
  }

  async update(id: string, patch: Partial<NewProject>): Promise<ProjectRow> {
    const [row] = await this.db
      .update(projects)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(projects.id, id))
      .returning();
    return row!;
  }

  async find(workspaceId: string, id: string): Promise<ProjectRow | undefined> {
    const [row] = await this.db
      .select()
      .from(projects)
      .where(and(eq(projects.workspaceId, workspaceId), eq(projects.id, id), live));
    return row;
  }

  async findByIds(workspaceId: string, ids: string[]): Promise<ProjectRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(projects)
      .where(and(eq(projects.workspaceId, workspaceId), inArray(projects.id, ids), live));
  }

  /** How many members, states, labels and work items the project has (triage states and items left out). */
  async counts(projectId: string): Promise<ProjectCounts> {
    const result = await this.db.execute(sql`select
      (select count(*)::int from ${projectMembers} m
        where m.project_id = ${projectId} and m.is_active and m.deleted_at is null) as members,
      (select count(*)::int from ${states} s
        where s.project_id = ${projectId} and not s.is_triage and s.deleted_at is null) as states,
      (select count(*)::int from ${labels} l where l.project_id = ${projectId} and l.deleted_at is null) as labels,
      (select count(*)::int from ${workItems} w where w.project_id = ${projectId} and w.deleted_at is null
        and not exists (select 1 from ${states} s where s.id = w.state_id and s.is_triage)) as issues,
      (select count(*)::int from ${cycles} c where c.project_id = ${projectId} and c.deleted_at is null) as cycles,
      (select count(*)::int from ${workModules} m
        where m.project_id = ${projectId} and m.deleted_at is null) as modules,
      (select count(*)::int from ${intakeWorkItems} i
        where i.project_id = ${projectId} and i.deleted_at is null) as intakes`);
    return rowsOf<ProjectCounts>(result)[0]!;
  }

  /** Live projects of the workspace that already use this name or identifier (other than `exceptId`). */
  async findClashes(
    workspaceId: string,
    name: string | undefined,
    identifier: string | undefined,
    exceptId?: string,
  ): Promise<ProjectRow[]> {
    const matches: SQL[] = [];
    if (name !== undefined) matches.push(eq(projects.name, name));
    if (identifier !== undefined) matches.push(eq(projects.identifier, identifier));
    if (matches.length === 0) return [];
    return this.db
      .select()
      .from(projects)
      .where(
        and(
          eq(projects.workspaceId, workspaceId),
          live,
          or(...matches),
          exceptId ? ne(projects.id, exceptId) : undefined,
        ),
      );
  }

  /** Projects the user may see in the list: their own (active membership) and public ones. */
  async listVisible(
    workspaceId: string,
    userId: string,
    order: ProjectOrder,
    window: Window,
  ): Promise<ProjectWithStats[]> {
    const column = orderColumns[order.key as keyof typeof orderColumns];
    return this.statsQuery(userId)
      .where(this.visibleTo(workspaceId))
      .orderBy(
        order.descending ? sql`${column} desc nulls last` : sql`${column} asc nulls last`,
        asc(projects.createdAt),
        asc(projects.id),
      )
      .limit(window.limit)
      .offset(window.offset);
  }

  async countVisible(workspaceId: string, userId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(projects)
      .leftJoin(projectMembers, this.callerMembership(userId))
      .where(this.visibleTo(workspaceId));
    return row?.n ?? 0;
  }

  async findWithStats(
    workspaceId: string,
    id: string,
    userId: string,
  ): Promise<ProjectWithStats | undefined> {
    const [row] = await this.statsQuery(userId).where(and(this.visibleTo(workspaceId), eq(projects.id, id)));
    return row;
  }

  private statsQuery(userId: string) {
    return this.db
      .select({
        project: projects,
        memberRole: projectMembers.role,
        sortOrder: projectMembers.sortOrder,
        totalMembers: sql<number>`(select count(*)::int from ${projectMembers} pm
          where pm.project_id = ${projects.id} and pm.is_active and pm.deleted_at is null)`,
        totalCycles: sql<number>`(select count(*)::int from ${cycles} c
          where c.project_id = ${projects.id} and c.deleted_at is null)`,
        totalModules: sql<number>`(select count(*)::int from ${workModules} m
          where m.project_id = ${projects.id} and m.deleted_at is null)`,
      })
      .from(projects)
      .leftJoin(projectMembers, this.callerMembership(userId));
  }

  private callerMembership(userId: string) {
    return and(
      eq(projectMembers.projectId, projects.id),
      eq(projectMembers.memberId, userId),
      eq(projectMembers.isActive, true),
      isNull(projectMembers.deletedAt),
    );
  }

  private visibleTo(workspaceId: string) {
    return and(
      eq(projects.workspaceId, workspaceId),
      live,
      or(sql`${projectMembers.id} is not null`, eq(projects.network, 2)),
    );
  }
}
