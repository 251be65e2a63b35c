import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { createContainer, createLogger, type Container } from './container.ts';
import { demoPending, prepareDemo, seedDemoAgency, type DemoLogin } from './demo/seed-demo.ts';
import { pruneExpiredCredentials } from './modules/identity/index.ts';
import type { Config } from './platform/config/config.ts';
import { openDatabase } from './platform/db/database.ts';
import { runMigrations } from './platform/db/migrate.ts';
import { releaseStartupHeap } from './platform/runtime/startup-heap.ts';
import { startRealtime, startRealtimeAlone } from './realtime.ts';

export const processRoles = ['api', 'worker', 'realtime', 'scheduler'] as const;
export type ProcessRole = (typeof processRoles)[number];

export interface RunningServer {
  container: Container;
  app: FastifyInstance | undefined;
  url: string | undefined;
  demo: DemoLogin | undefined;
  stop(): Promise<void>;
}

const MAINTENANCE_INTERVAL_MS = 60 * 60 * 1000;
/** Scheduled agents' tasks are due to the minute. */
const SCHEDULE_INTERVAL_MS = 60 * 1000;

/** Opens the database, migrates, seeds the demo on a first start, and runs the requested roles. */
export async function startServer(config: Config, roles: ProcessRole[]): Promise<RunningServer> {
  const logger = createLogger(config);
  const database = await openDatabase(config.database);
  let container: Container | undefined;
  try {
    await runMigrations(database);
    container = createContainer(config, database, logger);
    if (container.keys.generated) {
      logger.warn(
        `Generated a development secret key in ${container.keys.keyFile}; set AGENCY_SECRET_KEY in production.`,
      );
    }
    // The demo's people, workspace and (empty) projects before listening; their contents right after (below).
    const demo =
      config.demo && (await container.identity.workspaces.countWorkspaces()) === 0
        ? await prepareDemo(container)
        : undefined;
    const fillDemo = demo !== undefined || (config.demo && (await demoPending(container)));
    if (roles.includes('worker')) {
      container.dispatcher.start();
      await container.bus.start();
      await container.jobs.startWorkers();
    }
    const app = roles.includes('api') ? await buildApp(container) : undefined;
    // Socket.IO shares the API's HTTP server when both run here; alone, it listens on the port itself.
    const realtime =
      roles.includes('realtime') && app ? await startRealtime(container, app.server) : undefined;
    const url = app ? await app.listen({ host: config.host, port: config.port }) : undefined;
    const alone = roles.includes('realtime') && !app ? await startRealtimeAlone(container) : undefined;
    const maintenance = roles.includes('scheduler') ? startMaintenance(container) : undefined;
    const schedules = roles.includes('scheduler') ? startSchedules(container) : undefined;
    const running = container;
    const demoStop = new AbortController();
    const demoFilled = fillDemo ? fillDemoInBackground(container, demoStop.signal) : undefined;
    releaseStartupHeap();
    return {
      container,
      app,
      url: url ?? alone?.url,
      demo,
      async stop() {
        if (maintenance) clearInterval(maintenance);
        if (schedules) clearInterval(schedules);
        demoStop.abort();
        await demoFilled;
        await realtime?.close();
        await alone?.close();
        await app?.close();
        await running.close();
      },
    };
  } catch (error) {
    await (container ? container.close() : database.close());
    throw error;
  }
}

/**
 * Fills the demo projects after the server listens, so the first start prints its URL at once; the projects fill
 * in within seconds. A stop in between leaves the unfinished project marked, and the next start finishes it.
 */
function fillDemoInBackground(container: Container, signal: AbortSignal): Promise<void> {
  const started = Date.now();
  return seedDemoAgency(container, { signal }).then(
    (agency) => container.logger.info({ ...agency, ms: Date.now() - started }, 'demo agency ready'),
    (error: unknown) => {
      if (!signal.aborted) container.logger.error({ err: error }, 'demo agency seed failed');
    },
  );
}

function startMaintenance(container: Container): NodeJS.Timeout {
  const run = () =>
    pruneExpiredCredentials(container.database.db).catch((error: unknown) =>
      container.logger.error({ err: error }, 'maintenance failed'),
    );
  void run();
  const timer = setInterval(run, MAINTENANCE_INTERVAL_MS);
  timer.unref();
  return timer;
}

/** Creates scheduled agents' tasks (the daily standups) as their local time comes, every minute. */
function startSchedules(container: Container): NodeJS.Timeout {
  const run = () =>
    container.agents.schedules
      .tick(new Date())
      .catch((error: unknown) => container.logger.error({ err: error }, 'scheduled tasks failed'));
  void run();
  const timer = setInterval(run, SCHEDULE_INTERVAL_MS);
  timer.unref();
  return timer;
}

/** SIGTERM/SIGINT: stop taking requests, let in-flight ones finish, close the database, exit. */
export function stopOnSignals(server: RunningServer): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.container.logger.info({ signal }, 'shutting down');
    server
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        server.container.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
