import type { IncomingHttpHeaders, Server as HttpServer } from 'node:http';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import { AppError } from '../errors/app-error.ts';
import { redisAdapter } from './redis.ts';

/** Who is connected, as the auth hook found them; kept on the socket (plain data: it crosses processes). */
export interface RealtimeIdentity {
  userId: string;
  /** The session or API token: revoking it disconnects the sockets it opened. */
  credentialId: string;
  /** An API token limited to one workspace. */
  workspaceScope: string | null;
}

export interface RealtimeWorkspace {
  id: string;
  slug: string;
  role: string;
}

export interface HandshakeInput {
  headers: IncomingHttpHeaders;
  /** The client's `auth` payload (browsers cannot set headers on a WebSocket). */
  auth: Record<string, unknown>;
}

export interface ChannelContext<W extends RealtimeWorkspace = RealtimeWorkspace> {
  identity: RealtimeIdentity;
  /** Freshly read for this request: membership may have changed since the join. */
  workspace: W;
}

/** A channel clients may subscribe to within their workspace. */
export interface ChannelDefinition<W extends RealtimeWorkspace = RealtimeWorkspace> {
  /** Parameters a subscription may carry (anything else is refused). */
  params: readonly string[];
  /**
   * The topics the subscription covers: `'all'` (every topic of the workspace) or a list (one repository, the
   * projects the caller may see). Throws an AppError to refuse.
   */
  resolve(context: ChannelContext<W>, params: Record<string, string>): Promise<'all' | string[]>;
}

export interface RealtimeHooks<W extends RealtimeWorkspace = RealtimeWorkspace> {
  /** Finds the caller from the handshake; undefined when no credentials were given. Throws AppError to refuse. */
  authenticate(
    input: HandshakeInput,
  ): Promise<{ identity: RealtimeIdentity; viaCookie: boolean } | undefined>;
  /** The workspace, if the caller may watch it. */
  findWorkspace(identity: RealtimeIdentity, ref: { slug: string } | { id: string }): Promise<W | undefined>;
  channels: Record<string, ChannelDefinition<W>>;
}

export interface RealtimeServerOptions<W extends RealtimeWorkspace> {
  hooks: RealtimeHooks<W>;
  /** Origins a cookie-authenticated browser may connect from (the HTTP CSRF allow-list). */
  allowedOrigins: string[];
  logger: Logger;
  /** With Redis, an emit on any realtime process reaches the clients of all of them. */
  redis?: Redis;
  path?: string;
}

/** What the event mapping asks the realtime layer to do. */
export type RealtimeAction =
  | { kind: 'emit'; workspaceId: string; channel: string; topic?: string; event: string; payload: unknown }
  /** A membership changed: check the user's access to the workspace again and redo their subscriptions. */
  | { kind: 'reauthorize'; workspaceId: string; userId: string }
  /** A session or API token ended: close the sockets it opened. */
  | { kind: 'disconnect'; credentialId: string };

interface Subscription {
  channel: string;
  params: Record<string, string>;
}

interface SocketData {
  identity: RealtimeIdentity;
  workspace: RealtimeWorkspace | undefined;
  subscriptions: Subscription[];
}

export type Ack = (reply: { ok: true; [key: string]: unknown } | { ok: false; error: ErrorBody }) => void;
interface ErrorBody {
  code: string;
  message: string;
  field?: string;
}

export const DEFAULT_REALTIME_PATH = '/socket.io';

const rooms = {
  channel: (workspaceId: string, channel: string) => `w:${workspaceId}:${channel}`,
  topic: (workspaceId: string, channel: string, topic: string) => `w:${workspaceId}:${channel}:${topic}`,
  member: (workspaceId: string, userId: string) => `m:${workspaceId}:${userId}`,
  credential: (credentialId: string) => `c:${credentialId}`,
};

/**
 * Socket.IO with authentication and workspace rooms, and nothing about the product's objects: the hooks
 * decide who may connect, which workspace they may join and what each channel covers. Clients connect,
 * `join` one workspace, then `subscribe` to channels; events reach only the rooms of that workspace.
 */
export class RealtimeServer<W extends RealtimeWorkspace = RealtimeWorkspace> {
  readonly io: Server;
  private readonly hooks: RealtimeHooks<W>;
  private readonly logger: Logger;
  private readonly subClient: Redis | undefined;
  private readonly pubClient: Redis | undefined;
  /** Set by close(): the bus may still hand over an event while the process stops; it is dropped, not published. */
  private closed = false;

  constructor(options: RealtimeServerOptions<W>) {
    this.hooks = options.hooks;
    this.logger = options.logger;
    const origins = new Set(options.allowedOrigins.map((o) => new URL(o).origin));
    this.pubClient = options.redis?.duplicate();
    this.subClient = options.redis?.duplicate();
    for (const client of [this.pubClient, this.subClient]) {
      client?.on('error', (error) => this.logger.warn({ err: error }, 'realtime redis connection error'));
    }
    this.io = new Server({
      path: options.path ?? DEFAULT_REALTIME_PATH,
      serveClient: false,
      cors: { origin: [...origins], credentials: true },
      ...(this.pubClient && this.subClient ? { adapter: redisAdapter(this.pubClient, this.subClient) } : {}),
    });
    this.io.use((socket, next) => {
      this.authenticate(socket, origins).then(
        () => next(),
        (error: unknown) => next(handshakeError(error, this.logger)),
      );
    });
    this.io.on('connection', (socket) => this.onConnection(socket));
  }

  attach(server: HttpServer): void {
    this.io.attach(server);
  }

  /** Carries out what the event mapping asked for, in order. */
  async apply(action: RealtimeAction): Promise<void> {
    if (this.closed) return;
    switch (action.kind) {
      case 'emit': {
        const targets = [rooms.channel(action.workspaceId, action.channel)];
        if (action.topic !== undefined)
          targets.push(rooms.topic(action.workspaceId, action.channel, action.topic));
        // One emit to several rooms reaches a socket in more than one of them once.
        this.io.to(targets).emit(action.event, action.payload);
        return;
      }
      case 'disconnect':
        this.io.in(rooms.credential(action.credentialId)).disconnectSockets(true);
        return;
      case 'reauthorize':
        await this.reauthorize(action.workspaceId, action.userId);
        return;
    }
  }

  /** Closes every socket; the HTTP server it was attached to stays up (its owner closes it). */
  async close(): Promise<void> {
    this.closed = true;
    this.io.local.disconnectSockets(true);
    await this.io.of('/').adapter.close();
    this.io.engine.close();
    this.pubClient?.disconnect();
    this.subClient?.disconnect();
  }

  private async authenticate(socket: Socket, origins: Set<string>): Promise<void> {
    const found = await this.hooks.authenticate({
      headers: socket.handshake.headers,
      auth: (socket.handshake.auth ?? {}) as Record<string, unknown>,
    });
    if (!found) throw new AppError('UNAUTHENTICATED');
    // A cookie rides along with any page's connection attempt: only our own pages may use it.
    if (found.viaCookie) {
      const origin = socket.handshake.headers.origin;
      if (!origin || !origins.has(origin)) {
        this.logger.warn(
          { security: 'csrf_rejected', origin: origin ?? null },
          'cross-site websocket rejected',
        );
        throw new AppError('CSRF_REJECTED');
      }
    }
    const data: SocketData = { identity: found.identity, workspace: undefined, subscriptions: [] };
    socket.data = data;
  }

  private onConnection(socket: Socket): void {
    const data = socket.data as SocketData;
    void socket.join(rooms.credential(data.identity.credentialId));
    socket.on('join', (input: unknown, ack: unknown) => this.answer(ack, () => this.join(socket, input)));
    socket.on('subscribe', (input: unknown, ack: unknown) =>
      this.answer(ack, () => this.subscribe(socket, input)),
    );
    socket.on('unsubscribe', (input: unknown, ack: unknown) =>
      this.answer(ack, () => this.unsubscribe(socket, input)),
    );
  }

  private async answer(ack: unknown, work: () => Promise<Record<string, unknown>>): Promise<void> {
    const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => undefined;
    try {
      reply({ ok: true, ...(await work()) });
    } catch (error) {
      reply({ ok: false, error: errorBody(error, this.logger) });
    }
  }

  private async join(socket: Socket, input: unknown): Promise<Record<string, unknown>> {
    const slug = stringField(input, 'workspace', true)!;
    const data = socket.data as SocketData;
    const workspace = await this.hooks.findWorkspace(data.identity, { slug });
    if (!workspace) {
      this.logger.warn(
        { security: 'authorization_denied', user: data.identity.userId, workspace: slug },
        'websocket join denied',
      );
      throw new AppError('FORBIDDEN', { message: 'You are not a member of this workspace.' });
    }
    // One workspace per connection: joining another leaves the first.
    this.leaveWorkspace(socket);
    data.workspace = { id: workspace.id, slug: workspace.slug, role: workspace.role };
    await socket.join(rooms.member(workspace.id, data.identity.userId));
    return { workspace: { id: workspace.id, slug: workspace.slug, role: workspace.role } };
  }

  private async subscribe(socket: Socket, input: unknown): Promise<Record<string, unknown>> {
    const data = socket.data as SocketData;
    const { channel, params } = this.parseSubscription(input);
    if (!data.workspace) throw new AppError('FORBIDDEN', { message: 'Join a workspace before subscribing.' });
    // Membership may have changed since the join (on another process, the socket's copy is not updated).
    const workspace = await this.current(data);
    const topics = await this.hooks.channels[channel]!.resolve(
      { identity: data.identity, workspace },
      params,
    );
    await socket.join(roomsOf(workspace.id, channel, topics));
    const key = subscriptionKey({ channel, params });
    if (!data.subscriptions.some((s) => subscriptionKey(s) === key))
      data.subscriptions.push({ channel, params });
    return { channel, ...params };
  }

  private async unsubscribe(socket: Socket, input: unknown): Promise<Record<string, unknown>> {
    const data = socket.data as SocketData;
    const { channel, params } = this.parseSubscription(input);
    const key = subscriptionKey({ channel, params });
    data.subscriptions = data.subscriptions.filter((s) => subscriptionKey(s) !== key);
    if (data.workspace) await this.syncRooms(socket, data, await this.current(data), channel);
    return { channel, ...params };
  }

  private parseSubscription(input: unknown): Subscription {
    const channel = stringField(input, 'channel', true)!;
    const definition = this.hooks.channels[channel];
    if (!definition || !Object.hasOwn(this.hooks.channels, channel)) {
      throw new AppError('VALIDATION_FAILED', {
        field: 'channel',
        message: `Unknown channel ${channel}; there are ${Object.keys(this.hooks.channels).join(', ')}.`,
      });
    }
    const params: Record<string, string> = {};
    for (const key of Object.keys(input as object)) {
      if (key === 'channel') continue;
      if (!definition.params.includes(key)) {
        throw new AppError('VALIDATION_FAILED', {
          field: key,
          message: `The ${channel} channel takes ${definition.params.join(', ') || 'no parameters'}.`,
        });
      }
      const value = stringField(input, key, false);
      if (value !== undefined) params[key] = value;
    }
    return { channel, params };
  }

  /** The joined workspace as it is now; refuses when the caller is no longer a member. */
  private async current(data: SocketData): Promise<W> {
    const joined = data.workspace;
    if (!joined) throw new AppError('FORBIDDEN', { message: 'Join a workspace first.' });
    const workspace = await this.hooks.findWorkspace(data.identity, { id: joined.id });
    if (!workspace)
      throw new AppError('FORBIDDEN', { message: 'You are no longer a member of this workspace.' });
    return workspace;
  }

  /** Leaves the channel's rooms and joins those its subscriptions cover now. */
  private async syncRooms(
    target: RoomHolder,
    data: SocketData,
    workspace: W,
    channel: string,
  ): Promise<void> {
    const prefix = rooms.channel(workspace.id, channel);
    const wanted = new Set<string>();
    for (const s of data.subscriptions.filter((x) => x.channel === channel)) {
      try {
        const topics = await this.hooks.channels[channel]!.resolve(
          { identity: data.identity, workspace },
          s.params,
        );
        for (const room of roomsOf(workspace.id, channel, topics)) wanted.add(room);
      } catch {
        // Access to what this subscription named is gone: it stays registered but covers nothing.
      }
    }
    for (const room of [...target.rooms]) {
      if ((room === prefix || room.startsWith(`${prefix}:`)) && !wanted.has(room)) await target.leave(room);
    }
    if (wanted.size > 0) await target.join([...wanted]);
  }

  private leaveWorkspace(socket: Socket): void {
    const data = socket.data as SocketData;
    if (!data.workspace) return;
    const prefix = `w:${data.workspace.id}:`;
    for (const room of socket.rooms) {
      if (room.startsWith(prefix) || room === rooms.member(data.workspace.id, data.identity.userId)) {
        void socket.leave(room);
      }
    }
    data.workspace = undefined;
    data.subscriptions = [];
  }

  /**
   * Every socket of the user in the workspace, on any realtime process (through the adapter): leaves the
   * workspace when membership is gone, else redoes each channel's rooms from the subscriptions.
   */
  private async reauthorize(workspaceId: string, userId: string): Promise<void> {
    const sockets = await this.io.in(rooms.member(workspaceId, userId)).fetchSockets();
    for (const remote of sockets) {
      const data = remote.data as SocketData;
      const local = this.io.sockets.sockets.get(remote.id);
      const target: RoomHolder = local ?? remote;
      const workspace = await this.hooks.findWorkspace(data.identity, { id: workspaceId });
      if (!workspace) {
        for (const room of [...target.rooms]) {
          if (room.startsWith(`w:${workspaceId}:`) || room === rooms.member(workspaceId, userId)) {
            await target.leave(room);
          }
        }
        if (local) (local.data as SocketData).workspace = undefined;
        target.emit('workspace.access_revoked', { workspace: data.workspace?.slug ?? workspaceId });
        continue;
      }
      for (const channel of new Set(data.subscriptions.map((s) => s.channel))) {
        await this.syncRooms(target, data, workspace, channel);
      }
    }
  }
}

/** A local socket or one on another process: both can join, leave and be told. */
interface RoomHolder {
  readonly rooms: Set<string>;
  join(room: string | string[]): unknown;
  leave(room: string): unknown;
  emit(event: string, payload: unknown): unknown;
}

function roomsOf(workspaceId: string, channel: string, topics: 'all' | string[]): string[] {
  return topics === 'all'
    ? [rooms.channel(workspaceId, channel)]
    : topics.map((t) => rooms.topic(workspaceId, channel, t));
}

function subscriptionKey(s: Subscription): string {
  return `${s.channel}?${Object.entries(s.params)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')}`;
}

function stringField(input: unknown, field: string, required: boolean): string | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AppError('VALIDATION_FAILED', { field, message: 'Send an object.' });
  }
  const value = (input as Record<string, unknown>)[field];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value === '' || value.length > 200) {
    throw new AppError('VALIDATION_FAILED', { field, message: `${field} must be a non-empty string.` });
  }
  return value;
}

function errorBody(error: unknown, logger: Logger): ErrorBody {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
  }
  logger.error({ err: error }, 'realtime request failed');
  return { code: 'INTERNAL', message: 'Something went wrong on our side.' };
}

/** Socket.IO hands `message` and `data` of a middleware error to the client's `connect_error`. */
function handshakeError(error: unknown, logger: Logger): Error {
  const body = errorBody(error, logger);
  return Object.assign(new Error(body.code), { data: body });
}
