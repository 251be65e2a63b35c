import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';

/**
 * Live updates over Socket.IO (docs/api.md, "Live updates"). One connection for the app, joined to the
 * workspace on screen; screens subscribe to channels with the hooks below and turn events into cache
 * invalidations or patches. The server does not replay what happened while we were away, so after every
 * (re)connection the client joins and subscribes again and refetches what is on screen.
 */
export type Channel =
  'agent_tasks' | 'agents' | 'events' | 'deployments' | 'pull_requests' | 'work_items' | 'notifications';

export interface LiveEvent<D = Record<string, unknown>> {
  id: string;
  seq: number;
  event: string;
  workspace_id: string;
  object_type: string;
  object_id: string;
  actor: { type: string; id: string | null };
  occurred_at: string;
  data: D;
}

export interface LiveTask {
  id: string;
  agent_id: string;
  task_type: string;
  status: string;
  priority: number;
  attempts: number;
  revision: number;
  error_message: string | null;
  next_run_at: string | null;
}

export type LiveStatus = 'offline' | 'connecting' | 'live';

type Params = Record<string, string>;
type Handler = (event: LiveEvent) => void;
interface Subscription {
  channel: Channel;
  params: Params;
  handler: Handler;
}

/** Which channel an event arrives on, by its name. */
function channelOf(eventName: string): Channel | undefined {
  if (eventName.startsWith('agent_task.')) return 'agent_tasks';
  if (eventName.startsWith('agent.')) return 'agents';
  if (eventName.startsWith('work_item.')) return 'work_items';
  if (eventName === 'event.created') return 'events';
  if (eventName.startsWith('deployment.')) return 'deployments';
  if (eventName.startsWith('pull_request.')) return 'pull_requests';
  if (eventName.startsWith('notification.')) return 'notifications';
  return undefined;
}

const subscriptionKey = (channel: Channel, params: Params) =>
  JSON.stringify([channel, Object.entries(params).sort(([a], [b]) => a.localeCompare(b))]);

const UNSUBSCRIBE_AFTER_MS = 10_000;

class RealtimeClient {
  private socket: Socket | null = null;
  private slug: string | null = null;
  private readonly subscriptions = new Set<Subscription>();
  private readonly resyncs = new Set<() => void>();
  private readonly statusListeners = new Set<() => void>();
  private readonly seen = new Set<string>();
  private joined = new Set<string>();
  private syncing: Promise<void> = Promise.resolve();
  status: LiveStatus = 'offline';

  /** Connects on first use; switching workspace re-joins the one connection. */
  use(slug: string): void {
    if (this.slug !== slug) {
      this.slug = slug;
      this.joined = new Set();
      if (this.socket?.connected) void this.sync();
    }
    if (this.socket) return;
    const socket = io(window.location.origin, {
      path: '/socket.io',
      withCredentials: true,
      transports: ['websocket'],
    });
    this.socket = socket;
    this.setStatus('connecting');
    let connectedBefore = false;
    socket.on('connect', () => {
      this.joined = new Set();
      const reconnected = connectedBefore;
      connectedBefore = true;
      void this.sync().then(() => {
        // Whatever changed while we were away is not replayed: refetch what is on screen (the first
        // connection follows the screens' own fetches, so there is nothing to catch up on).
        if (reconnected) for (const resync of this.resyncs) resync();
      });
    });
    socket.on('disconnect', () => this.setStatus('connecting'));
    socket.on('connect_error', () => this.setStatus('offline'));
    socket.on('workspace.access_revoked', () => {
      this.joined = new Set();
      this.setStatus('offline');
    });
    socket.onAny((name: string, envelope: LiveEvent) => this.dispatch(name, envelope));
  }

  subscribe(slug: string, subscription: Subscription): () => void {
    this.use(slug);
    this.subscriptions.add(subscription);
    if (this.socket?.connected) void this.sync();
    return () => {
      this.subscriptions.delete(subscription);
      // Screens that follow one another (a list, then one of its tasks) often want the same channel: keep
      // it a moment, so no event falls between the one screen's unsubscribe and the next one's subscribe.
      setTimeout(() => this.release(subscription), UNSUBSCRIBE_AFTER_MS);
    };
  }

  private release({ channel, params }: Subscription): void {
    const key = subscriptionKey(channel, params);
    const stillWanted = [...this.subscriptions].some((s) => subscriptionKey(s.channel, s.params) === key);
    if (!stillWanted && this.joined.has(key) && this.socket?.connected) {
      this.joined.delete(key);
      void this.socket
        .timeout(5000)
        .emitWithAck('unsubscribe', { channel, ...params })
        .catch(() => undefined);
    }
  }

  onResync(resync: () => void): () => void {
    this.resyncs.add(resync);
    return () => this.resyncs.delete(resync);
  }

  onStatus(listener: () => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** One sync at a time, so a join never races the subscriptions of another. */
  private sync(): Promise<void> {
    this.syncing = this.syncing.then(() => this.syncNow());
    return this.syncing;
  }

  /** Joins the workspace (once per connection) and subscribes whatever screens ask for and is not yet subscribed. */
  private async syncNow(): Promise<void> {
    const socket = this.socket;
    const slug = this.slug;
    if (!socket || !slug) return;
    try {
      if (!this.joined.has('join:' + slug)) {
        const ack = (await socket.timeout(5000).emitWithAck('join', { workspace: slug })) as { ok: boolean };
        if (!ack.ok || this.slug !== slug) return this.setStatus('offline');
        this.joined = new Set(['join:' + slug]);
      }
      for (const { channel, params } of [...this.subscriptions]) {
        const key = subscriptionKey(channel, params);
        if (this.joined.has(key)) continue;
        this.joined.add(key);
        const ack = (await socket.timeout(5000).emitWithAck('subscribe', { channel, ...params })) as {
          ok: boolean;
        };
        if (!ack.ok) this.joined.delete(key);
      }
      this.setStatus('live');
    } catch {
      // No acknowledgement in time: the next (re)connection tries again.
      this.setStatus('connecting');
    }
  }

  private dispatch(name: string, envelope: LiveEvent): void {
    const channel = channelOf(name);
    if (!channel || !envelope || typeof envelope.id !== 'string') return;
    // At least once: a copy after a server crash is dropped by id.
    if (this.seen.has(envelope.id)) return;
    this.seen.add(envelope.id);
    if (this.seen.size > 2000) this.seen.delete(this.seen.values().next().value!);
    for (const subscription of this.subscriptions) {
      if (subscription.channel !== channel) continue;
      const projectId = subscription.params.project_id;
      if (projectId && (envelope.data as { project_id?: string }).project_id !== projectId) continue;
      subscription.handler(envelope);
    }
  }

  private setStatus(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    // Lets end-to-end tests (and styles) see when live updates flow.
    document.documentElement.dataset.realtime = status;
    for (const listener of this.statusListeners) listener();
  }
}

const client = new RealtimeClient();

/**
 * Subscribes to a channel of the workspace while the calling component is mounted; `onEvent` sees every
 * event of it, `onResync` runs after each reconnection (refetch there).
 */
export function useLiveChannel(
  slug: string,
  channel: Channel,
  params: Params,
  onEvent: Handler,
  onResync?: () => void,
): void {
  const handlerRef = useRef(onEvent);
  const resyncRef = useRef(onResync);
  useEffect(() => {
    handlerRef.current = onEvent;
    resyncRef.current = onResync;
  });
  const paramsKey = JSON.stringify(params);
  useEffect(() => {
    const stopEvents = client.subscribe(slug, {
      channel,
      params: JSON.parse(paramsKey) as Params,
      handler: (event) => handlerRef.current(event),
    });
    const stopResync = client.onResync(() => resyncRef.current?.());
    return () => {
      stopEvents();
      stopResync();
    };
  }, [slug, channel, paramsKey]);
}

/** 'live' once the workspace is joined and subscribed; for a small indicator. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(
    (listener) => client.onStatus(listener),
    () => client.status,
    () => 'offline',
  );
}

/**
 * Invalidations of one burst of events run once: a board that moves ten cards at a time refetches once.
 */
function useBatchedInvalidate(queryClient: QueryClient) {
  const pending = useRef(new Map<string, QueryKey>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return (...keys: QueryKey[]) => {
    for (const key of keys) pending.current.set(JSON.stringify(key), key);
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      const batch = [...pending.current.values()];
      pending.current.clear();
      for (const queryKey of batch) void queryClient.invalidateQueries({ queryKey });
    }, 120);
  };
}

/**
 * The board, list and item pages of one project (or, without a project, the projects of the workspace)
 * follow changes made by others. Keys are those of features/work-items/api/keys.ts.
 */
export function useLiveWorkItems(slug: string, projectId?: string): void {
  const queryClient = useQueryClient();
  const invalidate = useBatchedInvalidate(queryClient);
  useLiveChannel(
    slug,
    'work_items',
    projectId ? { project_id: projectId } : {},
    (event) => {
      const data = event.data as { id?: string; project_id?: string };
      const project = data.project_id ?? projectId;
      if (!project) return invalidate(['plane', slug]);
      invalidate(['plane', slug, project, 'items']);
      if (data.id) invalidate(['plane', slug, project, 'item', data.id]);
      if (!projectId) invalidate(['plane', slug, 'projects']);
    },
    () => invalidate(projectId ? ['plane', slug, projectId] : ['plane', slug]),
  );
}

/** Query keys of the agent screens (features/agents) and the command center, shared with them. */
export const liveKeys = {
  agents: (slug: string) => ['agents', slug] as const,
  commandCenter: (slug: string) => ['command-center', slug] as const,
};

/**
 * Agent screens: a task event patches the task in every cached list and page at once (its status is in
 * the event), then refetches in the background for the fields the event does not carry.
 */
export function useLiveAgents(slug: string): void {
  const queryClient = useQueryClient();
  const invalidate = useBatchedInvalidate(queryClient);
  const root = liveKeys.agents(slug);
  const onTask = (event: LiveEvent) => {
    const task = (event.data as { task?: LiveTask }).task;
    if (task) patchTask(queryClient, root, task);
    invalidate(root, liveKeys.commandCenter(slug));
  };
  useLiveChannel(slug, 'agent_tasks', {}, onTask, () => invalidate(root, liveKeys.commandCenter(slug)));
  useLiveChannel(slug, 'agents', {}, () => invalidate(root, liveKeys.commandCenter(slug)));
  // Workflow executions have no channel of their own: the workspace's event stream names them.
  useLiveChannel(slug, 'events', {}, (event) => {
    const type = (event.data as { type?: string }).type ?? '';
    if (type.startsWith('workflow')) invalidate([...root, 'executions']);
  });
}

/** The command center refreshes when anything in the workspace changes (at most a few times a second). */
export function useLiveWorkspace(slug: string): void {
  const queryClient = useQueryClient();
  const invalidate = useBatchedInvalidate(queryClient);
  const keys = [liveKeys.commandCenter(slug), ['workspaces', slug, 'activity']];
  useLiveChannel(
    slug,
    'events',
    {},
    () => invalidate(...keys),
    () => invalidate(...keys),
  );
}

function patchTask(queryClient: QueryClient, root: QueryKey, task: LiveTask): void {
  const patch = (value: unknown): unknown => {
    if (!value || typeof value !== 'object') return value;
    const record = value as { id?: string; results?: unknown[] };
    if (record.id === task.id) return { ...record, ...task };
    if (Array.isArray(record.results))
      return {
        ...record,
        results: record.results.map((row) =>
          (row as { id?: string }).id === task.id ? { ...(row as object), ...task } : row,
        ),
      };
    return value;
  };
  queryClient.setQueriesData({ queryKey: root }, patch);
}
