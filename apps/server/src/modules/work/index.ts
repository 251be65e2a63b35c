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
import { CyclesRepository } from './cycles.repository.ts';
import { CyclesService } from './cycles.service.ts';
import { uniqueSafe } from './db-errors.ts';
import { identityDirectory } from './directory.ts';
import { EstimatesRepository } from './estimates.repository.ts';
import { EstimatesService } from './estimates.service.ts';
import { Expander } from './expand.ts';
import { IntakeRepository } from './intake.repository.ts';
import { IntakeService } from './intake.service.ts';
import { LabelsRepository } from './labels.repository.ts';
import { LabelsService } from './labels.service.ts';
import { LinksRepository } from './links.repository.ts';
import { LinksService } from './links.service.ts';
import { NotificationsRepository } from './notifications.repository.ts';
import { NotificationsService } from './notifications.service.ts';
import { MemoryWindow, RedisWindow } from './plane/sliding-window.ts';
import { planeApi, type PlaneApiDeps } from './plane-api.ts';
import { Presenter } from './presenter.ts';
import { ProjectAccess } from './project-access.ts';
import { ProjectMembersRepository } from './project-members.repository.ts';
import { ProjectMembersService } from './project-members.service.ts';
import { ProjectPulseRepository } from './project-pulse.repository.ts';
import { ProjectsRepository } from './projects.repository.ts';
import { ProjectsService } from './projects.service.ts';
import { RelationsRepository } from './relations.repository.ts';
import { RelationsService } from './relations.service.ts';
import { StatesRepository } from './states.repository.ts';
import { StatesService } from './states.service.ts';
import { StickiesRepository } from './stickies.repository.ts';
import { StickiesService } from './stickies.service.ts';
import { WorkItemReferences } from './work-item-input.ts';
import { WorkItemsRepository } from './work-items.repository.ts';
import { workItemMemberships } from './work-item-memberships.ts';
import { WorkItemSearchRepository } from './work-item-search.repository.ts';
import { ViewsRepository } from './views.repository.ts';
import { ViewsService } from './views.service.ts';
import { createObjectStorage } from '../../platform/storage/object-storage.ts';
import { storageSigningKey } from '../../platform/storage/signing-key.ts';
import { AttachmentsRepository } from './attachments.repository.ts';
import { AttachmentsService } from './attachments.service.ts';
import { WorkItemsService } from './work-items.service.ts';
import { WorklogsRepository } from './worklogs.repository.ts';
import { WorklogsService } from './worklogs.service.ts';
import { WorkModulesRepository } from './work-modules.repository.ts';
import { WorkModulesService } from './work-modules.service.ts';

export {
  notificationRealtimeActions,
  notificationsChannel,
  workItemRealtimeActions,
  workItemsChannel,
} from './work-item-events.ts';
export type { ProjectScope, WorkspaceScope } from './project-access.ts';
export type { WorkItemRecord } from './work-items.repository.ts';
export type { ProjectRow } from './projects.repository.ts';
export type { StateRow } from './states.repository.ts';
export type { LabelRow } from './labels.repository.ts';
export type { CycleRecord } from './cycles.service.ts';
export type { RelationType } from './relations.service.ts';
export type { ProjectPulse, PulseQuery } from './project-pulse.repository.ts';
export type { ProjectMessage } from './notifications.service.ts';

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
  /** Time logged on work items, per item and per project or cycle: what the agency layer bills from. */
  worklogs: WorklogsService;
  /** The rest of the work core's services, for in-process callers such as the demo seed. */
  projectMembers: ProjectMembersService;
  states: StatesService;
  labels: LabelsService;
  comments: CommentsService;
  links: LinksService;
  relations: RelationsService;
  cycles: CyclesService;
  modules: WorkModulesService;
  intake: IntakeService;
  stickies: StickiesService;
  estimates: EstimatesService;
  /** What moved, is blocked, stuck or overdue in a workspace's projects (read-only; for standups). */
  pulse: Pick<ProjectPulseRepository, 'pulse'>;
  /**
   * Puts a message about a project (a standup) in each of its active members' inboxes, inside the caller's
   * transaction; answers who got one.
   */
  notifyProject: NotificationsService['projectPosted'];
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
    estimates: new EstimatesRepository(deps.db),
    workItems: new WorkItemsRepository(deps.db, workItemMemberships),
    comments: new CommentsRepository(deps.db),
    links: new LinksRepository(deps.db),
    activities: new ActivitiesRepository(deps.db),
  };
  const references = new WorkItemReferences({ ...repos, people });
  const notifications = new NotificationsService(transactor, new NotificationsRepository(deps.db), people);
  const storage = createObjectStorage(deps.config.storage, storageSigningKey(deps.config.secretKey));
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
    estimates: new EstimatesService({ transactor, ...repos, notifications }),
    workItems: new WorkItemsService({ transactor, ...repos, references, people, notifications }),
    comments: new CommentsService({ transactor, ...repos, people, notifications }),
    links: new LinksService(transactor, repos.links, repos.activities),
    activities: new ActivitiesService(repos.activities),
    relations: new RelationsService({
      transactor,
      ...repos,
      relations: new RelationsRepository(deps.db),
      notifications,
    }),
    cycles: new CyclesService({
      transactor,
      ...repos,
      cycles: new CyclesRepository(deps.db),
      people,
      notifications,
    }),
    modules: new WorkModulesService({
      transactor,
      ...repos,
      modules: new WorkModulesRepository(deps.db),
      people,
      notifications,
    }),
    worklogs: new WorklogsService({ transactor, ...repos, worklogs: new WorklogsRepository(deps.db) }),
    stickies: new StickiesService(transactor, new StickiesRepository(deps.db)),
    notifications,
    intake: new IntakeService({
      transactor,
      ...repos,
      intake: new IntakeRepository(deps.db),
      references,
      people,
      notifications,
    }),
    search: new WorkItemSearchRepository(deps.db),
    views: new ViewsService(transactor, new ViewsRepository(deps.db)),
    attachments: new AttachmentsService({
      transactor,
      attachments: new AttachmentsRepository(deps.db),
      activities: repos.activities,
      storage,
      fileSizeLimit: deps.config.fileSizeLimit,
    }),
    storage,
    fileSizeLimit: deps.config.fileSizeLimit,
  };
  return {
    projects: api.projects,
    workItems: api.workItems,
    worklogs: api.worklogs,
    projectMembers: api.projectMembers,
    states: api.states,
    labels: api.labels,
    comments: api.comments,
    links: api.links,
    relations: api.relations,
    cycles: api.cycles,
    modules: api.modules,
    intake: api.intake,
    stickies: api.stickies,
    estimates: api.estimates,
    pulse: new ProjectPulseRepository(deps.db),
    notifyProject: (tx, ctx, message) => notifications.projectPosted(tx, ctx, message),
    async register(app) {
      await app.register((scope) => planeApi(scope, api), { prefix: '/api/v1' });
    },
  };
}
