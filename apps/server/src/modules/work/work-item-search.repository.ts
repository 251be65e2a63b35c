import { and, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { prefixQuery, readableKey } from './work-item-filters.ts';
import { projectMembers, projects } from './projects.schema.ts';
import { states } from './states.schema.ts';
import { workItems } from './work-items.schema.ts';

export interface SearchHit {
  id: string;
  name: string;
  sequenceId: number;
  projectId: string;
  identifier: string;
}

export interface SearchRequest {
  workspaceId: string;
  userId: string;
  text: string;
  limit: number;
  projectId: string | undefined;
}

interface SearchedProject {
  id: string;
  identifier: string;
}

/**
 * Full-text search over the work items of the projects a person belongs to. The projects are read first, so
 * every alternative of the match is a condition on `work_items` alone that an index answers (the text on the
 * GIN index, numbers and identifiers on `(project_id, sequence_id)`): PostgreSQL combines them in a bitmap OR
 * instead of testing the text against every item of the workspace.
 */
export class WorkItemSearchRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async search(request: SearchRequest): Promise<SearchHit[]> {
    const projectList = await this.projectsOf(request);
    if (projectList.length === 0) return [];
    const identifiers = new Map(projectList.map((p) => [p.id, p.identifier]));
    const rows = await this.db
      .select({
        id: workItems.id,
        name: workItems.name,
        sequenceId: workItems.sequenceId,
        projectId: workItems.projectId,
      })
      .from(workItems)
      .where(
        and(
          inArray(workItems.projectId, [...identifiers.keys()]),
          isNull(workItems.deletedAt),
          isNull(workItems.archivedAt),
          eq(workItems.isDraft, false),
          sql`not exists (select 1 from ${states} s where s.id = ${workItems.stateId} and s.is_triage)`,
          this.match(request.text, projectList),
        ),
      )
      .orderBy(
        ...this.ranking(request.text, projectList),
        desc(workItems.createdAt),
        desc(workItems.sequenceId),
      )
      .limit(request.limit);
    return rows.map((r) => ({ ...r, identifier: identifiers.get(r.projectId)! }));
  }

  /** The live, unarchived projects of the workspace (or the one asked for) the person is an active member of. */
  private projectsOf(request: SearchRequest): Promise<SearchedProject[]> {
    return this.db
      .select({ id: projects.id, identifier: projects.identifier })
      .from(projects)
      .where(
        and(
          eq(projects.workspaceId, request.workspaceId),
          request.projectId ? eq(projects.id, request.projectId) : undefined,
          isNull(projects.deletedAt),
          isNull(projects.archivedAt),
          sql`exists (select 1 from ${projectMembers} pm where pm.project_id = ${projects.id}
            and pm.member_id = ${request.userId} and pm.is_active and pm.deleted_at is null)`,
        ),
      );
  }

  /**
   * The name and description by full text, or (as Plane does) any number in the text as an item's number, or
   * every item of a project whose identifier contains the text. `WEB-12` is found by its number.
   */
  private match(text: string, projectList: SearchedProject[]): SQL {
    const query = prefixQuery(text);
    const numbers = (text.match(/\d+/g) ?? []).map(Number).filter((n) => n <= 2_147_483_647);
    const needle = text.trim().toLowerCase();
    const named = projectList.filter((p) => needle && p.identifier.toLowerCase().includes(needle));
    return (
      or(
        query ? sql`${workItems.searchVector} @@ to_tsquery('simple', ${query})` : undefined,
        numbers.length > 0
          ? and(
              inArray(
                workItems.projectId,
                projectList.map((p) => p.id),
              ),
              inArray(workItems.sequenceId, numbers),
            )
          : undefined,
        named.length > 0
          ? inArray(
              workItems.projectId,
              named.map((p) => p.id),
            )
          : undefined,
      ) ?? sql`false`
    );
  }

  /** Best first: the item whose key was typed, then by text rank (then newest, added by the caller). */
  private ranking(text: string, projectList: SearchedProject[]): SQL[] {
    const order: SQL[] = [];
    const key = readableKey(text);
    const keyed = key && projectList.find((p) => p.identifier === key.identifier);
    if (key && keyed) {
      order.push(
        desc(sql`(${workItems.projectId} = ${keyed.id} and ${workItems.sequenceId} = ${key.sequence})`),
      );
    }
    const query = prefixQuery(text);
    if (query) order.push(desc(sql`ts_rank(${workItems.searchVector}, to_tsquery('simple', ${query}))`));
    return order;
  }
}
