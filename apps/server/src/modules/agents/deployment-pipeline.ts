import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { COORDINATE_DEPLOYMENT_TASK } from './kinds/deployment-coordinator.ts';
import type { WorkflowAction } from './workflow-steps.ts';

/** A deployment started through a workspace's deploy hook (wired by the container to integrations). */
export interface DeployRequest {
  hookId: string;
  idempotencyKey: string;
  environment: string;
  ref: string | null;
  commitSha: string | null;
  branch: string | null;
  author: string | null;
  metadata: Record<string, unknown>;
}

export interface StartedDeployment {
  id: string;
  provider: string;
  externalId: string;
  state: string;
  hookStatus: number;
}

/** Starts deployments (integrations' deploy hooks and deployment store, through its service). */
export interface DeploymentStarter {
  /** Calls the hook and records the deployment in `tx`; throws when the hook does not answer 2xx. */
  start(tx: Db, ctx: ChangeContext, workspaceId: string, request: DeployRequest): Promise<StartedDeployment>;
  hookExists(workspaceId: string, hookId: string): Promise<boolean>;
}

/** A finished deployment told to a project's members. */
export interface DeploymentNotice {
  workspaceId: string;
  projectId: string;
  executionId: string;
  deployment: Record<string, unknown>;
  text: string;
}

/** Puts the notice in the inbox of the project's active members, in `tx`; answers who got it. */
export type DeploymentInbox = (tx: Db, ctx: ChangeContext, notice: DeploymentNotice) => Promise<string[]>;

const text = z.string().max(200).nullish();

/**
 * Starts a deployment through a deploy hook and records it (queued). The idempotency key names the
 * execution's step: the hook receives it (header and body) on every attempt, and the record is one row.
 */
export function deployHookAction(starter: DeploymentStarter): WorkflowAction {
  return {
    name: 'trigger_deploy_hook',
    description: 'POSTs to a deploy hook of the workspace and records the deployment it starts.',
    input: z.strictObject({
      hook_id: z.uuid(),
      environment: z.string().min(1).max(50).nullish(),
      ref: text,
      commit_sha: text,
      branch: text,
      author: text,
      release_id: text,
    }),
    async run({ tx, ctx, workspaceId, executionId, stepKey, input }) {
      const idempotencyKey = `workflow:${executionId}:${stepKey}`;
      const started = await starter.start(tx, ctx, workspaceId, {
        hookId: input.hook_id as string,
        idempotencyKey,
        environment: (input.environment as string | null | undefined) ?? 'production',
        ref: (input.ref as string | null | undefined) ?? null,
        commitSha: (input.commit_sha as string | null | undefined) ?? null,
        branch: (input.branch as string | null | undefined) ?? null,
        author: (input.author as string | null | undefined) ?? null,
        metadata: {
          workflow_execution_id: executionId,
          ...(input.release_id ? { release_id: input.release_id } : {}),
        },
      });
      return {
        deployment_id: started.id,
        provider: started.provider,
        external_id: started.externalId,
        state: started.state,
        hook_status: started.hookStatus,
        idempotency_key: idempotencyKey,
      };
    },
  };
}

const finishedDeployment = z.looseObject({
  id: z.string(),
  state: z.string(),
  environment: z.string(),
  project_name: z.string(),
  url: z.string().nullish(),
});

/** Tells the project's members how a deployment ended (with no project: nobody, the events remain). */
export function notifyDeploymentAction(inbox: DeploymentInbox | undefined): WorkflowAction {
  return {
    name: 'notify_deployment',
    description: "Puts a deployment's outcome in the inbox of a project's members.",
    input: z.strictObject({ project_id: z.uuid().nullish(), deployment: finishedDeployment }),
    async run({ tx, ctx, workspaceId, executionId, input }) {
      const deployment = finishedDeployment.parse(input.deployment);
      const outcome = deployment.state === 'ready' ? 'is live' : `ended ${deployment.state}`;
      const where = deployment.url ? ` at ${deployment.url}` : '';
      const message = `The deployment of ${deployment.project_name} to ${deployment.environment} ${outcome}${where}.`;
      const projectId = input.project_id as string | null | undefined;
      const receivers =
        projectId && inbox
          ? await inbox(tx, ctx, { workspaceId, projectId, executionId, deployment, text: message })
          : [];
      return { text: message, state: deployment.state, receiver_ids: receivers };
    },
  };
}

/** What a person chooses when making the pipeline from its template. */
export interface PipelineOptions {
  coordinatorAgentId: string;
  hookId: string;
  projectId: string | null;
  monitorTimeoutSeconds: number;
  deployAttempts: number;
  deployBackoffSeconds: number;
}

/**
 * Seed 001's deployment coordinator as a workflow: pre-checks (the coordinator's consensus of the risk and
 * code-review agents), a gate that stops a no-go with the coordinator's reasons, the deploy hook (retried),
 * the wait for the deployment's outcome (`deployment.finished`, with a deadline), the notice to the project's
 * members, and a last gate that fails the execution when the deployment did not become ready.
 */
export function deploymentPipelineSteps(options: PipelineOptions) {
  const outcome = '{{steps.monitor.output.event.payload.state}}';
  return [
    {
      key: 'pre_checks',
      name: 'Pre-checks: risk and code review',
      type: 'agent',
      agent_id: options.coordinatorAgentId,
      task_type: COORDINATE_DEPLOYMENT_TASK,
      input: {
        deployment: '{{input.deployment}}',
        diff: '{{input.diff}}',
        change: '{{input.change}}',
        pull_request: '{{input.pull_request}}',
      },
    },
    {
      key: 'go_no_go',
      name: 'Go or no-go',
      type: 'action',
      action: 'expect_value',
      input: {
        actual: '{{steps.pre_checks.output.decision}}',
        expected: 'go',
        message: '{{steps.pre_checks.output.summary}}',
      },
    },
    {
      key: 'deploy',
      name: 'Deploy',
      type: 'action',
      action: 'trigger_deploy_hook',
      input: {
        hook_id: options.hookId,
        environment: '{{input.deployment.environment}}',
        ref: '{{input.deployment.ref}}',
        author: '{{input.deployment.author}}',
        release_id: '{{input.deployment.id}}',
        commit_sha: '{{input.commit_sha}}',
        branch: '{{input.branch}}',
      },
      retry: { max_attempts: options.deployAttempts, backoff_seconds: options.deployBackoffSeconds },
    },
    {
      key: 'monitor',
      name: 'Wait for the deployment to finish',
      type: 'event',
      event_type: 'deployment.finished',
      match: { aggregate_id: '{{steps.deploy.output.deployment_id}}' },
      timeout_seconds: options.monitorTimeoutSeconds,
    },
    {
      key: 'notify',
      name: 'Tell the project',
      type: 'action',
      action: 'notify_deployment',
      input: { project_id: options.projectId, deployment: '{{steps.monitor.output.event.payload}}' },
    },
    {
      key: 'outcome',
      name: 'Deployment ready',
      type: 'action',
      action: 'expect_value',
      input: { actual: outcome, expected: 'ready', message: `The deployment ended ${outcome}.` },
    },
  ];
}
