import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { publishEvent, recordChange } from '../../platform/events/outbox.ts';
import type { Writer } from './db-errors.ts';
import type {
  Inbox,
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

interface Message {
  kind: NotificationKind;
  data: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MENTION = /<mention-component\b[^>]*>/gi;

/**
 * The people a piece of rich text mentions: Plane's `<mention-component entity_identifier="{user id}">` tags
 * (sanitizeRichText keeps them). Tags naming something other than a user (`entity_name`) are skipped.
 */
export function mentionedUserIds(html: string | null | undefined): string[] {
  const ids = new Set<string>();
  for (const [tag] of (html ?? '').matchAll(MENTION)) {
    const name = /\bentity_name\s*=\s*"([^"]*)"/i.exec(tag)?.[1];
    if (name && name !== 'user_mention') continue;
    const id = /\bentity_identifier\s*=\s*"([^"]*)"/i.exec(tag)?.[1]?.trim();
    if (id && UUID.test(id)) ids.add(id.toLowerCase());
  }
  return [...ids];
}

const inboxOf = (scope: WorkspaceScope): Inbox => ({
  workspaceId: scope.workspace.id,
  receiverId: scope.userId,
});

/**
 * Notifications (ours; Plane's public API has none): who hears about what happens to a work item, and their
 * inbox. The `item*` and `comment*` hooks run inside the caller's transaction, so a change and its
 * notifications commit together. Nobody is told about their own change; only project members are told.
 */
export class NotificationsService {
  private readonly transactor: Writer;
  private readonly notifications: NotificationsRepository;

  constructor(transactor: Writer, notifications: NotificationsRepository) {
    this.transactor = transactor;
    this.notifications = notifications;
  }

  async list(scope: WorkspaceScope, read: boolean | undefined, window: Window) {
    const inbox = inboxOf(scope);
    const [rows, total] = await Promise.all([
      this.notifications.list(inbox, read, window),
      this.notifications.count(inbox, read),
    ]);
    return { rows, total };
  }

  async unreadCount(scope: WorkspaceScope): Promise<number> {
    return this.notifications.count(inboxOf(scope), false);
  }

  /** Someone else's notification is not found, exactly like one that does not exist. */
  async get(scope: WorkspaceScope, id: string): Promise<NotificationRow> {
    const row = await this.notifications.find(inboxOf(scope), id);
    if (!row) throw new AppError(WorkErrors.NOTIFICATION_NOT_FOUND);
    return row;
  }

  async markRead(ctx: ChangeContext, scope: WorkspaceScope, id: string, read: boolean) {
    await this.get(scope, id);
    return this.transactor.run(async (tx) => {
      const row = await this.notifications.with(tx).setRead(id, read);
      await publishEvent(tx, ctx, {
        workspaceId: row.workspaceId,
        action: read ? 'notification.read' : 'notification.unread',
        objectType: 'notification',
        objectId: row.id,
        payload: { receiver_id: row.receiverId, read_at: row.readAt },
      });
      return row;
    });
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

  /** A new item: its creator and assignees follow it; assignees and people its description mentions hear. */
  async itemCreated(tx: Db, ctx: ChangeContext, scope: ProjectScope, item: WorkItemRecord): Promise<void> {
    await this.notifications.with(tx).subscribe(item, [scope.userId, ...item.assigneeIds]);
    const messages = new Map<string, Message>();
    const base = itemData(scope, item);
    offer(messages, mentionedUserIds(item.descriptionHtml), { kind: 'mentioned', data: base });
    offer(messages, item.assigneeIds, { kind: 'assigned', data: base });
    await this.deliver(tx, ctx, item, scope.userId, messages);
  }

  /** A change: new assignees and newly mentioned people hear of it, and so do the item's followers. */
  async itemUpdated(
    tx: Db,
    ctx: ChangeContext,
    scope: ProjectScope,
    before: WorkItemRecord,
    after: WorkItemRecord,
    fields: string[],
  ): Promise<void> {
    if (fields.length === 0) return;
    const repo = this.notifications.with(tx);
    const followers = await repo.subscribers(after.id);
    const added = after.assigneeIds.filter((id) => !before.assigneeIds.includes(id));
    await repo.subscribe(after, added);
    const wasMentioned = new Set(mentionedUserIds(before.descriptionHtml));
    const mentioned = mentionedUserIds(after.descriptionHtml).filter((id) => !wasMentioned.has(id));
    const base = { ...itemData(scope, after), fields: [...new Set(fields)] };
    const messages = new Map<string, Message>();
    offer(messages, followers, { kind: 'subscribed_change', data: base });
    offer(messages, mentioned, { kind: 'mentioned', data: base });
    offer(messages, added, { kind: 'assigned', data: base });
    await this.deliver(tx, ctx, after, scope.userId, messages);
  }

  /**
   * A comment written (`previousHtml` undefined) or edited: people it newly mentions hear of it; a new comment
   * also reaches the item's followers.
   */
  async commentSaved(
    tx: Db,
    ctx: ChangeContext,
    scope: ProjectScope,
    item: WorkItemRecord,
    comment: CommentNote,
    previousHtml?: string,
  ): Promise<void> {
    const actorId = comment.actorId ?? scope.userId;
    const known = new Set(mentionedUserIds(previousHtml));
    const mentioned = mentionedUserIds(comment.commentHtml).filter((id) => !known.has(id));
    const base = {
      ...itemData(scope, item),
      comment: { id: comment.id, text: comment.commentStripped.slice(0, 280) },
    };
    const messages = new Map<string, Message>();
    if (previousHtml === undefined) {
      offer(messages, await this.notifications.with(tx).subscribers(item.id), {
        kind: 'comment',
        data: base,
      });
    }
    offer(messages, mentioned, { kind: 'mentioned', data: base });
    await this.deliver(tx, ctx, item, actorId, messages);
  }

  private async deliver(
    tx: Db,
    ctx: ChangeContext,
    item: WorkItemRecord,
    actorId: string,
    messages: Map<string, Message>,
  ): Promise<void> {
    messages.delete(actorId);
    if (messages.size === 0) return;
    const repo = this.notifications.with(tx);
    const receivers = await repo.projectMembersAmong(item.projectId, [...messages.keys()]);
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
    for (const row of await repo.insert(rows)) {
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
        },
      });
    }
  }
}

/** Later offers win: callers offer the weakest kind first (a change, then a mention, then an assignment). */
function offer(messages: Map<string, Message>, userIds: string[], message: Message): void {
  for (const id of userIds) messages.set(id, message);
}

function itemData(scope: ProjectScope, item: WorkItemRecord) {
  return {
    work_item: {
      id: item.id,
      name: item.name,
      sequence_id: item.sequenceId,
      identifier: `${scope.project.identifier}-${item.sequenceId}`,
    },
    project: { id: item.projectId, identifier: scope.project.identifier },
  };
}
