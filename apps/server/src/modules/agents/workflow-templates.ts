import { AppError, CommonErrors } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { AgentErrors } from './agents.errors.ts';
import type { AgentsRepository } from './agents.repository.ts';
import { deploymentPipelineSteps, type DeploymentStarter } from './deployment-pipeline.ts';
import { DEPLOYMENT_COORDINATOR_AGENT_TYPE } from './kinds/deployment-coordinator.ts';
import type { WorkflowRow } from './workflows.repository.ts';
import type { WorkflowsService } from './workflows.service.ts';

/** What a person fills in to make the deployment pipeline; the rest has defaults. */
export interface DeploymentPipelineRequest {
  name?: string;
  deployHookId: string;
  coordinatorAgentId?: string;
  projectId?: string;
  monitorTimeoutSeconds?: number;
  deployAttempts?: number;
  deployBackoffSeconds?: number;
}

/** Ready-made workflows made in one call: their agents and hooks looked up, then an ordinary definition. */
export class WorkflowTemplates {
  private readonly agents: AgentsRepository;
  private readonly workflows: WorkflowsService;
  private readonly starter: DeploymentStarter | undefined;

  constructor(deps: {
    agents: AgentsRepository;
    workflows: WorkflowsService;
    starter: DeploymentStarter | undefined;
  }) {
    this.agents = deps.agents;
    this.workflows = deps.workflows;
    this.starter = deps.starter;
  }

  /** The deployment coordinator's pipeline (deployment-pipeline.ts), as a workflow of the workspace. */
  async deploymentPipeline(
    ctx: ChangeContext,
    workspaceId: string,
    request: DeploymentPipelineRequest,
  ): Promise<WorkflowRow> {
    const coordinator = await this.coordinator(workspaceId, request.coordinatorAgentId);
    if (!(await this.starter?.hookExists(workspaceId, request.deployHookId))) {
      throw new AppError(CommonErrors.VALIDATION_FAILED, {
        field: 'deploy_hook_id',
        message: 'The workspace has no deploy hook with this id.',
      });
    }
    return this.workflows.createWorkflow(ctx, workspaceId, {
      name: request.name ?? 'Deployment pipeline',
      description: 'Pre-checks → deploy → monitor → notify (seed 001 deployment coordinator).',
      steps: deploymentPipelineSteps({
        coordinatorAgentId: coordinator.id,
        hookId: request.deployHookId,
        projectId: request.projectId ?? null,
        monitorTimeoutSeconds: request.monitorTimeoutSeconds ?? 1800,
        deployAttempts: request.deployAttempts ?? 3,
        deployBackoffSeconds: request.deployBackoffSeconds ?? 30,
      }),
    });
  }

  private async coordinator(workspaceId: string, id: string | undefined) {
    const field = 'coordinator_agent_id';
    const agent = id
      ? await this.agents.findAgent(workspaceId, id)
      : await this.agents.findAgentOfType(workspaceId, DEPLOYMENT_COORDINATOR_AGENT_TYPE);
    if (!agent) {
      throw new AppError(AgentErrors.AGENT_NOT_FOUND, {
        field,
        message: id
          ? 'The agent does not exist.'
          : 'The workspace has no deployment coordinator agent; create one first.',
      });
    }
    if (agent.agentType !== DEPLOYMENT_COORDINATOR_AGENT_TYPE) {
      throw new AppError(CommonErrors.VALIDATION_FAILED, {
        field,
        message: `The agent is a ${agent.agentType}, not a ${DEPLOYMENT_COORDINATOR_AGENT_TYPE}.`,
      });
    }
    return agent;
  }
}
