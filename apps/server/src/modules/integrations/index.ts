import type { FastifyInstance } from 'fastify';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Transactor } from '../../platform/events/transactor.ts';
import { DeployHooksRepository } from './deploy-hooks.repository.ts';
import { deployHookRoutes } from './deploy-hooks.routes.ts';
import { DeployHooksService } from './deploy-hooks.service.ts';
import { DeploymentsRepository } from './deployments.repository.ts';
import { deploymentRoutes } from './deployments.routes.ts';
import { DeploymentsService } from './deployments.service.ts';

export { IntegrationErrors } from './integrations.errors.ts';
export type { DeploymentState } from './deployments.schema.ts';
export type { FinishedDeployment, RecordDeployment } from './deployments.service.ts';
export type { TriggerDeploy, TriggeredDeploy } from './deploy-hooks.service.ts';

export interface IntegrationsDeps {
  db: Db;
  transactor: Transactor;
  /** Seals deploy hook URLs. */
  box: SecretBox;
}

export interface IntegrationsModule {
  deployments: DeploymentsService;
  deployHooks: DeployHooksService;
  register(app: FastifyInstance): Promise<void>;
}

/**
 * What the agency's tools report (today: deployments, recorded through REST; Vercel and GitHub feed it later),
 * and the deploy hooks that start deployments.
 */
export function createIntegrationsModule(deps: IntegrationsDeps): IntegrationsModule {
  const deployments = new DeploymentsService(new DeploymentsRepository(deps.db), deps.transactor);
  const deployHooks = new DeployHooksService({
    repo: new DeployHooksRepository(deps.db),
    transactor: deps.transactor,
    box: deps.box,
    deployments,
  });
  return {
    deployments,
    deployHooks,
    async register(app) {
      await app.register(deploymentRoutes, { service: deployments });
      await app.register(deployHookRoutes, { service: deployHooks });
    },
  };
}
