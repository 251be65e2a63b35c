import type { FastifyInstance } from 'fastify';
import type { IntakeService } from './intake.service.ts';
import { intakeRoutes } from './intake.routes.ts';
import type { StickiesService } from './stickies.service.ts';
import { stickyRoutes } from './stickies.routes.ts';
import type { NotificationsService } from './notifications.service.ts';
import { notificationRoutes, subscriptionRoutes } from './notifications.routes.ts';
import type { WorklogsService } from './worklogs.service.ts';
import { totalWorklogRoutes, worklogRoutes } from './worklogs.routes.ts';
import type { WorkModulesService } from './work-modules.service.ts';
import { workModuleRoutes } from './work-modules.routes.ts';
import type { ActivitiesService } from './activities.service.ts';
import type { CommentsService } from './comments.service.ts';
import { cycleRoutes } from './cycles.routes.ts';
import type { CyclesService } from './cycles.service.ts';
import type { PeopleDirectory } from './directory.ts';
import type { LabelsService } from './labels.service.ts';
import type { LinksService } from './links.service.ts';
import { applyPlaneConventions } from './plane/conventions.ts';
import { collectRoutes } from './plane/method-not-allowed.ts';
import { planeThrottle, type ThrottleOptions } from './plane/throttle.ts';
import { projectAccessHook, viewerHook } from './plane-hooks.ts';
import type { Presenter } from './presenter.ts';
import type { ProjectAccess } from './project-access.ts';
import type { ProjectMembersService } from './project-members.service.ts';
import type { ProjectsService } from './projects.service.ts';
import type { StatesService } from './states.service.ts';
import type { WorkItemsService } from './work-items.service.ts';
import { activityRoutes } from './activities.routes.ts';
import { commentRoutes } from './comments.routes.ts';
import { labelRoutes } from './labels.routes.ts';
import { estimateRoutes } from './estimates.routes.ts';
import type { EstimatesService } from './estimates.service.ts';
import { linkRoutes } from './links.routes.ts';
import { projectMemberRoutes } from './project-members.routes.ts';
import { projectRoutes } from './projects.routes.ts';
import { relationRoutes } from './relations.routes.ts';
import type { RelationsService } from './relations.service.ts';
import { stateRoutes } from './states.routes.ts';
import { userRoutes } from './users.routes.ts';
import { workItemRoutes } from './work-items.routes.ts';
import type { WorkItemSearchRepository } from './work-item-search.repository.ts';
import { workItemSearchRoutes } from './work-item-search.routes.ts';
import type { ViewsService } from './views.service.ts';
import { viewRoutes } from './views.routes.ts';
import type { ObjectStorage } from '../../platform/storage/object-storage.ts';
import type { AttachmentsService } from './attachments.service.ts';
import { attachmentRoutes, attachmentTransferRoutes } from './attachments.routes.ts';

export interface PlaneApiDeps {
  access: ProjectAccess;
  throttle: ThrottleOptions;
  people: PeopleDirectory;
  presenter: Presenter;
  projects: ProjectsService;
  projectMembers: ProjectMembersService;
  states: StatesService;
  labels: LabelsService;
  estimates: EstimatesService;
  workItems: WorkItemsService;
  comments: CommentsService;
  links: LinksService;
  activities: ActivitiesService;
  relations: RelationsService;
  cycles: CyclesService;
  modules: WorkModulesService;
  worklogs: WorklogsService;
  stickies: StickiesService;
  notifications: NotificationsService;
  intake: IntakeService;
  search: WorkItemSearchRepository;
  views: ViewsService;
  attachments: AttachmentsService;
  storage: ObjectStorage;
  fileSizeLimit: number;
}

/**
 * Plane's public REST API (v1), registered under /api/v1. Hook order matters: the access guard (root) finds the
 * caller and checks the workspace, then the project rule, then the API-key throttle (Plane counts only requests
 * that got that far), then the reader's time zone is loaded.
 */
export async function planeApi(app: FastifyInstance, deps: PlaneApiDeps): Promise<void> {
  applyPlaneConventions(app);
  app.addHook('onRequest', projectAccessHook(deps.access));
  app.addHook('onRequest', planeThrottle(deps.throttle));
  app.addHook('onRequest', viewerHook(deps.people));
  const addMethodNotAllowed = collectRoutes(app);
  await app.register(userRoutes, deps);
  await app.register(projectRoutes, deps);
  await app.register(projectMemberRoutes, deps);
  await app.register(stateRoutes, deps);
  await app.register(labelRoutes, deps);
  await app.register(estimateRoutes, deps);
  await app.register(viewRoutes, deps);
  await app.register(attachmentTransferRoutes, deps);
  for (const prefix of ['issues', 'work-items'] as const) {
    await app.register(workItemSearchRoutes, { ...deps, itemsPath: prefix });
    await app.register(workItemRoutes, { ...deps, itemsPath: prefix });
    await app.register(attachmentRoutes, { ...deps, itemsPath: prefix });
    await app.register(commentRoutes, { ...deps, itemsPath: prefix });
    await app.register(linkRoutes, { ...deps, itemsPath: prefix });
    await app.register(worklogRoutes, { ...deps, itemsPath: prefix });
    await app.register(activityRoutes, { ...deps, itemsPath: prefix });
    await app.register(subscriptionRoutes, { ...deps, itemsPath: prefix });
  }
  await app.register(totalWorklogRoutes, deps);
  await app.register(workModuleRoutes, deps);
  await app.register(intakeRoutes, deps);
  await app.register(stickyRoutes, deps);
  await app.register(notificationRoutes, deps);
  await app.register(relationRoutes, deps);
  await app.register(cycleRoutes, deps);
  addMethodNotAllowed();
}
