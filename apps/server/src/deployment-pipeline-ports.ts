import type { DeploymentInbox, DeploymentStarter } from './modules/agents/index.ts';
import type { IntegrationsModule } from './modules/integrations/index.ts';
import type { WorkModule } from './modules/work/index.ts';

/**
 * The deployment pipeline's deploy step: the integrations module's deploy hooks start the deployment and its
 * deployment store records it, so the agents module never reads their tables or the hooks' secret URLs.
 */
export function deploymentStarter(integrations: Pick<IntegrationsModule, 'deployHooks'>): DeploymentStarter {
  return {
    async start(tx, ctx, workspaceId, request) {
      const { deployment, hookStatus } = await integrations.deployHooks.trigger(
        tx,
        ctx,
        workspaceId,
        request,
      );
      return {
        id: deployment.id,
        provider: deployment.provider,
        externalId: deployment.externalId,
        state: deployment.state,
        hookStatus,
      };
    },
    async hookExists(workspaceId, hookId) {
      return (await integrations.deployHooks.find(workspaceId, hookId)) !== undefined;
    },
  };
}

/** The pipeline's notice lands in the inboxes of the project's members as a `deployment` notification. */
export function deploymentInbox(work: Pick<WorkModule, 'notifyProject'>): DeploymentInbox {
  return (tx, ctx, notice) =>
    work.notifyProject(tx, ctx, {
      workspaceId: notice.workspaceId,
      projectId: notice.projectId,
      kind: 'deployment',
      data: {
        text: notice.text,
        deployment: notice.deployment,
        workflow_execution_id: notice.executionId,
      },
    });
}
