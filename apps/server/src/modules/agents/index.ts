import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db/database.ts';
import type { Transactor } from '../../platform/events/transactor.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { AgentsRepository } from './agents.repository.ts';
import { agentRoutes } from './agents.routes.ts';
import { AgentsService } from './agents.service.ts';
import { codeReviewKind } from './kinds/code-review.ts';
import { securityReviewKind } from './kinds/security-review.ts';
import { TaskEffects } from './effects.ts';
import { RunExecutor } from './execute.ts';
import { AgentKindRegistry } from './registry.ts';
import { AgentRuntime } from './runtime.ts';
import { DEAD_TASK_QUEUE, TASK_QUEUE, TaskFlow, type TaskJobData } from './task-flow.ts';

export { AgentErrors } from './agents.errors.ts';
export { PermanentTaskError, type AgentKind, type TaskContext } from './registry.ts';
export type { AgentRow, TaskRow } from './agents.repository.ts';

/** Task jobs one worker process runs at a time (per-agent limits apply on top). */
const WORKER_CONCURRENCY = 4;
/** Runs of one task job that the queue retries after a lost worker before dead-lettering it. */
const JOB_RETRY_LIMIT = 20;

export interface AgentsDeps {
  db: Db;
  transactor: Transactor;
  jobs: JobQueue;
  logger: Logger;
}

export interface AgentsModule {
  kinds: AgentKindRegistry;
  service: AgentsService;
  runtime: AgentRuntime;
  register(app: FastifyInstance): Promise<void>;
}

/** Agents, their tasks and the runtime that runs them; the runtime's handlers run in the worker role. */
export function createAgentsModule(deps: AgentsDeps): AgentsModule {
  const kinds = new AgentKindRegistry();
  kinds.register(codeReviewKind);
  kinds.register(securityReviewKind);
  const repo = new AgentsRepository(deps.db);
  const flow = new TaskFlow(deps.jobs, kinds);
  const effects = new TaskEffects(repo, deps.transactor, flow);
  const executor = new RunExecutor(effects, deps.logger.child({ component: 'agents' }));
  const runtime = new AgentRuntime(repo, deps.transactor, flow, executor);
  const service = new AgentsService(repo, deps.transactor, flow, (taskId) => executor.abortLocal(taskId));

  deps.jobs.define({ name: DEAD_TASK_QUEUE, retryLimit: JOB_RETRY_LIMIT });
  deps.jobs.define({ name: TASK_QUEUE, retryLimit: JOB_RETRY_LIMIT, deadLetter: DEAD_TASK_QUEUE });
  deps.jobs.handle<TaskJobData>(TASK_QUEUE, (job) => runtime.run(job), { concurrency: WORKER_CONCURRENCY });
  deps.jobs.handle<TaskJobData>(DEAD_TASK_QUEUE, (job) => runtime.deadLettered(job));

  return {
    kinds,
    service,
    runtime,
    async register(app) {
      await app.register(agentRoutes, { service, kinds });
    },
  };
}
