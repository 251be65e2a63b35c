import { io, type Socket } from 'socket.io-client';

/** What a test client received, in arrival order. */
export interface Received {
  event: string;
  payload: {
    id: string;
    seq: number;
    event: string;
    workspace_id: string;
    object_type: string;
    object_id: string;
    data: Record<string, unknown>;
    [key: string]: unknown;
  };
}

export interface Credentials {
  cookie?: string;
  /** Sent as the X-API-Key header, as a script would. */
  apiKey?: string;
  /** Sent in the `auth` payload, as a browser would (it cannot set WebSocket headers). */
  authApiKey?: string;
  origin?: string;
}

export interface TestClient {
  socket: Socket;
  received: Received[];
  /** Events named `event` (all when omitted). */
  of(event?: string): Received[];
  join(workspace: string): Promise<Ack>;
  subscribe(channel: string, params?: Record<string, string>): Promise<Ack>;
  /** Waits until `predicate` holds for what was received; fails after `timeoutMs` (a bound, not a speed claim). */
  until(predicate: (received: Received[]) => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): void;
}

export type Ack =
  | { ok: true; [key: string]: unknown }
  | { ok: false; error: { code: string; message: string; field?: string } };

const open = new Set<Socket>();

/** Connects a real socket.io-client over loopback; rejects with the server's error code if refused. */
export async function connectClient(url: string, credentials: Credentials = {}): Promise<TestClient> {
  const headers: Record<string, string> = {};
  if (credentials.cookie) headers.cookie = credentials.cookie;
  if (credentials.apiKey) headers['x-api-key'] = credentials.apiKey;
  if (credentials.origin) headers.origin = credentials.origin;
  const socket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: headers,
    auth: credentials.authApiKey ? { apiKey: credentials.authApiKey } : {},
    reconnection: false,
    forceNew: true,
    timeout: 10_000,
  });
  open.add(socket);
  const received: Received[] = [];
  const listeners = new Set<() => void>();
  socket.onAny((event: string, payload: Received['payload']) => {
    received.push({ event, payload });
    for (const l of listeners) l();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      open.delete(socket);
      reject(error);
    });
  });
  return {
    socket,
    received,
    of: (event) => (event ? received.filter((r) => r.event === event) : [...received]),
    join: (workspace) => socket.timeout(10_000).emitWithAck('join', { workspace }) as Promise<Ack>,
    subscribe: (channel, params = {}) =>
      socket.timeout(10_000).emitWithAck('subscribe', { channel, ...params }) as Promise<Ack>,
    until(predicate, what, timeoutMs = 15_000) {
      if (predicate(received)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(received)) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(
            new Error(`timed out waiting for ${what}; received ${received.map((r) => r.event).join(', ')}`),
          );
        }, timeoutMs);
        listeners.add(check);
      });
    },
    close() {
      socket.close();
      open.delete(socket);
    },
  };
}

/** The code a refused connection carried (`connect_error`'s message). */
export async function refusal(url: string, credentials: Credentials = {}): Promise<string> {
  const result = await connectClient(url, credentials).then(
    (client) => {
      client.close();
      return 'CONNECTED';
    },
    (error: Error) => error.message,
  );
  return result;
}

export function closeAllClients(): void {
  for (const socket of open) socket.close();
  open.clear();
}
