import { z } from 'zod';
import { queryText } from './dto-common.ts';
import type { NotificationRow } from './notifications.repository.ts';
import { notificationKinds } from './notifications.schema.ts';
import { planeDateTime } from './plane/datetime.ts';

const lastFlag = z.preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), z.enum(['true', 'false']).optional());

export const notificationListQuery = z.object({
  cursor: queryText,
  per_page: queryText,
  read: lastFlag,
  archived: lastFlag,
});

export const notificationOut = z.object({
  id: z.uuid(),
  workspace: z.uuid(),
  project: z.uuid(),
  /** Null for a project-level notification (`standup`). */
  work_item: z.uuid().nullable(),
  receiver: z.uuid(),
  actor: z.uuid().nullable(),
  kind: z.enum(notificationKinds),
  title: z.string(),
  data: z.record(z.string(), z.unknown()),
  read_at: z.string().nullable(),
  archived_at: z.string().nullable(),
  created_at: z.string(),
});

export const unreadCountOut = z.object({ unread_count: z.number().int() });
export const markAllReadOut = z.object({ updated: z.number().int() });
export const subscriptionOut = z.object({ subscribed: z.boolean() });

export function toNotificationOut(n: NotificationRow, timeZone: string) {
  return {
    id: n.id,
    workspace: n.workspaceId,
    project: n.projectId,
    work_item: n.workItemId,
    receiver: n.receiverId,
    actor: n.actorId,
    kind: n.kind,
    title: n.title,
    data: n.data as Record<string, unknown>,
    read_at: planeDateTime(n.readAt, timeZone),
    archived_at: planeDateTime(n.archivedAt, timeZone),
    created_at: planeDateTime(n.createdAt, timeZone),
  };
}
