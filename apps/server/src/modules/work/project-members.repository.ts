import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { projectMembers, projects } from './projects.schema.ts';
import type { ProjectRow } from './projects.repository.ts';
import { sortOrderBefore } from './plane/ordering.ts';

export type ProjectMemberRow = typeof projectMembers.$inferSelect;
export type NewProjectMember = typeof projectMembers.$inferInsert;

const liveMember = isNull(projectMembers.deletedAt);

/**
 * The project access check every project route makes, built once as prepared statements (as the access guard's
 * lookups are, decision 0026): by the project's id, or by its identifier for `WEB-12` paths.
 */
function prepareAccessLookups(db: Db) {
  const lookup = (key: typeof projects.id | typeof projects.identifier, name: string) =>
    db
      .select({ project: projects, role: projectMembers.role })
      .from(projects)
      .leftJoin(
        projectMembers,
        and(
          eq(projectMembers.projectId, projects.id),
          eq(projectMembers.memberId, sql.placeholder('userId')),
          eq(projectMembers.isActive, true),
          liveMember,
        ),
      )
      .where(
        and(
          eq(projects.workspaceId, sql.placeholder('workspaceId')),
          isNull(projects.deletedAt),
          eq(key, sql.placeholder('key')),
        ),
      )
      .limit(1)
      .prepare(name);
  return {
    byId: lookup(projects.id, 'work_project_access_by_id'),
    byIdentifier: lookup(projects.identifier, 'work_project_access_by_identifier'),
  };
}

export class ProjectMembersRepository {
  private readonly db: Db;
  private lookups?: ReturnType<typeof prepareAccessLookups>;

  constructor(db: Db) {
    this.db = db;
  }

  with(tx: Db): ProjectMembersRepository {
    return new ProjectMembersRepository(tx);
  }

  /** The project (live, in this workspace) and the user's active membership of it, if any: one query per request. */
  async access(
    workspaceId: string,
    where: { projectId: string } | { identifier: string },
    userId: string,
  ): Promise<{ project: ProjectRow; role: number | null } | undefined> {
    this.lookups ??= prepareAccessLookups(this.db);
    const [row] =
      'projectId' in where
        ? await this.lookups.byId.execute({ workspaceId, userId, key: where.projectId })
        : await this.lookups.byIdentifier.execute({ workspaceId, userId, key: where.identifier });
    return row;
  }

  async isInAnyProject(workspaceId: string, userId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: projectMembers.id })
      .from(projectMembers)
      .innerJoin(projects, eq(projects.id, projectMembers.projectId))
      .where(
        and(
          eq(projectMembers.workspaceId, workspaceId),
          eq(projectMembers.memberId, userId),
          eq(projectMembers.isActive, true),
          liveMember,
          isNull(projects.deletedAt),
        ),
      )
      .limit(1);
    return row !== undefined;
  }

  async insert(row: NewProjectMember): Promise<ProjectMemberRow> {
    const [created] = await this.db.insert(projectMembers).values(row).returning();
    return created!;
  }

  async update(id: string, patch: Partial<NewProjectMember>): Promise<ProjectMemberRow> {
    const [row] = await this.db
      .update(projectMembers)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(projectMembers.id, id))
      .returning();
    return row!;
  }

  async find(projectId: string, id: string): Promise<ProjectMemberRow | undefined> {
    const [row] = await this.db
      .select()
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.id, id), liveMember));
    return row;
  }

  async findByUser(projectId: string, userId: string): Promise<ProjectMemberRow | undefined> {
    const [row] = await this.db
      .select()
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.memberId, userId), liveMember));
    return row;
  }

  /** Every membership of the project, inactive ones included (Plane lists them too). */
  async list(projectId: string): Promise<ProjectMemberRow[]> {
    return this.db
      .select()
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, projectId), liveMember))
      .orderBy(asc(projectMembers.createdAt), asc(projectMembers.id));
  }

  /** Of these users, those who are active members with at least this role. */
  async activeWithRole(projectId: string, userIds: string[], minRole: number): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.db
      .select({ memberId: projectMembers.memberId })
      .from(projectMembers)
      .where(
        and(
          eq(projectMembers.projectId, projectId),
          inArray(projectMembers.memberId, userIds),
          eq(projectMembers.isActive, true),
          liveMember,
          sql`${projectMembers.role} >= ${minRole}`,
        ),
      );
    return new Set(rows.map((r) => r.memberId));
  }

  /** New memberships sort first in the user's project list: Plane gives them the smallest order minus 10000. */
  async nextSortOrder(workspaceId: string, userId: string): Promise<number> {
    const [row] = await this.db
      .select({ min: sql<number | null>`min(${projectMembers.sortOrder})` })
      .from(projectMembers)
      .where(
        and(eq(projectMembers.workspaceId, workspaceId), eq(projectMembers.memberId, userId), liveMember),
      );
    return sortOrderBefore(row?.min ?? null);
  }
}
