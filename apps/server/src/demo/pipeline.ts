import type { Container } from '../container.ts';
import type { DemoActors } from './demo-scope.ts';
import { findDemoProjects } from './projects.ts';

const HOOK_NAME = 'Brightside site: production (demo URL, replace it)';
const WORKFLOW_NAME = 'Deploy the Brightside site';

/**
 * The deployment coordinator and its pipeline (made from the template, so it reads as a user's would), with a
 * deploy hook whose URL points nowhere: running it shows the pre-checks, then a deploy step that fails clearly
 * until someone adds their real hook. And the standup agent, scheduled for 09:00 on weekdays in the workspace's zone.
 * Each is looked up first, so seeding again adds nothing.
 */
export async function seedDeploymentPipeline(container: Container, actors: DemoActors): Promise<void> {
  const workspaceId = actors.workspace.id;
  const ctx = actors.ctx('jonas');
  const { service, workflows } = container.agents;
  const ensureAgent = async (agentType: string, name: string, configuration: Record<string, unknown>) => {
    const { rows } = await service.listAgents(workspaceId, { agentType }, { offset: 0, limit: 1 });
    if (rows.length === 0) await service.createAgent(ctx, workspaceId, { name, agentType, configuration });
  };
  await ensureAgent('standup', 'Daily Standup', { schedule_time: '09:00', schedule_days: 'weekdays' });
  await ensureAgent('deployment_coordinator', 'Deployment Coordinator', { max_risk: 60 });

  const { deployHooks } = container.integrations;
  const hook =
    (await deployHooks.list(workspaceId)).find((h) => h.name === HOOK_NAME) ??
    (await deployHooks.create(ctx, workspaceId, {
      name: HOOK_NAME,
      provider: 'vercel',
      projectName: 'brightside-site',
      url: 'https://deploy-hooks.northwind.invalid/v1/integrations/deploy/prj_brightside/demo',
    }));
  const { rows } = await workflows.service.listWorkflows(workspaceId, { offset: 0, limit: 100 });
  if (rows.some((w) => w.name === WORKFLOW_NAME)) return;
  const website = (await findDemoProjects(container, actors)).get('website');
  await workflows.templates.deploymentPipeline(ctx, workspaceId, {
    name: WORKFLOW_NAME,
    deployHookId: hook.id,
    ...(website ? { projectId: website.project.id } : {}),
    monitorTimeoutSeconds: 1800,
  });
}
