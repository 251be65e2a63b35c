import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { actingUserId, type ChangeContext } from '../../platform/events/actor.ts';
import { publishEvent, recordChange } from '../../platform/events/outbox.ts';
import type { NewActivity } from './activities.repository.ts';
import type { Writer } from './db-errors.ts';
import type { PeopleDirectory } from './directory.ts';
import { mentionsIn, visibleText, type Mentionable } from './notifications.mentions.ts';
import type {
  Inbox,
  ItemHead,
  NewNotification,
  NotificationRow,
  NotificationsRepository,
} from './notifications.repository.ts';
import type { NotificationKind } from './notifications.schema.ts';
import type { ProjectScope, WorkspaceScope } from './project-access.ts';
import type { Window } from './projects.repository.ts';
import { WorkErrors } from './work.errors.ts';
import type { WorkItemRecord } from './work-items.repository.ts';

/** A comment as the notifications need it. */
export interface CommentNote {
  id: string;
  actorId: string | null;
  commentHtml: string;
  commentStripped: string;
}

/** A triage decision on an intake submission, as the notifications tell it. */
export interface TriageNote {
  /** Who submitted the item (they hear, with the item's followers). */
  submitterId: string | null;
  status: number;
  /** The status by name: pending, declined, snoozed, accepted or duplicate. */
  outcome: string;
  snoozedTill: string | null;
  duplicateTo: string | null;
}

/** A project-level message: its kind and what it says (`data`, to which the project is added). */
export interface ProjectMessage {
  workspaceId: string;
  projectId: string;
  kind: Extract<NotificationKind, 'standup' | 'deployment'>;
  data: Record<string, unknown>;
}

interface Message {
  kind: NotificationKind;
  data: Record<string, unknown>;
}

const inboxOf = (scope: WorkspaceScope): Inbox => ({
  workspaceId: scope.workspace.id,
  receiverId: scope.userId,
});

/**
 * Notifications (ours; Plane's public API has none): who hears about what happens to a work item or, from
 * agents, to a whole project (`projectPosted`), and their inbox. The `item*` and `comment*` hooks run inside the caller's transaction, so a change and its
 * notifications commit together. Nobody is told about their own change; only project members are told.
 */
export class NotificationsService {
  private readonly transactor: Writer;
  private readonly notifications: NotificationsRepository;
  private readonly people: PeopleDirectory;

  constructor(transactor: Writer, notifications: NotificationsRepository, people: PeopleDirectory) {
    this.transactor = transactor;
    this.notifications = notifications;
    this.people = people;
  }

  /** The inbox, or with `archived` its archive; `read` narrows either to the read or the unread. */
  async list(scope: WorkspaceScope, filter: { read?: boolean; archived: boolean }, window: Window) {
    const inbox = inboxOf(scope);
    const [rows, total] = await Promise.all([
      this.notifications.list(inbox, filter, window),
      this.notifications.count(inbox, filter),
    ]);
    return { rows, total };
  }

  /** Unread and not archived: what the inbox's badge counts. */
  async unreadCount(scope: WorkspaceScope): Promise<number> {
    return this.notifications.count(inboxOf(scope), { read: false, archived: false });
  }

  /** Someone else's notification is not found, exactly like one that does not exist. */
  async get(scope: WorkspaceScope, id: string): Promise<NotificationRow> {
    const row = await this.notifications.find(inboxOf(scope), id);
    if (!row) throw new AppError(WorkErrors.NOTIFICATION_NOT_FOUND);
    return row;
  }

  async markRead(ctx: ChangeContext, scope: WorkspaceScope, id: string, read: boolean) {
    const action = read ? 'notification.read' : 'notification.unread';
    return this.changeOne(ctx, scope, id, action, (repo) => repo.mark(id, 'readAt', read));
  }

  /** Archiving takes a notification out of the inbox into its archive (read or not); unarchiving brings it back. */
  async setArchived(ctx: ChangeContext, scope: WorkspaceScope, id: string, archived: boolean) {
    const action = archived ? 'notification.archived' : 'notification.unarchived';
    return this.changeOne(ctx, scope, id, action, (repo) => repo.mark(id, 'archivedAt', archived));
  }

  async markAllRead(ctx: ChangeContext, scope: WorkspaceScope): Promise<number> {
    return this.transactor.run(async (tx) => {
      const updated = await this.notifications.with(tx).markAllRead(inboxOf(scope));
      if (updated > 0) {
        await publishEvent(tx, ctx, {
          workspaceId: scope.workspace.id,
          action: 'notification.all_read',
          objectType: 'user',
          objectId: scope.userId,
          payload: { updated },
        });
      }
      return updated;
    });
  }

  async isSubscribed(scope: ProjectScope, item: WorkItemRecord): Promise<boolean> {
    return (await this.notifications.subscribers(item.id)).includes(scope.userId);
  }

  async setSubscribed(ctx: ChangeContext, scope: ProjectScope, item: WorkItemRecord, on: boolean) {
    await this.transactor.run(async (tx) => {
      const repo = this.notifications.with(tx);
      if (on) await repo.subscribe(item, [scope.userId]);
      else await repo.unsubscribe(item.id, scope.userId);
      await recordChange(tx, ctx, {
        workspaceId: item.workspaceId,
        action: on ? 'work_item.subscribed' : 'work_item.unsubscribed',
        objectType: 'work_item',
        objectId: item.id,
        after: { subscriber_id: scope.userId },
      });
    });
    return on;
  }

  /**
   * A new item: its creator and assignees follow it; assignees and people its description mentions (by tag, or as
   * plain `@name` among `nameable`) hear.
   */
  async itemCreated(
    tx: Db,
    ctx: ChangeContext,
    scope: ProjectScope,
    item: WorkItemRecord,
    nameable: Mentionable[] = [],
  ): Promise<void> {
    const repo = this.notifications.with(tx);
    await repo.subscribe(item, [scope.userId, ...item.assigneeIds]);
    const mentioned = await this.newlyMentioned(repo, item.projectId, nameable, item.descriptionHtml);
    const messages = new Map<string, Message>();
    const base = itemData(headOf(scope, item));
    offer(messages, mentioned, { kind: 'mentioned', data: base });
    offer(messages, item.assigneeIds, { kind: 'assigned', data: base });
    await this.deliver(tx, ctx, headOf(scope, item), scope.userId, messages);
  }

  /** A change: new assignees and newly mentioned people hear of it, and so do the item's followers. */
  async itemUpdated(
    tx: Db,
    ctx: ChangeContext,
    scope: ProjectScope,
    before: WorkItemRecord,
    after: WorkItemRecord,
    fields: string[],
    nameable: Mentionable[] = [],
  ): Promise<void> {
    if (fields.length === 0) return;
    const repo = this.notifications.with(tx);
    const followers = await repo.subscribers(after.id);
    const added = after.assigneeIds.filter((id) => !before.assigneeIds.includes(id));
    await repo.subscribe(after, added);
    const mentioned = await this.newlyMentioned(
      repo,
      after.projectId,
      nameable,
      after.descriptionHtml,
      before.descriptionHtml,
    );
    const base = {
      ...itemData(headOf(scope, after)),
      fields: [...new Set(fields)],
      // Archiving is a date on the item: say which way it went.
      ...(fields.includes('archived_at') ? { archived: after.archivedAt !== null } : {}),
    };
    const messages = new Map<string, Message>();
    offer(messages, followers, { kind: 'subscribed_change', data: base });
    offer(messages, mentioned, { kind: 'mentioned', data: base });
    offer(messages, added, { kind: 'assigned', data: base });
    await this.deliver(tx, ctx, headOf(scope, after), scope.userId, messages);
  }

  /**
   * The people a comment or description might name as plain `@name`, read before the comment's transaction (the directory is
   * identity's, outside it; PGlite's one connection is held by the transaction). None when there is no `@`.
   */
  async nameable(scope: ProjectScope, html: string | null | undefined): Promise<Mentionable[]> {
    return visibleText(html).includes('@') ? this.people.workspaceMembers(scope.workspace) : [];
  }

  /**
   * A comment written (`previousHtml` undefined) or edited: people it newly mentions (by mention tag, or as plain
   * `@name` among `nameable`, narrowed to the project's members) hear of it; a new comment also reaches the item's
   * followers.
   */
  async commentSaved(
    tx: Db,
    ctx: ChangeContext,
    scope: ProjectScope,
    item: WorkItemRecord,
    comment: CommentNote,
    options: { previousHtml?: string; nameable?: Mentionable[] } = {},
  ): Promise<void> {
    const { previousHtml, nameable = [] } = options;
    const actorId = comment.actorId ?? scope.userId;
    const repo = this.notifications.with(tx);
    const mentioned = await this.newlyMentioned(
      repo,
      item.projectId,
      nameable,
      comment.commentHtml,
      previousHtml,
    );
    const base = {
      ...itemData(headOf(scope, item)),
      comment: { id: comment.id, text: comment.commentStripped.slice(0, 280) },
    };
    const messages = new Map<string, Message>();
    if (previousHtml === undefined) {
      offer(messages, await repo.subscribers(item.id), { kind: 'comment', data: base });
    }
    offer(messages, mentioned, { kind: 'mentioned', data: base });
    await this.deliver(tx, ctx, headOf(scope, item), actorId, messages);
  }

  /**
   * An intake submission triaged (accepted, declined, snoozed, marked duplicate or back to pending): its submitter
   * and the item's followers hear which way it went; the notification's actor says who decided.
   */
  async intakeTriaged(
    tx: Db,
    ctx: ChangeContext,
    scope: ProjectScope,
    item: WorkItemRecord,
    triage: TriageNote,
  ): Promise<void> {
    const followers = await this.notifications.with(tx).subscribers(item.id);
    const data = {
      ...itemData(headOf(scope, item)),
      intake: {
        status: triage.status,
        outcome: triage.outcome,
        snoozed_till: triage.snoozedTill,
        duplicate_to: triage.duplicateTo,
      },
    };
    const receivers = triage.submitterId ? [triage.submitterId, ...followers] : followers;
    const messages = new Map<string, Message>();
    offer(messages, receivers, { kind: 'intake', data });
    await this.deliver(tx, ctx, headOf(scope, item), scope.userId, messages);
  }

  /**
   * History other services wrote (cycle and module membership, relations, deletion): each item's followers hear
   * what changed, in `fields` (the history's field, or its verb: `deleted`) and `changes` (from and to).
   */
  async historyWritten(tx: Db, ctx: ChangeContext, rows: NewActivity[]): Promise<void> {
    const byItem = new Map<string, NewActivity[]>();
    for (const row of rows) byItem.set(row.workItemId, [...(byItem.get(row.workItemId) ?? []), row]);
    const repo = this.notifications.with(tx);
    for (const head of await repo.itemHeads([...byItem.keys()])) {
      const changes = byItem.get(head.id)!;
      const data = {
        ...itemData(head),
        fields: [...new Set(changes.map((c) => c.field ?? c.verb))],
        changes: changes.slice(0, MAX_CHANGES).map((c) => ({
          verb: c.verb,
          field: c.field ?? null,
          old_value: c.oldValue ?? null,
          new_value: c.newValue ?? null,
        })),
      };
      const messages = new Map<string, Message>();
      offer(messages, await repo.subscribers(head.id), { kind: 'subscribed_change', data });
      await this.deliver(tx, ctx, head, actingUserId(ctx.actor), messages);
    }
  }

  /**
   * A message about a whole project (a standup), inside the caller's transaction: one notification, with no work
   * item, for each of the project's active members, the acting person excepted (an agent is nobody's inbox).
   * Answers who got one: nobody when the project is not a live one of the workspace.
   */
  async projectPosted(tx: Db, ctx: ChangeContext, message: ProjectMessage): Promise<string[]> {
    const repo = this.notifications.with(tx);
    const project = await repo.projectHead(message.workspaceId, message.projectId);
    if (!project) return [];
    const person = ctx.actor.type === 'agent' ? null : actingUserId(ctx.actor);
    const receivers = (await repo.activeMembers(project.id)).filter((id) => id !== person);
    await this.send(
      tx,
      ctx,
      receivers.map((receiverId) => ({
        id: randomUUID(),
        workspaceId: message.workspaceId,
        receiverId,
        workItemId: null,
        projectId: project.id,
        actorId: person,
        kind: message.kind,
        title: project.name,
        data: { ...message.data, project },
      })),
    );
    return receivers;
  }

  /**
   * The people `html` names that `previousHtml` did not: mention tags, and plain `@name` read only among the
   * project's members of `nameable`, so a name never reaches an outsider.
   */
  private async newlyMentioned(
    repo: NotificationsRepository,
    projectId: string,
    nameable: Mentionable[],
    html: string,
    previousHtml?: string,
  ): Promise<string[]> {
    const members = new Set(
      await repo.projectMembersAmong(
        projectId,
        nameable.map((p) => p.id),
      ),
    );
    const people = nameable.filter((p) => members.has(p.id));
    const known = new Set(mentionsIn(previousHtml, people));
    return mentionsIn(html, people).filter((id) => !known.has(id));
  }

  private async deliver(
    tx: Db,
    ctx: ChangeContext,
    item: ItemHead,
    actorId: string | null,
    messages: Map<string, Message>,
  ): Promise<void> {
    if (actorId) messages.delete(actorId);
    if (messages.size === 0) return;
    const receivers = await this.notifications
      .with(tx)
      .projectMembersAmong(item.projectId, [...messages.keys()]);
    const rows: NewNotification[] = receivers.map((receiverId) => ({
      id: randomUUID(),
      workspaceId: item.workspaceId,
      receiverId,
      workItemId: item.id,
      projectId: item.projectId,
      actorId,
      kind: messages.get(receiverId)!.kind,
      title: item.name,
      data: messages.get(receiverId)!.data,
    }));
    await this.send(tx, ctx, rows);
  }

  /** Changes one of the caller's notifications and tells their other tabs (the `notifications` channel). */
  private async changeOne(
    ctx: ChangeContext,
    scope: WorkspaceScope,
    id: string,
    action: string,
    change: (repo: NotificationsRepository) => Promise<NotificationRow>,
  ): Promise<NotificationRow> {
    await this.get(scope, id);
    return this.transactor.run(async (tx) => {
      const row = await change(this.notifications.with(tx));
      await publishEvent(tx, ctx, {
        workspaceId: row.workspaceId,
        action,
        objectType: 'notification',
        objectId: row.id,
        payload: { receiver_id: row.receiverId, read_at: row.readAt, archived_at: row.archivedAt },
      });
      return row;
    });
  }

  /** Stores the rows and announces each one to its receiver (the `notifications` channel). */
  private async send(tx: Db, ctx: ChangeContext, rows: NewNotification[]): Promise<void> {
    for (const row of await this.notifications.with(tx).insert(rows)) {
      await publishEvent(tx, ctx, {
        workspaceId: row.workspaceId,
        action: 'notification.created',
        objectType: 'notification',
        objectId: row.id,
        payload: {
          receiver_id: row.receiverId,
          kind: row.kind,
          work_item_id: row.workItemId,
          project_id: row.projectId,
          actor_id: row.actorId,
          title: row.title,
        },
      });
    }
  }
}

/** Later offers win: callers offer the weakest kind first (a change, then a mention, then an assignment). */
function offer(messages: Map<string, Message>, userIds: string[], message: Message): void {
  for (const id of userIds) messages.set(id, message);
}

const MAX_CHANGES = 20;

const headOf = (scope: ProjectScope, item: WorkItemRecord): ItemHead => ({
  id: item.id,
  name: item.name,
  sequenceId: item.sequenceId,
  workspaceId: item.workspaceId,
  projectId: item.projectId,
  identifier: scope.project.identifier,
});

function itemData(item: ItemHead) {
  return {
    work_item: {
      id: item.id,
      name: item.name,
      sequence_id: item.sequenceId,
      identifier: `${item.identifier}-${item.sequenceId}`,
    },
    project: { id: item.projectId, identifier: item.identifier },
  };
}
