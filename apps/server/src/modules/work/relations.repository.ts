import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { projectMembers, projects } from './projects.schema.ts';
import { workItemRelations } from './relations.schema.ts';
import { workItems } from './work-items.schema.ts';

export type RelationRow = typeof workItemRelations.$inferSelect;
export type NewRelation = typeof workItemRelations.$inferInsert;

/** A relation row of an item with the other end's project, as the listing shows it. */
export interface RelationOfItem {
  relation: RelationRow;
  otherId: string;
  otherProjectId: string;
}

const live = isNull(workItemRelations.deletedAt);
const between = (a: string, b: string) =>
  or(
    and(eq(workItemRelations.workItemId, a), eq(workItemRelations.relatedWorkItemId, b)),
    and(eq(workItemRelations.workItemId, b), eq(workItemRelations.relatedWorkItemId, a)),
  );

export class RelationsRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  with(tx: Db): RelationsRepository {
    return new RelationsRepository(tx);
  }

  async insert(row: NewRelation): Promise<RelationRow> {
    const [created] = await this.db.insert(workItemRelations).values(row).returning();
    return created!;
  }

  async remove(id: string, by: string): Promise<void> {
    await this.db
      .update(workItemRelations)
      .set({ deletedAt: sql`now()`, updatedAt: sql`now()`, updatedBy: by })
      .where(eq(workItemRelations.id, id));
  }

  /** The live relation between two items, made from either end. */
  async between(a: string, b: string): Promise<RelationRow | undefined> {
    const [row] = await this.db
      .select()
      .from(workItemRelations)
      .where(and(between(a, b), live));
    return row;
  }

  /** Every live relation of the item whose other end is a live item, oldest first. */
  async ofItem(itemId: string): Promise<RelationOfItem[]> {
    const otherId = sql<string>`case when ${workItemRelations.workItemId} = ${itemId}
      then ${workItemRelations.relatedWorkItemId} else ${workItemRelations.workItemId} end`;
    return this.db
      .select({ relation: workItemRelations, otherId, otherProjectId: workItems.projectId })
      .from(workItemRelations)
      .innerJoin(workItems, and(eq(workItems.id, otherId), isNull(workItems.deletedAt)))
      .where(
        and(
          or(eq(workItemRelations.workItemId, itemId), eq(workItemRelations.relatedWorkItemId, itemId)),
          live,
        ),
      )
      .orderBy(asc(workItemRelations.createdAt), asc(workItemRelations.id));
  }

  /** Identifiers of the live projects of the workspace, among `projectIds`, that the user is an active member of. */
  async memberProjects(
    workspaceId: string,
    userId: string,
    projectIds: string[],
  ): Promise<Map<string, string>> {
    if (projectIds.length === 0) return new Map();
    const rows = await this.db
      .select({ id: projects.id, identifier: projects.identifier })
      .from(projects)
      .innerJoin(
        projectMembers,
        and(
          eq(projectMembers.projectId, projects.id),
          eq(projectMembers.memberId, userId),
          eq(projectMembers.isActive, true),
          isNull(projectMembers.deletedAt),
        ),
      )
      .where(
        and(
          eq(projects.workspaceId, workspaceId),
          inArray(projects.id, projectIds),
          isNull(projects.deletedAt),
        ),
      );
    return new Map(rows.map((r) => [r.id, r.identifier]));
  }

  /** Project identifiers by project id, for the readable keys the history shows (`PROJ-12`). */
  async projectIdentifiers(workspaceId: string, projectIds: string[]): Promise<Map<string, string>> {
    if (projectIds.length === 0) return new Map();
    const rows = await this.db
      .select({ id: projects.id, identifier: projects.identifier })
      .from(projects)
      .where(and(eq(projects.workspaceId, workspaceId), inArray(projects.id, projectIds)));
    return new Map(rows.map((r) => [r.id, r.identifier]));
  }
}
