import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/database.ts';
import { localDate, pgInstant } from './cycle-dates.ts';

/** A work item as a pulse names it: `WEB-12 Login page`, in its state. */
export interface PulseItem {
  id: string;
  projectId: string;
  ref: string;
  name: string;
  state: string;
}

/** An item whose state changed in the window: first state before it, last state after it, who moved it. */
export interface PulseMove extends PulseItem {
  from: string | null;
  completed: boolean;
  actorIds: string[];
}

export interface PulseProject {
  id: string;
  name: string;
  identifier: string;
  /** Active members: the people the project's news is for. */
  memberIds: string[];
}

export interface ProjectPulse extends PulseProject {
  moved: PulseMove[];
  blocked: Array<PulseItem & { blockedBy: Array<Omit<PulseItem, 'projectId' | 'id'>> }>;
  stuck: Array<PulseItem & { lastChangeAt: string; idleDays: number }>;
  overdue: Array<PulseItem & { targetDate: string; daysOverdue: number }>;
}

export interface PulseQuery {
  since: Date;
  until: Date;
  /** The zone whose calendar says what is overdue (the workspace's). */
  timeZone: string;
  /** A started item with no change for this many days is stuck. */
  stuckDays: number;
  projectId?: string;
}

const DAY = 86_400_000;
const OPEN = sql`s."group" not in ('completed', 'cancelled')`;

/**
 * What is going on in a workspace's projects, for standups: the state changes of a window (the items' history),
 * open items blocked by an open item, started items nobody touched for days, open items past their target date.
 * Live projects only (not archived); live, non-draft, non-archived items only.
 */
export class ProjectPulseRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async pulse(workspaceId: string, query: PulseQuery): Promise<{ today: string; projects: ProjectPulse[] }> {
    const scope = sql`p.workspace_id = ${workspaceId} and p.deleted_at is null and p.archived_at is null
      ${query.projectId ? sql`and p.id = ${query.projectId}` : sql``}`;
    const today = localDate(query.until, query.timeZone);
    const [projects, moved, blocked, stuck, overdue] = await Promise.all([
      this.projects(scope),
      this.moves(scope, query),
      this.blocked(scope),
      this.stuck(scope, new Date(query.until.getTime() - query.stuckDays * DAY), query.until),
      this.overdue(scope, today),
    ]);
    const of = <T extends { projectId: string }>(rows: T[], id: string) =>
      rows.filter((r) => r.projectId === id);
    return {
      today,
      projects: projects.map((p) => ({
        ...p,
        moved: of(moved, p.id),
        blocked: of(blocked, p.id),
        stuck: of(stuck, p.id),
        overdue: of(overdue, p.id),
      })),
    };
  }

  private async projects(scope: SQL): Promise<PulseProject[]> {
    return rowsOf<PulseProject>(
      await this.db.execute(sql`
        select p.id, p.name, p.identifier,
          coalesce((select array_agg(m.member_id::text order by m.member_id) from project_members m
            where m.project_id = p.id and m.is_active and m.deleted_at is null), '{}') as "memberIds"
        from projects p where ${scope} order by p.name, p.id`),
    );
  }

  /** Each item's state changes in the window, collapsed to one move: from its first state to its last. */
  private async moves(scope: SQL, query: PulseQuery): Promise<PulseMove[]> {
    const rows = rowsOf<
      ItemRow & { from: string | null; to: string | null; group: string | null; actorId: string | null }
    >(
      await this.db.execute(sql`
        select w.id, w.project_id as "projectId", p.identifier, w.sequence_id as "sequenceId", w.name,
          a.old_value as "from", a.new_value as "to", s."group", a.actor_id as "actorId"
        from work_item_activities a
          join work_items w on w.id = a.work_item_id
          join projects p on p.id = w.project_id
          left join states s on s.id = a.new_identifier
        where ${scope} and a.field = 'state' and a.deleted_at is null
          and a.created_at > ${query.since.toISOString()}::timestamptz
          and a.created_at <= ${query.until.toISOString()}::timestamptz
          and w.deleted_at is null and w.archived_at is null and not w.is_draft
        order by w.sequence_id, a.created_at, a.seq`),
    );
    const byItem = new Map<string, PulseMove>();
    for (const row of rows) {
      const move = byItem.get(row.id) ?? {
        ...itemOf(row, row.to ?? ''),
        from: row.from,
        completed: false,
        actorIds: [],
      };
      move.state = row.to ?? '';
      move.completed = row.group === 'completed';
      if (row.actorId && !move.actorIds.includes(row.actorId)) move.actorIds.push(row.actorId);
      byItem.set(row.id, move);
    }
    return [...byItem.values()];
  }

  /** Open items with a live `blocked_by` relation to an open item (of any project of the workspace). */
  private async blocked(scope: SQL): Promise<ProjectPulse['blocked']> {
    const rows = rowsOf<
      ItemRow & { state: string; blockerRef: string; blockerName: string; blockerState: string }
    >(
      await this.db.execute(sql`
        select w.id, w.project_id as "projectId", p.identifier, w.sequence_id as "sequenceId", w.name, s.name as state,
          bp.identifier || '-' || b.sequence_id as "blockerRef", b.name as "blockerName", bs.name as "blockerState"
        from work_items w
          join projects p on p.id = w.project_id
          join states s on s.id = w.state_id
          join work_item_relations r on r.work_item_id = w.id and r.relation_type = 'blocked_by' and r.deleted_at is null
          join work_items b on b.id = r.related_work_item_id and b.workspace_id = w.workspace_id
          join projects bp on bp.id = b.project_id
          join states bs on bs.id = b.state_id
        where ${scope} and ${live('w')} and ${OPEN}
          and ${live('b')} and bs."group" not in ('completed', 'cancelled')
        order by w.sequence_id, bp.identifier, b.sequence_id`),
    );
    const byItem = new Map<string, ProjectPulse['blocked'][number]>();
    for (const row of rows) {
      const item = byItem.get(row.id) ?? { ...itemOf(row, row.state), blockedBy: [] };
      item.blockedBy.push({ ref: row.blockerRef, name: row.blockerName, state: row.blockerState });
      byItem.set(row.id, item);
    }
    return [...byItem.values()];
  }

  /** Started items whose last change (a field or any history row, comments included) is older than `before`. */
  private async stuck(scope: SQL, before: Date, asOf: Date): Promise<ProjectPulse['stuck']> {
    const rows = rowsOf<ItemRow & { state: string; lastChangeAt: string }>(
      await this.db.execute(sql`
        select t.id, t."projectId", t.identifier, t."sequenceId", t.name, t.state, t.last::text as "lastChangeAt"
        from (
          select w.id, w.project_id as "projectId", p.identifier, w.sequence_id as "sequenceId", w.name,
            s.name as state,
            greatest(w.updated_at, (select max(a.created_at) from work_item_activities a where a.work_item_id = w.id))
              as last
          from work_items w
            join projects p on p.id = w.project_id
            join states s on s.id = w.state_id
          where ${scope} and ${live('w')} and s."group" = 'started'
        ) t where t.last < ${before.toISOString()}::timestamptz
        order by t.last, t."sequenceId"`),
    );
    return rows.map((row) => {
      const last = pgInstant(row.lastChangeAt);
      return {
        ...itemOf(row, row.state),
        lastChangeAt: last.toISOString(),
        idleDays: Math.floor((asOf.getTime() - last.getTime()) / DAY),
      };
    });
  }

  /** Open items whose target date is before `today` (a calendar date in the workspace's zone). */
  private async overdue(scope: SQL, today: string): Promise<ProjectPulse['overdue']> {
    const rows = rowsOf<ItemRow & { state: string; targetDate: string }>(
      await this.db.execute(sql`
        select w.id, w.project_id as "projectId", p.identifier, w.sequence_id as "sequenceId", w.name,
          s.name as state, w.target_date::text as "targetDate"
        from work_items w
          join projects p on p.id = w.project_id
          join states s on s.id = w.state_id
        where ${scope} and ${live('w')} and ${OPEN} and w.target_date < ${today}::date
        order by w.target_date, w.sequence_id`),
    );
    return rows.map((row) => ({
      ...itemOf(row, row.state),
      targetDate: row.targetDate,
      daysOverdue: Math.round((Date.parse(today) - Date.parse(row.targetDate)) / DAY),
    }));
  }
}

interface ItemRow {
  id: string;
  projectId: string;
  identifier: string;
  sequenceId: number;
  name: string;
}

const itemOf = (row: ItemRow, state: string): PulseItem => ({
  id: row.id,
  projectId: row.projectId,
  ref: `${row.identifier}-${row.sequenceId}`,
  name: row.name,
  state,
});

const live = (alias: string) =>
  sql.raw(`${alias}.deleted_at is null and ${alias}.archived_at is null and not ${alias}.is_draft`);
