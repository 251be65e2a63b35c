import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Config } from '../../platform/config/config.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Transactor } from '../../platform/events/transactor.ts';
import type { IdentityModule } from '../identity/index.ts';
import { ActivitiesRepository } from './activities.repository.ts';
import { ActivitiesService } from './activities.service.ts';
import { CommentsRepository } from './comments.repository.ts';
import { CommentsService } from './comments.service.ts';
import { uniqueSafe } from './db-errors.ts';
import { identityDirectory } from './directory.ts';
import { Expander } from './expand.ts';
import { LabelsRepository } from './labels.repository.ts';
import { LabelsService } from './labels.service.ts';
import { LinksRepository } from './links.repository.ts';
import { LinksService } from './links.service.ts';
import { MemoryWindow, RedisWindow } from './plane/sliding-window.ts';
import { planeApi, type PlaneApiDeps } from './plane-api.ts';
import { Presenter } from './presenter.ts';
import { ProjectAccess } from './project-access.ts';
import { ProjectMembersRepository } from './project-members.repository.ts';
import { ProjectMembersService } from './project-members.service.ts';
import { ProjectsRepository } from './projects.repository.ts';
import { ProjectsService } from './projects.service.ts';
import { StatesRepository } from './states.repository.ts';
import { StatesService } from './states.service.ts';
import { WorkItemReferences } from './work-item-input.ts';
import { WorkItemsRepository } from './work-items.repository.ts';
import { WorkItemsService } from './work-items.service.ts';

export interface WorkDeps {
  db: Db;
  config: Config;
  transactor: Transactor;
  identity: IdentityModule;
  redis: Redis | undefined;
}

export interface WorkModule {
  projects: ProjectsService;
  workItems: WorkItemsService;
  /** Registers Plane's public API under /api/v1. */
  register(app: FastifyInstance): Promise<void>;
}

export function createWorkModule(deps: WorkDeps): WorkModule {
  const transactor = uniqueSafe(deps.transactor);
  const people = identityDirectory(deps.identity);
  const repos = {
    projects: new ProjectsRepository(deps.db),
    members: new ProjectMembersRepository(deps.db),
    states: new StatesRepository(deps.db),
    labels: new LabelsRepository(deps.db),
    workItems: new WorkItemsRepository(deps.db),
    comments: new CommentsRepository(deps.db),
    links: new LinksRepository(deps.db),
    activities: new ActivitiesRepository(deps.db),
  };
  const references = new WorkItemReferences({ ...repos, people });
  const api: PlaneApiDeps = {
    access: new ProjectAccess(repos.members),
    throttle: {
      window: deps.redis ? new RedisWindow(deps.redis) : new MemoryWindow(),
      apiKey: deps.config.apiKeyRateLimit,
      serviceKey: deps.config.serviceApiKeyRateLimit,
    },
    people,
    presenter: new Presenter(new Expander({ ...repos, people })),
    projects: new ProjectsService({ transactor, ...repos, people }),
    projectMembers: new ProjectMembersService(transactor, repos.members, people),
    states: new StatesService(transactor, repos.states),
    labels: new LabelsService(transactor, repos.labels),
    workItems: new WorkItemsService({ transactor, ...repos, references, people }),
    comments: new CommentsService({ transactor, ...repos, people }),
    links: new LinksService(transactor, repos.links, repos.activities),
    activities: new ActivitiesService(repos.activities),
  };
  return {
    projects: api.projects,
    workItems: api.workItems,
    async register(app) {
      await app.register((scope) => planeApi(scope, api), { prefix: '/api/v1' });
    },
  };
}
