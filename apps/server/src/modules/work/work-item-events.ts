import type { DomainEvent } from '../../platform/events/dispatcher.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { envelope } from '../../platform/realtime/realtime-bridge.ts';
import type { ChannelDefinition, RealtimeAction } from '../../platform/realtime/realtime-server.ts';
import { planeRole, type WorkspaceAccess, type WorkspaceRole } from '../identity/index.ts';
import type { ProjectsService } from './projects.service.ts';

/** Work item events for the live board. Only the projects' own members see them, as on the REST API. */
export function workItemRealtimeActions(event: DomainEvent): RealtimeAction[] {
  if (!event.workspaceId) return [];
  if (event.type.startsWith('project.member.')) {
    // Joining or leaving a project changes which work items the user's open sockets may see.
    const userId = userOf(event);
    return userId ? [{ kind: 'reauthorize', workspaceId: event.workspaceId, userId }] : [];
  }
  if (!['work_item.created', 'work_item.updated', 'work_item.deleted'].includes(event.type)) return [];
  const { before, after } = event.payload as { before: Snapshot | null; after: Snapshot | null };
  const projectId = (after ?? before)?.project_id;
  if (!projectId) return [];
  return [
    {
      kind: 'emit',
      workspaceId: event.workspaceId,
      channel: 'work_items',
      topic: projectId,
      event: event.type,
      payload: envelope(event, event.type, { id: event.aggregateId, project_id: projectId, before, after }),
    },
  ];
}

type Snapshot = { project_id?: string } & Record<string, unknown>;

const MAX_PROJECTS = 1000;

/**
 * The `work_items` channel: one project (`project_id`) the caller is an active member of, or, without it,
 * every project they are a member of now (joining a project later adds it).
 */
export function workItemsChannel(
  projects: ProjectsService,
): ChannelDefinition<{ id: string; slug: string; role: string; row: WorkspaceAccess['workspace'] }> {
  return {
    params: ['project_id'],
    async resolve({ identity, workspace }, params) {
      const scope = {
        workspace: workspace.row,
        userId: identity.userId,
        workspaceRole: planeRole(workspace.role as WorkspaceRole),
      };
      const { rows } = await projects.list(
        scope,
        { key: 'created_at', descending: false },
        { limit: MAX_PROJECTS, offset: 0 },
      );
      const mine = rows.filter((r) => r.memberRole !== null).map((r) => r.project.id);
      const wanted = params.project_id;
      if (wanted === undefined) return mine;
      if (!mine.includes(wanted)) {
        throw new AppError('NOT_FOUND', {
          field: 'project_id',
          message: 'No project with this id that you are a member of.',
        });
      }
      return [wanted];
    },
  };
}

const NOTIFICATION_EVENTS = [
  'notification.created',
  'notification.read',
  'notification.unread',
  'notification.archived',
  'notification.unarchived',
];

/**
 * A person's own notifications, to the `notifications` channel's topic of that person only: a new one, one read,
 * unread, archived or unarchived, all read (so their other tabs keep the same inbox and unread count).
 */
export function notificationRealtimeActions(event: DomainEvent): RealtimeAction[] {
  if (!event.workspaceId) return [];
  let receiverId: unknown;
  if (NOTIFICATION_EVENTS.includes(event.type)) {
    receiverId = (event.payload as { receiver_id?: unknown }).receiver_id;
  } else if (event.type === 'notification.all_read') {
    receiverId = event.aggregateId;
  }
  if (typeof receiverId !== 'string') return [];
  return [
    {
      kind: 'emit',
      workspaceId: event.workspaceId,
      channel: 'notifications',
      topic: receiverId,
      event: event.type,
      payload: envelope(event, event.type, event.payload),
    },
  ];
}

/** The `notifications` channel: always the caller's own, whoever they name. */
export const notificationsChannel: ChannelDefinition = {
  params: [],
  resolve: async ({ identity }) => [identity.userId],
};

function userOf(event: DomainEvent): string | undefined {
  const { before, after } = event.payload as {
    before?: { user_id?: unknown };
    after?: { user_id?: unknown };
  };
  const userId = after?.user_id ?? before?.user_id;
  return typeof userId === 'string' ? userId : undefined;
}
