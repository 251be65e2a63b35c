import { and, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { prefixQuery, readableKey, textMatch } from './work-item-filters.ts';
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

/** Full-text search over the work items of the projects a person belongs to (GIN index on `search_vector`). */
export class WorkItemSearchRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async search(request: SearchRequest): Promise<SearchHit[]> {
    const query = prefixQuery(request.text);
    const key = readableKey(request.text);
    // Best first: the item whose key was typed, then by text rank, then newest.
    const order: SQL[] = [];
    if (key) {
      order.push(
        desc(sql`(${projects.identifier} = ${key.identifier} and ${workItems.sequenceId} = ${key.sequence})`),
      );
    }
    if (query) order.push(desc(sql`ts_rank(${workItems.searchVector}, to_tsquery('simple', ${query}))`));
    const numbers = (request.text.match(/\d+/g) ?? []).map(Number).filter((n) => n <= 2_147_483_647);
    const escaped = request.text.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
    return this.db
      .select({
        id: workItems.id,
        name: workItems.name,
        sequenceId: workItems.sequenceId,
        projectId: workItems.projectId,
        identifier: projects.identifier,
      })
      .from(workItems)
      .innerJoin(projects, eq(projects.id, workItems.projectId))
      .where(
        and(
          eq(workItems.workspaceId, request.workspaceId),
          request.projectId ? eq(workItems.projectId, request.projectId) : undefined,
          isNull(projects.deletedAt),
          isNull(projects.archivedAt),
          sql`exists (select 1 from ${projectMembers} pm where pm.project_id = ${projects.id}
            and pm.member_id = ${request.userId} and pm.is_active and pm.deleted_at is null)`,
          isNull(workItems.deletedAt),
          isNull(workItems.archivedAt),
          eq(workItems.isDraft, false),
          sql`not exists (select 1 from ${states} s where s.id = ${workItems.stateId} and s.is_triage)`,
          or(
            textMatch(request.text),
            // Plane also matches the project identifier and any number in the text.
            ilike(projects.identifier, `%${escaped}%`),
            numbers.length > 0 ? sql`${workItems.sequenceId} in ${numbers}` : undefined,
          ),
        ),
      )
      .orderBy(...order, desc(workItems.createdAt), desc(workItems.sequenceId))
      .limit(request.limit);
  }
}
