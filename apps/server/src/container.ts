import type { Redis } from 'ioredis';
import pino, { type Logger } from 'pino';
import type { Config } from './platform/config/config.ts';
import { loadSecretBox, type KeySource } from './platform/crypto/key-store.ts';
import type { Database } from './platform/db/database.ts';
import { EventBus } from './platform/events/bus.ts';
import { EventDispatcher } from './platform/events/dispatcher.ts';
import { Transactor } from './platform/events/transactor.ts';
import { JobQueue } from './platform/jobs/job-queue.ts';
import { loggerOptions } from './platform/logging/logger.ts';
import { Mailer } from './platform/mail/mailer.ts';
import { TextWriter } from './platform/llm/text-writer.ts';
import { connectRedis } from './platform/realtime/redis.ts';
import { standupInbox, standupSource } from './standup-source.ts';
import { deploymentHistorySource } from './deployment-history-source.ts';
import { deploymentInbox, deploymentStarter } from './deployment-pipeline-ports.ts';
import { createAgentsModule, type AgentsModule } from './modules/agents/index.ts';
import { createIdentityModule, type IdentityModule } from './modules/identity/index.ts';
import { createIntegrationsModule, type IntegrationsModule } from './modules/integrations/index.ts';
import { createWorkModule, type WorkModule } from './modules/work/index.ts';

/** Everything a process role needs, wired once. Modules get their collaborators here and nowhere else. */
export interface Container {
  config: Config;
  database: Database;
  logger: Logger;
  keys: KeySource;
  mailer: Mailer;
  transactor: Transactor;
  dispatcher: EventDispatcher;
  /** Named outbox consumers (`bus.subscribe`); the worker role starts them, the realtime role its own. */
  bus: EventBus;
  jobs: JobQueue;
  redis: Redis | undefined;
  identity: IdentityModule;
  work: WorkModule;
  integrations: IntegrationsModule;
  agents: AgentsModule;
  close(): Promise<void>;
}

export function createLogger(config: Config, destination?: NodeJS.WritableStream): Logger {
  const pretty = !destination && process.stdout.isTTY && config.env !== 'production';
  const options = loggerOptions(config.logLevel, pretty);
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}

export function createContainer(config: Config, database: Database, logger: Logger): Container {
  const keys = loadSecretBox(config);
  const dispatcher = new EventDispatcher(database.db, logger.child({ component: 'events' }));
  const redis = config.redisUrl ? connectRedis(config.redisUrl) : undefined;
  redis?.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  const bus = new EventBus(database.db, logger.child({ component: 'events' }), { redis });
  const transactor = new Transactor(database.db, () => {
    dispatcher.wake();
    bus.notify();
  });
  const mailer = new Mailer(database.db, logger.child({ component: 'mail' }), config.mail);
  const jobs = new JobQueue(database, logger.child({ component: 'jobs' }));
  const identity = createIdentityModule({
    db: database.db,
    config,
    box: keys.box,
    mailer,
    transactor,
    logger,
  });
  const work = createWorkModule({ db: database.db, config, transactor, identity, redis });
  const integrations = createIntegrationsModule({ db: database.db, transactor, box: keys.box });
  const agents = createAgentsModule({
    db: database.db,
    transactor,
    jobs,
    logger,
    dispatcher,
    writer: new TextWriter(config.llm),
    standupSource: standupSource(work, identity),
    standupInbox: standupInbox(work),
    deploymentHistory: deploymentHistorySource(integrations, identity),
    deploymentStarter: deploymentStarter(integrations),
    deploymentInbox: deploymentInbox(work),
    workspaceTimeZone: async (id) => (await identity.workspaces.findById(id))?.timezone ?? 'UTC',
  });
  return {
    config,
    database,
    logger,
    keys,
    mailer,
    transactor,
    dispatcher,
    bus,
    jobs,
    redis,
    identity,
    work,
    integrations,
    agents,
    async close() {
      await dispatcher.stop();
      await bus.stop();
      await jobs.stop();
      redis?.disconnect();
      await database.close();
    },
  };
}
