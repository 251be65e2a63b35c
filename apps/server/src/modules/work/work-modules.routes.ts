import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { permission } from '../../platform/http/access.ts';
import type { ErrorFormatter } from '../../platform/http/error-handler.ts';
import { pageEnvelope } from '../../platform/http/pagination.ts';
import { changeContext } from '../identity/index.ts';
import { listQuery, projectParams } from './dto-common.ts';
import { planeRouteConfig } from './plane/conventions.ts';
import { planeErrorBody } from './plane/errors.ts';
import { fetchWindow, parsePage } from './plane/pagination.ts';
import type { PlaneApiDeps } from './plane-api.ts';
import { itemGroupPaths, itemGroupRoutes } from './item-group-routes.ts';
import { projectScopeOf } from './request-context.ts';
import { WorkErrors } from './work.errors.ts';
import {
  createModuleBody,
  moduleItemOut,
  moduleOut,
  moduleWriteOut,
  toModuleItemOut,
  toModuleOut,
  toModuleWriteOut,
  updateModuleBody,
} from './work-modules.dto.ts';
import { moduleItemSortKeys } from './work-modules.service.ts';

// Plane raises "modules are not enabled" while saving, so DRF answers it as a bare list.
const errorFormat: ErrorFormatter = (status, body, request) =>
  body.error.code === WorkErrors.MODULES_DISABLED
    ? [body.error.message]
    : planeErrorBody(status, body, request);

const tags = ['plane: modules'];
const config = planeRouteConfig(permission('workspace.view'), { project: 'entity' as const, errorFormat });
const { list } = itemGroupPaths('module');

export async function workModuleRoutes(root: FastifyInstance, deps: PlaneApiDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { modules, presenter } = deps;

  app.get(
    list,
    {
      config,
      schema: {
        tags,
        summary: 'Modules of the project that are not archived, newest first',
        params: projectParams,
        querystring: listQuery,
        response: { 200: pageEnvelope(moduleOut) },
      },
    },
    async (request) => {
      const page = parsePage(request.query);
      const { rows, total } = await modules.list(projectScopeOf(request), fetchWindow(page));
      return presenter.page(request, page, rows, total, toModuleOut);
    },
  );

  app.post(
    list,
    {
      config,
      schema: {
        tags,
        summary: "Create a module (the project's module_view must be on)",
        params: projectParams,
        body: createModuleBody,
        response: { 201: moduleWriteOut },
      },
    },
    async (request, reply) => {
      const module = await modules.create(changeContext(request), projectScopeOf(request), request.body);
      return reply.status(201).send(presenter.plain(request, module, toModuleWriteOut));
    },
  );

  itemGroupRoutes(root, {
    kind: 'module',
    tags,
    config,
    presenter,
    service: modules,
    listArchived: (scope, window) => modules.list(scope, window, true),
    listItems: (scope, id, order, window) => modules.listItems(scope, id, order, window),
    itemSortKeys: moduleItemSortKeys,
    out: moduleOut,
    toOut: toModuleOut,
    writeOut: moduleWriteOut,
    toWriteOut: toModuleWriteOut,
    updateBody: updateModuleBody,
    linkOut: moduleItemOut,
    toLinkOut: toModuleItemOut,
    summaries: {
      delete: 'Delete a module (its creator or a project admin)',
      archive: 'Archive a completed or cancelled module',
      archived: 'Archived modules of the project, newest first',
      unarchive: 'Unarchive a module',
      items: "The module's work items (those the project's lists show), oldest first",
      addItems: 'Add work items to the module; answers every link of the module',
      removeItem: 'Take a work item out of the module',
    },
  });
}
