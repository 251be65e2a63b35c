import { z } from 'zod';
import { recordChange } from '../../../platform/events/outbox.ts';
import {
  consensus,
  consensusRules,
  type AgentConversations,
  type AgentReply,
  type Vote,
} from '../patterns.ts';
import type { AgentKind } from '../registry.ts';
import { CODE_REVIEW_AGENT_TYPE } from './code-review.ts';
import { DEPLOYMENT_RISK_AGENT_TYPE, deploymentInput, SCORE_DEPLOYMENT_TASK } from './deployment-risk.ts';
import { looksLikeDiff } from './unified-diff.ts';

export const DEPLOYMENT_COORDINATOR_AGENT_TYPE = 'deployment_coordinator';
export const COORDINATE_DEPLOYMENT_TASK = 'coordinate_deployment';

const configuration = z.strictObject({
  /** The highest risk score the risk agent may report and still vote for the deployment. */
  max_risk: z.number().int().min(0).max(100).default(60),
  rule: z.enum(consensusRules).default('unanimous'),
  /** How long each agent has to answer. */
  response_timeout_seconds: z.number().int().min(1).max(3600).default(60),
  risk_agent_id: z.uuid().optional(),
  code_review_agent_id: z.uuid().optional(),
});

const coordinateInput = deploymentInput.refine((input) => !input.diff || looksLikeDiff(input.diff), {
  message: 'must be a unified diff',
  path: ['diff'],
});

/**
 * Seed 001's deployment coordinator: asks the risk agent and, when there is a diff, the code-review agent
 * (request-response, each with a deadline), lets the configured rule decide, and marks the deployment go or
 * no-go with a `deployment.decided` event — once, however often the task runs.
 */
export function deploymentCoordinatorKind(conversations: AgentConversations): AgentKind {
  return {
    type: DEPLOYMENT_COORDINATOR_AGENT_TYPE,
    role: 'coordinator',
    description:
      'Asks the risk and code-review agents about a deployment and decides go or no-go by consensus.',
    capabilities: ['coordinate_deployment', 'request_response', 'consensus'],
    taskTypes: { [COORDINATE_DEPLOYMENT_TASK]: coordinateInput },
    configuration,
    defaults: { timeoutSeconds: 600, maxAttempts: 3 },
    async execute(context) {
      const input = coordinateInput.parse(context.task.input);
      const config = configuration.parse(context.agent.configuration);
      const { deployment } = input;
      const timeoutMs = config.response_timeout_seconds * 1000;
      const priority = Math.min(10, context.task.priority + 1);
      const [risk, review] = await Promise.all([
        conversations.request(context, {
          key: 'risk',
          agentId: config.risk_agent_id,
          agentType: DEPLOYMENT_RISK_AGENT_TYPE,
          taskType: SCORE_DEPLOYMENT_TASK,
          input: context.task.input,
          description: `Risk of deployment ${deployment.id}`,
          priority,
          timeoutMs,
        }),
        input.diff
          ? conversations.request(context, {
              key: 'code-review',
              agentId: config.code_review_agent_id,
              agentType: CODE_REVIEW_AGENT_TYPE,
              taskType: 'review_diff',
              input: {
                diff: input.diff,
                ...(input.pull_request?.title ? { title: input.pull_request.title } : {}),
                ...(deployment.service ? { repository: deployment.service } : {}),
                ...(input.pull_request?.number ? { pull_request: input.pull_request.number } : {}),
              },
              description: `Code review before deployment ${deployment.id}`,
              priority,
              timeoutMs,
            })
          : Promise.resolve(null),
      ]);
      const votes = [riskVote(risk, config.max_risk), ...(review ? [reviewVote(review)] : [])];
      const outcome = consensus(votes, config.rule);
      const decision = outcome.approved ? 'go' : 'no_go';
      const summary = `${decision === 'go' ? 'Go' : 'No-go'} for ${deployment.service ?? deployment.id} to ${deployment.environment} (${config.rule}: ${outcome.for} for, ${outcome.against} against, ${outcome.abstained} without an answer). ${votes.map((v) => `${v.voter}: ${v.reason}`).join(' ')}`;
      const decided = await context.performOnce('decision', async (tx) => {
        const at = new Date().toISOString();
        await recordChange(
          tx,
          { actor: { type: 'agent', id: context.agent.id } },
          {
            workspaceId: context.task.workspaceId,
            action: 'deployment.decided',
            objectType: 'deployment',
            objectId: deployment.id,
            after: {
              decision,
              environment: deployment.environment,
              service: deployment.service ?? null,
              task_id: context.task.id,
            },
            payload: {
              deployment_id: deployment.id,
              decision,
              rule: config.rule,
              votes,
              summary,
              decided_at: at,
            },
          },
        );
        return { decided_at: at };
      });
      return {
        output: {
          deployment_id: deployment.id,
          decision,
          rule: config.rule,
          votes,
          tally: { for: outcome.for, against: outcome.against, abstained: outcome.abstained },
          summary,
          risk: replyOf(risk),
          code_review: review ? replyOf(review) : null,
          decided_at: decided.decided_at,
        },
      };
    },
  };
}

function riskVote(reply: AgentReply, maxRisk: number): Vote {
  const voter = 'deployment_risk';
  if (reply.status !== 'answered') return { voter, approve: null, reason: unanswered(reply) };
  const score = Number(reply.output.risk_score);
  return {
    voter,
    approve: score <= maxRisk,
    reason: `risk ${score}/100 (${String(reply.output.level)}), limit ${maxRisk}.`,
  };
}

function reviewVote(reply: AgentReply): Vote {
  const voter = 'code_review';
  if (reply.status !== 'answered') return { voter, approve: null, reason: unanswered(reply) };
  const verdict = String(reply.output.verdict);
  return {
    voter,
    approve: verdict !== 'request_changes',
    reason: `${verdict}: ${String(reply.output.summary)}`,
  };
}

function unanswered(reply: AgentReply): string {
  if (reply.status === 'no_agent') return 'no agent of this kind in the workspace.';
  if (reply.status === 'timed_out') return 'no answer before the deadline.';
  return reply.status === 'failed' ? `failed: ${reply.error}` : 'no answer.';
}

function replyOf(reply: AgentReply) {
  if (reply.status === 'no_agent') return { status: reply.status };
  return {
    status: reply.status,
    task_id: reply.taskId,
    agent_id: reply.agentId,
    correlation_id: reply.correlationId,
  };
}
