import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import type { Transactor } from '../../platform/events/transactor.ts';
import { DeploymentsRepository } from './deployments.repository.ts';
import { deploymentRoutes } from './deployments.routes.ts';
import { DeploymentsService } from './deployments.service.ts';

export { IntegrationErrors } from './integrations.errors.ts';
export type { DeploymentState } from './deployments.schema.ts';
export type { FinishedDeployment, RecordDeployment } from './deployments.service.ts';

export interface IntegrationsDeps {
  db: Db;
  transactor: Transactor;
}

export interface IntegrationsModule {
  deployments: DeploymentsService;
  register(app: FastifyInstance): Promise<void>;
}

/** What the agency's tools report (today: deployments, recorded through REST; Vercel and GitHub feed it later). */
export function createIntegrationsModule(deps: IntegrationsDeps): IntegrationsModule {
  const deployments = new DeploymentsService(new DeploymentsRepository(deps.db), deps.transactor);
  return {
    deployments,
    async register(app) {
      await app.register(deploymentRoutes, { service: deployments });
    },
  };
}
