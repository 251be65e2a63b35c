import type { DeploymentHistorySource } from './modules/agents/index.ts';
import type { IdentityModule } from './modules/identity/index.ts';
import type { IntegrationsModule } from './modules/integrations/index.ts';

/**
 * The deployment-risk agent's view of a workspace's past: the integrations module's finished deployments and the
 * workspace's time zone (the hour of day is the workspace's), so the agents module never reads its tables.
 */
export function deploymentHistorySource(
  integrations: Pick<IntegrationsModule, 'deployments'>,
  identity: Pick<IdentityModule, 'workspaces'>,
): DeploymentHistorySource {
  return async (workspaceId, { before, limit }) => {
    const [workspace, deployments] = await Promise.all([
      identity.workspaces.findById(workspaceId),
      integrations.deployments.history(workspaceId, before, limit),
    ]);
    return {
      timeZone: workspace?.timezone ?? 'UTC',
      deployments: deployments.map((d) => ({
        id: d.id,
        environment: d.environment,
        author: d.author,
        failed: d.failed,
        at: d.createdAt,
        filesChanged: d.filesChanged,
        lines: d.additions === null && d.deletions === null ? null : (d.additions ?? 0) + (d.deletions ?? 0),
      })),
    };
  };
}
