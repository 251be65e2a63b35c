import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Container } from './container.ts';
import { agentRealtimeActions } from './modules/agents/index.ts';
import { identityRealtimeActions } from './modules/identity/index.ts';
import {
  notificationRealtimeActions,
  notificationsChannel,
  workItemRealtimeActions,
  workItemsChannel,
} from './modules/work/index.ts';
import type { DomainEvent } from './platform/events/dispatcher.ts';
import { bridgeEventsToRealtime, envelope, eventCreated } from './platform/realtime/realtime-bridge.ts';
import { RealtimeServer, type RealtimeAction } from './platform/realtime/realtime-server.ts';

/**
 * The realtime role: Socket.IO on the given HTTP server (the API's in a single process, its own otherwise),
 * authenticated by the identity module, fed from the event bus. With Redis the adapter fans every emit out to
 * all realtime processes, so one of them (the bus consumer's lease holder) emits for all.
 */
export async function startRealtime(container: Container, server: HttpServer): Promise<RealtimeServer> {
  const { identity, work, bus, config, redis } = container;
  const realtime = new RealtimeServer({
    logger: container.logger.child({ component: 'realtime' }),
    allowedOrigins: [config.publicUrl, ...config.corsOrigins],
    redis,
    hooks: {
      authenticate: (input) => identity.realtime.authenticate(input),
      findWorkspace: (who, ref) => identity.realtime.findWorkspace(who, ref),
      channels: {
        agent_tasks: everything,
        agents: everything,
        events: everything,
        deployments: everything,
        pull_requests: {
          params: ['repository'],
          resolve: async (_context, params) => (params.repository ? [params.repository] : 'all'),
        },
        work_items: workItemsChannel(work.projects),
        notifications: notificationsChannel,
      },
    },
  });
  realtime.attach(server);
  bridgeEventsToRealtime(bus, (action) => realtime.apply(action), [
    agentRealtimeActions,
    workItemRealtimeActions,
    notificationRealtimeActions,
    integrationRealtimeActions,
    identityRealtimeActions,
    // A person's notifications are theirs alone: the workspace's event stream does not mention them.
    (event) => (event.type.startsWith('notification.') ? [] : eventCreated(event)),
  ]);
  await bus.start(['realtime']);
  return realtime;
}

/** The realtime role without the API: its own HTTP server, answering health checks and Socket.IO only. */
export async function startRealtimeAlone(
  container: Container,
): Promise<{ url: string; close(): Promise<void> }> {
  const { config, database } = container;
  const server = createServer((request, response) => {
    const path = request.url?.split('?')[0];
    if (path === '/health' || path === '/ready') {
      const check = path === '/ready' ? database.ping() : Promise.resolve();
      check.then(
        () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'),
        () => response.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"unavailable"}'),
      );
      return;
    }
    response
      .writeHead(404, { 'content-type': 'application/json' })
      .end('{"error":{"code":"ROUTE_NOT_FOUND"}}');
  });
  const realtime = await startRealtime(container, server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    async close() {
      await realtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const everything = { params: [], resolve: async () => 'all' as const };

/**
 * `deployment.*` and `pull_request.*` events (seed 001), recorded by integrations, go out under their own name;
 * a pull request's `repository_id` (in its payload) lets a client follow one repository.
 */
function integrationRealtimeActions(event: DomainEvent): RealtimeAction[] {
  if (!event.workspaceId) return [];
  const channel = event.type.startsWith('deployment.')
    ? 'deployments'
    : event.type.startsWith('pull_request.')
      ? 'pull_requests'
      : undefined;
  if (!channel) return [];
  const repository = (event.payload as { repository_id?: unknown }).repository_id;
  return [
    {
      kind: 'emit',
      workspaceId: event.workspaceId,
      channel,
      ...(typeof repository === 'string' || typeof repository === 'number'
        ? { topic: String(repository) }
        : {}),
      event: event.type,
      payload: envelope(event, event.type, event.payload),
    },
  ];
}
