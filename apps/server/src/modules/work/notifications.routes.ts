import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permission } from '../../platform/http/access.ts';
import { pageEnvelope } from '../../platform/http/pagination.ts';
import { changeContext } from '../identity/index.ts';
import { projectParams, projectPath, uuidParam, workspaceParams, workspacePath } from './dto-common.ts';
import {
  markAllReadOut,
  notificationListQuery,
  notificationOut,
  subscriptionOut,
  toNotificationOut,
  unreadCountOut,
} from './notifications.dto.ts';
import { planeRouteConfig } from './plane/conventions.ts';
import { fetchWindow, parsePage } from './plane/pagination.ts';
import type { PlaneApiDeps } from './plane-api.ts';
import { projectScopeOf, workspaceScopeOf } from './request-context.ts';
import type { ItemsPath } from './work-items.routes.ts';

const tags = ['notifications'];
// Any active member of the workspace, guests included; each reads only their own notifications.
const config = planeRouteConfig(permission('workspace.view'));
const list = `${workspacePath}/users/me/notifications/`;
const onePath = `${list}${uuidParam('notification_id')}/`;
const notificationParams = workspaceParams.extend({ notification_id: z.uuid() });
const NOTIFICATIONS_PER_PAGE = 20;
/** A mark, a follow: POST sets it, DELETE clears it. */
const setOrClear = [
  ['POST', true],
  ['DELETE', false],
] as const;

/** The caller's inbox in a workspace (ours: Plane's public API has no notifications). */
export async function notificationRoutes(root: FastifyInstance, deps: PlaneApiDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { notifications, presenter } = deps;

  app.get(
    list,
    {
      config,
      schema: {
        tags,
        summary:
          'Your notifications in the workspace, newest first (20 a page); `read=false` keeps the unread, ' +
          '`archived=true` shows the archive instead of the inbox',
        params: workspaceParams,
        querystring: notificationListQuery,
        response: { 200: pageEnvelope(notificationOut) },
      },
    },
    async (request) => {
      const page = parsePage(request.query, NOTIFICATIONS_PER_PAGE);
      const { read, archived } = request.query;
      const filter = {
        read: read === undefined ? undefined : read === 'true',
        archived: archived === 'true',
      };
      const { rows, total } = await notifications.list(workspaceScopeOf(request), filter, fetchWindow(page));
      return presenter.page(request, page, rows, total, toNotificationOut);
    },
  );

  app.get(
    `${list}unread-count/`,
    { config, schema: { tags, params: workspaceParams, response: { 200: unreadCountOut } } },
    async (request) => ({ unread_count: await notifications.unreadCount(workspaceScopeOf(request)) }),
  );

  app.post(
    `${list}mark-all-read/`,
    { config, schema: { tags, params: workspaceParams, response: { 200: markAllReadOut } } },
    async (request) => ({
      updated: await notifications.markAllRead(changeContext(request), workspaceScopeOf(request)),
    }),
  );

  // Read (POST) and unread (DELETE); archive (POST) and unarchive (DELETE), as Plane's app does.
  for (const [suffix, change] of [
    ['read/', notifications.markRead],
    ['archive/', notifications.setArchived],
  ] as const) {
    for (const [method, on] of setOrClear) {
      app.route({
        method,
        url: `${onePath}${suffix}`,
        config,
        schema: { tags, params: notificationParams, response: { 200: notificationOut } },
        handler: async (request) => {
          const row = await change.call(
            notifications,
            changeContext(request),
            workspaceScopeOf(request),
            request.params.notification_id,
            on,
          );
          return presenter.plain(request, row, toNotificationOut);
        },
      });
    }
  }
}

// Any project member, guests included, may follow an item they can read.
const subscribeConfig = planeRouteConfig(permission('workspace.view'), { project: 'lite' as const });
const itemParams = projectParams.extend({ issue_id: z.uuid() });

/** Following a work item: `{subscribed: bool}` on read, follow (POST) and unfollow (DELETE). */
export async function subscriptionRoutes(root: FastifyInstance, deps: PlaneApiDeps & ItemsPath) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { notifications, workItems } = deps;
  const url = `${projectPath}/${deps.itemsPath}/${uuidParam('issue_id')}/subscribe/`;
  const schema = { tags, params: itemParams, response: { 200: subscriptionOut } };

  app.get(url, { config: subscribeConfig, schema }, async (request) => {
    const scope = projectScopeOf(request);
    const item = await workItems.requireItem(scope, request.params.issue_id);
    return { subscribed: await notifications.isSubscribed(scope, item) };
  });

  for (const [method, on] of setOrClear) {
    app.route({
      method,
      url,
      config: subscribeConfig,
      schema,
      handler: async (request) => {
        const scope = projectScopeOf(request);
        const item = await workItems.requireItem(scope, request.params.issue_id);
        return { subscribed: await notifications.setSubscribed(changeContext(request), scope, item, on) };
      },
    });
  }
}
