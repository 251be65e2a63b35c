import { and, count, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { notifications, workItemSubscribers } from './notifications.schema.ts';
import { projectMembers, projects } from './projects.schema.ts';
import type { Window } from './projects.repository.ts';
import { workItems } from './work-items.schema.ts';

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;

/** What a notification names: the item, and its project's key (`WEB-12`). */
export interface ItemHead {
  id: string;
  name: string;
  sequenceId: number;
  workspaceId: string;
  projectId: string;
  identifier: string;
}

/** What a project-level notification names: the project. */
export interface ProjectHead {
  id: string;
  name: string;
  identifier: string;
}

/** Whose notifications: one person's, in one workspace. */
export interface Inbox {
  workspaceId: string;
  receiverId: string;
}

/** Which of the inbox's notifications: read or unread, archived or not; a missing key does not narrow. */
export interface InboxFilter {
  read?: boolean;
  archived?: boolean;
}

export class NotificationsRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  with(tx: Db): NotificationsRepository {
    return new NotificationsRepository(tx);
  }

  async insert(rows: NewNotification[]): Promise<NotificationRow[]> {
    if (rows.length === 0) return [];
    return this.db.insert(notifications).values(rows).returning();
  }

  async list(inbox: Inbox, filter: InboxFilter, window: Window): Promise<NotificationRow[]> {
    return this.db
      .select()
      .from(notifications)
      .where(this.owned(inbox, filter))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(window.limit)
      .offset(window.offset);
  }

  async count(inbox: Inbox, filter: InboxFilter): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(notifications).where(this.owned(inbox, filter));
    return row?.n ?? 0;
  }

  async find(inbox: Inbox, id: string): Promise<NotificationRow | undefined> {
    const [row] = await this.db
      .select()
      .from(notifications)
      .where(and(this.owned(inbox, {}), eq(notifications.id, id)));
    return row;
  }

  /** Sets (`on`, now) or clears one of a notification's marks: read or archived. */
  async mark(id: string, mark: 'readAt' | 'archivedAt', on: boolean): Promise<NotificationRow> {
    const [row] = await this.db
      .update(notifications)
      .set({ [mark]: on ? sql`now()` : null })
      .where(eq(notifications.id, id))
      .returning();
    return row!;
  }

  /** Marks every unread notification of the inbox (archived ones aside) read; answers how many changed. */
  async markAllRead(inbox: Inbox): Promise<number> {
    const rows = await this.db
      .update(notifications)
      .set({ readAt: sql`now()` })
      .where(this.owned(inbox, { read: false, archived: false }))
      .returning({ id: notifications.id });
    return rows.length;
  }

  async subscribers(workItemId: string): Promise<string[]> {
    const rows = await this.db
      .select({ id: workItemSubscribers.subscriberId })
      .from(workItemSubscribers)
      .where(eq(workItemSubscribers.workItemId, workItemId));
    return rows.map((r) => r.id);
  }

  async subscribe(
    item: { id: string; workspaceId: string; projectId: string },
    userIds: string[],
  ): Promise<void> {
    if (userIds.length === 0) return;
    await this.db
      .insert(workItemSubscribers)
      .values(
        [...new Set(userIds)].map((subscriberId) => ({
          workItemId: item.id,
          subscriberId,
          workspaceId: item.workspaceId,
          projectId: item.projectId,
        })),
      )
      .onConflictDoNothing();
  }

  async unsubscribe(workItemId: string, userId: string): Promise<void> {
    await this.db
      .delete(workItemSubscribers)
      .where(
        and(eq(workItemSubscribers.workItemId, workItemId), eq(workItemSubscribers.subscriberId, userId)),
      );
  }

  /** The ones among `userIds` who are active members of the project (only they may read its items). */
  async projectMembersAmong(projectId: string, userIds: string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    return this.activeMembers(projectId, userIds);
  }

  /** The live project of the workspace, as a project-level message names it; undefined when it is not one. */
  async projectHead(workspaceId: string, projectId: string): Promise<ProjectHead | undefined> {
    const [row] = await this.db
      .select({ id: projects.id, name: projects.name, identifier: projects.identifier })
      .from(projects)
      .where(
        and(eq(projects.id, projectId), eq(projects.workspaceId, workspaceId), isNull(projects.deletedAt)),
      );
    return row;
  }

  /** The project's active members, or the ones among `userIds`. */
  async activeMembers(projectId: string, userIds?: string[]): Promise<string[]> {
    const rows = await this.db
      .select({ id: projectMembers.memberId })
      .from(projectMembers)
      .where(
        and(
          eq(projectMembers.projectId, projectId),
          userIds ? inArray(projectMembers.memberId, userIds) : undefined,
          eq(projectMembers.isActive, true),
          isNull(projectMembers.deletedAt),
        ),
      )
      .orderBy(projectMembers.memberId);
    return rows.map((r) => r.id);
  }

  /** The items of `ids` (deleted ones too: their deletion is news), with their projects' keys. */
  async itemHeads(ids: string[]): Promise<ItemHead[]> {
    if (ids.length === 0) return [];
    return this.db
      .select({
        id: workItems.id,
        name: workItems.name,
        sequenceId: workItems.sequenceId,
        workspaceId: workItems.workspaceId,
        projectId: workItems.projectId,
        identifier: projects.identifier,
      })
      .from(workItems)
      .innerJoin(projects, eq(projects.id, workItems.projectId))
      .where(inArray(workItems.id, ids));
  }

  private owned(inbox: Inbox, filter: InboxFilter) {
    return and(
      eq(notifications.workspaceId, inbox.workspaceId),
      eq(notifications.receiverId, inbox.receiverId),
      whether(notifications.archivedAt, filter.archived),
      whether(notifications.readAt, filter.read),
    );
  }
}

/** A date column set (`true`) or not (`false`); no condition when undefined. */
function whether(column: typeof notifications.readAt, set: boolean | undefined) {
  if (set === undefined) return undefined;
  return set ? isNotNull(column) : isNull(column);
}
