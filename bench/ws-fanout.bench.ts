import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { createContainer, createLogger, type Container } from '../apps/server/src/container.ts';
import { loadConfig } from '../apps/server/src/platform/config/config.ts';
import { openDatabase } from '../apps/server/src/platform/db/database.ts';
import { runMigrations } from '../apps/server/src/platform/db/migrate.ts';
import { systemContext } from '../apps/server/src/platform/events/actor.ts';
import { recordChange } from '../apps/server/src/platform/events/outbox.ts';
import { deferCleanup, withCleanup } from './lib/cleanup.ts';
import { createBenchDatabase } from './lib/postgres.ts';
import { freePort, repoRoot, startServer } from './lib/process.ts';
import { measurement, type Benchmark } from './lib/report.ts';
import { newSecretKey, startAgencyOs } from './lib/servers.ts';
import { median, percentile } from './lib/stats.ts';
import { tempDir } from './lib/temp.ts';

const name = 'ws-fanout';
const CLIENTS = 1000;
const CONNECT_BATCH = 100;
const ROUNDS = 3;
const EVENTS_PER_ROUND = 30;
/** An event not delivered to every client within this long fails the benchmark (a bound, not a goal). */
const DELIVERY_TIMEOUT_MS = 5000;
const EVENT = 'agent_task.started';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Seeded {
  container: Container;
  token: string;
  slug: string;
  workspaceId: string;
}

/** A workspace, its owner's API token, and a container on the same database to commit events with. */
async function seed(env: Record<string, string>): Promise<Seeded> {
  const config = loadConfig({ ...env, LOG_LEVEL: 'warn' });
  const database = await openDatabase(config.database, { poolSize: 2 });
  await runMigrations(database);
  const container = createContainer(config, database, createLogger(config, process.stderr));
  deferCleanup(() => container.close());
  const { identity } = container;
  const { user } = await (
    await identity.auth.get()
  ).api.signUpEmail({
    body: { email: 'owner@bench.example', password: 'bench-password-long-enough', name: 'Bench Owner' },
  });
  const workspace = await identity.workspaces.create(systemContext, user.id, {
    slug: 'bench-live',
    name: 'Bench Live',
  });
  const { token } = await identity.apiTokens.create({ actor: { type: 'user', id: user.id } }, user.id, {
    label: 'benchmark',
  });
  return { container, token, slug: workspace.slug, workspaceId: workspace.id };
}

/** Arrival bookkeeping shared by all clients of one side: per event key, how many got it and when the last did. */
class Arrivals {
  private readonly waiting = new Map<string, { count: number; resolve: (at: number) => void }>();

  expect(key: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const got = this.waiting.get(key)?.count ?? 0;
        this.waiting.delete(key);
        reject(
          new Error(`event ${key} reached ${got} of ${CLIENTS} clients within ${DELIVERY_TIMEOUT_MS} ms`),
        );
      }, DELIVERY_TIMEOUT_MS);
      this.waiting.set(key, {
        count: 0,
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      });
    });
  }

  arrived(key: string): void {
    const entry = this.waiting.get(key);
    if (!entry) return;
    entry.count += 1;
    if (entry.count === CLIENTS) {
      this.waiting.delete(key);
      entry.resolve(performance.now());
    }
  }
}

/** `CLIENTS` socket.io clients on loopback, each set up by `ready` (join, subscribe) before it counts. */
async function connectFleet(
  url: string,
  options: { extraHeaders?: Record<string, string> },
  ready: (socket: Socket) => Promise<void>,
  arrivals: Arrivals,
): Promise<Socket[]> {
  const sockets: Socket[] = [];
  deferCleanup(() => sockets.forEach((s) => s.close()));
  for (let start = 0; start < CLIENTS; start += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, CLIENTS - start) }, async () => {
      const socket = io(url, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        timeout: 20_000,
        ...options,
      });
      sockets.push(socket);
      socket.on(EVENT, (payload: { object_id: string }) => arrivals.arrived(payload.object_id));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      await ready(socket);
    });
    await Promise.all(batch);
  }
  return sockets;
}

async function ack(socket: Socket, event: string, body: object): Promise<void> {
  const reply = (await socket.timeout(20_000).emitWithAck(event, body)) as { ok: boolean; error?: unknown };
  if (!reply.ok) throw new Error(`${event} refused: ${JSON.stringify(reply.error)}`);
}

/** What the product sends for a task that started (the payload shape agent_task.started carries). */
function taskPayload(taskId: string) {
  return {
    task: {
      id: taskId,
      agent_id: randomUUID(),
      task_type: 'review_diff',
      status: 'in_progress',
      priority: 5,
      attempts: 1,
      revision: 0,
      error_message: null,
      next_run_at: null,
    },
    from: 'pending',
  };
}

/** Runs `count` events one after another; each one's time from `fire` returning to its last delivery. */
async function measureRound(
  count: number,
  arrivals: Arrivals,
  fire: (key: string) => Promise<void>,
): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const key = randomUUID();
    const delivered = arrivals.expect(key);
    const t0 = await fireAt(() => fire(key));
    latencies.push((await delivered) - t0);
  }
  return latencies;
}

/** Calls `fire` and returns the moment it finished (for the product: the commit has returned). */
async function fireAt(fire: () => Promise<void>): Promise<number> {
  await fire();
  return performance.now();
}

export default {
  name,
  description:
    `Commit of an agent task event to its delivery to the last of ${CLIENTS} Socket.IO clients (X-API-Key, ` +
    'joined and subscribed to agent_tasks) of `agency-os start --role realtime` on PostgreSQL with Redis, ' +
    `against a bare Socket.IO server emitting the same payload to ${CLIENTS} clients in one room; ` +
    `${ROUNDS} alternating rounds of ${EVENTS_PER_ROUND} events`,
  run: () =>
    withCleanup(async (defer) => {
      const database = await createBenchDatabase();
      defer(database.drop);
      const dataDir = tempDir(name);
      defer(dataDir.remove);
      const env = {
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        AGENCY_DATA_DIR: dataDir.path,
        AGENCY_SECRET_KEY: newSecretKey(),
        AGENCY_DEMO: 'false',
      };
      const seeded = await seed(env);
      const product = await startAgencyOs({ ...env, LOG_LEVEL: 'warn' }, 'realtime');
      defer(product.stop);
      const port = await freePort();
      const bare = await startServer({
        label: 'baseline-socket.io',
        args: [path.join(repoRoot, 'bench', 'lib', 'ws-baseline-server.ts')],
        port,
        env: { PORT: String(port) },
      });
      defer(bare.stop);

      const productArrivals = new Arrivals();
      const baselineArrivals = new Arrivals();
      await connectFleet(
        product.url,
        { extraHeaders: { 'x-api-key': seeded.token } },
        async (socket) => {
          await ack(socket, 'join', { workspace: seeded.slug });
          await ack(socket, 'subscribe', { channel: 'agent_tasks' });
        },
        productArrivals,
      );
      const baselineSockets = await connectFleet(
        bare.url,
        {},
        (socket) => ack(socket, 'join', {}),
        baselineArrivals,
      );
      const trigger = baselineSockets[0]!;

      const fireProduct = (key: string) =>
        seeded.container.transactor.run((tx) =>
          recordChange(tx, systemContext, {
            workspaceId: seeded.workspaceId,
            action: EVENT,
            objectType: 'agent_task',
            objectId: key,
            payload: taskPayload(key),
          }),
        );
      // The baseline's payload is the product's envelope, so both sides serialize the same bytes.
      const fireBaseline = async (key: string) => {
        trigger.emit('fire', {
          event: EVENT,
          payload: {
            id: randomUUID(),
            seq: 1,
            event: EVENT,
            workspace_id: seeded.workspaceId,
            object_type: 'agent_task',
            object_id: key,
            actor: { type: 'system', id: null },
            occurred_at: new Date().toISOString(),
            data: taskPayload(key),
          },
        });
      };

      // Warm-up, then rounds that alternate, so a busy moment on the shared machine hits both sides alike.
      await measureRound(5, baselineArrivals, fireBaseline);
      await measureRound(5, productArrivals, fireProduct);
      const runs = { product: [] as number[][], baseline: [] as number[][] };
      for (let i = 0; i < ROUNDS; i++) {
        runs.baseline.push(await measureRound(EVENTS_PER_ROUND, baselineArrivals, fireBaseline));
        runs.product.push(await measureRound(EVENTS_PER_ROUND, productArrivals, fireProduct));
      }
      const all = (rs: number[][]) => rs.flat();
      const baselineLabel = `bare Socket.IO emit to ${CLIENTS} clients, no auth, no outbox`;
      return [
        measurement({
          benchmark: name,
          measure: `commit to last of ${CLIENTS} clients, p99`,
          unit: 'ms',
          value: percentile(all(runs.product), 99),
          baselineLabel,
          baseline: percentile(all(runs.baseline), 99),
          goal: { on: 'value', op: '<', limit: 100 },
          runs: {
            product_ms: all(runs.product),
            baseline_ms: all(runs.baseline),
          },
        }),
        measurement({
          benchmark: name,
          measure: `commit to last of ${CLIENTS} clients, p50`,
          unit: 'ms',
          value: median(all(runs.product)),
          baselineLabel,
          baseline: median(all(runs.baseline)),
          runs: {},
        }),
      ];
    }),
} satisfies Benchmark;
