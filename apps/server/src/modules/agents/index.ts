import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db/database.ts';
import type { EventDispatcher } from '../../platform/events/dispatcher.ts';
import type { Transactor } from '../../platform/events/transactor.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { AgentsRepository } from './agents.repository.ts';
import { agentRoutes } from './agents.routes.ts';
import { AgentsService } from './agents.service.ts';
import { codeReviewKind } from './kinds/code-review.ts';
import { securityReviewKind } from './kinds/security-review.ts';
import { contentWriterKind } from './kinds/content-writer.ts';
import { deploymentCoordinatorKind } from './kinds/deployment-coordinator.ts';
import { deploymentRiskKind } from './kinds/deployment-risk.ts';
import type { DeploymentHistorySource } from './kinds/risk-model.ts';
import { standupKind, type StandupInbox, type StandupSource } from './kinds/standup.ts';
import { MessagesRepository } from './messages.repository.ts';
import { messageRoutes } from './messages.routes.ts';
import { AgentConversations } from './patterns.ts';
import { TextWriter } from '../../platform/llm/text-writer.ts';
import { TaskEffects } from './effects.ts';
import { RunExecutor } from './execute.ts';
import { AgentKindRegistry } from './registry.ts';
import { AgentRuntime } from './runtime.ts';
import { DEAD_TASK_QUEUE, TASK_QUEUE, TaskFlow, type TaskJobData } from './task-flow.ts';
import {
  DEAD_WORKFLOW_QUEUE,
  WORKFLOW_QUEUE,
  WorkflowEngine,
  type AdvanceJobData,
} from './workflow-engine.ts';
import {
  emitEventAction,
  expectValueAction,
  setOutputAction,
  WorkflowActionRegistry,
} from './workflow-steps.ts';
import {
  deployHookAction,
  notifyDeploymentAction,
  type DeploymentInbox,
  type DeploymentStarter,
} from './deployment-pipeline.ts';
import { WorkflowTemplates } from './workflow-templates.ts';
import { WorkflowsRepository } from './workflows.repository.ts';
import { SchedulesRepository } from './schedules.repository.ts';
import { StandupScheduler, type WorkspaceTimeZone } from './standup-schedule.ts';
import { workflowRoutes } from './workflows.routes.ts';
import { WorkflowsService } from './workflows.service.ts';

export { AgentErrors } from './agents.errors.ts';
export { PermanentTaskError, type AgentKind, type TaskContext } from './registry.ts';
export type { AgentRow, TaskRow } from './agents.repository.ts';
export type { StandupInbox, StandupProject, StandupSource } from './kinds/standup.ts';
export type { DeploymentHistorySource, PastDeployment } from './kinds/risk-model.ts';
export type { WorkflowAction, ActionContext } from './workflow-steps.ts';
export type {
  DeploymentInbox,
  DeploymentNotice,
  DeploymentStarter,
  DeployRequest,
  StartedDeployment,
} from './deployment-pipeline.ts';
export { agentRealtimeActions } from './agent-events.ts';

/** Task jobs one worker process runs at a time (per-agent limits apply on top). */
const WORKER_CONCURRENCY = 4;
/** Runs of one task job that the queue retries after a lost worker before dead-lettering it. */
const JOB_RETRY_LIMIT = 20;
/** Advance jobs one worker process runs at a time (each holds one execution's row lock per checkpoint). */
const WORKFLOW_CONCURRENCY = 4;

export interface AgentsDeps {
  db: Db;
  transactor: Transactor;
  jobs: JobQueue;
  logger: Logger;
  /** The language model agents write with; the offline model when absent. */
  writer?: TextWriter;
  /** What happened in a workspace in a time window, for the standup agent. */
  standupSource?: StandupSource;
  /** Where standups are delivered: the project members' inboxes. Without it, only the `standup.posted` event. */
  standupInbox?: StandupInbox;
  /** The workspace's finished deployments, for the risk model. Without it, the risk agent scores by rules. */
  deploymentHistory?: DeploymentHistorySource;
  /** Workflows subscribe to finished agent tasks and to the events their steps wait for. */
  dispatcher?: EventDispatcher;
  /** Starts deployments through deploy hooks (the pipeline's deploy step); without it, no such step. */
  deploymentStarter?: DeploymentStarter;
  /** Where the pipeline tells a project how a deployment ended. */
  deploymentInbox?: DeploymentInbox;
  /** The workspace's time zone, for scheduled agents; UTC when absent. */
  workspaceTimeZone?: WorkspaceTimeZone;
}

export interface AgentsModule {
  kinds: AgentKindRegistry;
  service: AgentsService;
  runtime: AgentRuntime;
  workflows: {
    service: WorkflowsService;
    engine: WorkflowEngine;
    actions: WorkflowActionRegistry;
    templates: WorkflowTemplates;
  };
  /** Creates scheduled agents' tasks when their time comes; the scheduler role ticks it. */
  schedules: StandupScheduler;
  register(app: FastifyInstance): Promise<void>;
}

/** Agents, their tasks and the runtime that runs them; the runtime's handlers run in the worker role. */
export function createAgentsModule(deps: AgentsDeps): AgentsModule {
  const kinds = new AgentKindRegistry();
  const repo = new AgentsRepository(deps.db);
  const writer =
    deps.writer ??
    new TextWriter({
      provider: 'offline',
      model: 'offline-templates-1',
      apiKey: undefined,
      baseUrl: undefined,
    });
  const messages = new MessagesRepository(deps.db);
  const conversations = new AgentConversations({
    messages,
    findTask: (workspaceId, id) => repo.findTask(workspaceId, id),
  });
  // In the order the console offers them: code review, its security hand-off, then the rest.
  kinds.register(codeReviewKind(writer));
  kinds.register(securityReviewKind);
  kinds.register(standupKind(writer, deps.standupSource, deps.standupInbox));
  kinds.register(contentWriterKind(writer));
  kinds.register(deploymentRiskKind(writer, deps.deploymentHistory));
  kinds.register(deploymentCoordinatorKind(conversations));
  const flow = new TaskFlow(deps.jobs, kinds);
  const effects = new TaskEffects(repo, deps.transactor, flow);
  const executor = new RunExecutor(effects, deps.logger.child({ component: 'agents' }));
  const runtime = new AgentRuntime(repo, deps.transactor, flow, executor);
  const service = new AgentsService(repo, deps.transactor, flow, (taskId) => executor.abortLocal(taskId));

  deps.jobs.define({ name: DEAD_TASK_QUEUE, retryLimit: JOB_RETRY_LIMIT });
  deps.jobs.define({ name: TASK_QUEUE, retryLimit: JOB_RETRY_LIMIT, deadLetter: DEAD_TASK_QUEUE });
  deps.jobs.handle<TaskJobData>(TASK_QUEUE, (job) => runtime.run(job), { concurrency: WORKER_CONCURRENCY });
  deps.jobs.handle<TaskJobData>(DEAD_TASK_QUEUE, (job) => runtime.deadLettered(job));

  const actions = new WorkflowActionRegistry();
  actions.register(emitEventAction);
  actions.register(setOutputAction);
  actions.register(expectValueAction);
  if (deps.deploymentStarter) actions.register(deployHookAction(deps.deploymentStarter));
  actions.register(notifyDeploymentAction(deps.deploymentInbox));
  const engine = new WorkflowEngine({
    repo: new WorkflowsRepository(deps.db),
    agents: repo,
    transactor: deps.transactor,
    flow,
    jobs: deps.jobs,
    actions,
    onTaskCancelled: (taskId) => executor.abortLocal(taskId),
  });
  const workflows = new WorkflowsService({
    repo: new WorkflowsRepository(deps.db),
    agents: repo,
    transactor: deps.transactor,
    flow,
    engine,
  });
  deps.jobs.define({ name: DEAD_WORKFLOW_QUEUE, retryLimit: JOB_RETRY_LIMIT });
  deps.jobs.define({ name: WORKFLOW_QUEUE, retryLimit: JOB_RETRY_LIMIT, deadLetter: DEAD_WORKFLOW_QUEUE });
  deps.jobs.handle<AdvanceJobData>(WORKFLOW_QUEUE, (job) => engine.handle(job), {
    concurrency: WORKFLOW_CONCURRENCY,
  });
  deps.jobs.handle<AdvanceJobData>(DEAD_WORKFLOW_QUEUE, (job) => engine.deadLettered(job));
  for (const subscription of engine.subscriptions()) deps.dispatcher?.subscribe(subscription);

  const templates = new WorkflowTemplates({ agents: repo, workflows, starter: deps.deploymentStarter });
  const schedules = new StandupScheduler({
    repo: new SchedulesRepository(deps.db),
    service,
    timeZoneOf: deps.workspaceTimeZone ?? (async () => 'UTC'),
    logger: deps.logger.child({ component: 'schedules' }),
  });

  return {
    kinds,
    service,
    runtime,
    workflows: { service: workflows, engine, actions, templates },
    schedules,
    async register(app) {
      await app.register(agentRoutes, { service, kinds });
      await app.register(workflowRoutes, { service: workflows, templates });
      await app.register(messageRoutes, { messages });
    },
  };
}
