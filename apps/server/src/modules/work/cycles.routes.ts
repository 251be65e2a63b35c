import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permission } from '../../platform/http/access.ts';
import { pageEnvelope } from '../../platform/http/pagination.ts';
import { changeContext } from '../identity/index.ts';
import {
  burndownOut,
  createCycleBody,
  cycleLinkOut,
  cycleListQuery,
  cycleOut,
  cycleViewOf,
  progressOut,
  toCycleLinkOut,
  toCycleOut,
  transferBody,
  updateCycleBody,
} from './cycles.dto.ts';
import { detailQuery, projectParams, uuidParam } from './dto-common.ts';
import { planeRouteConfig } from './plane/conventions.ts';
import { fetchWindow, parsePage } from './plane/pagination.ts';
import type { PlaneApiDeps } from './plane-api.ts';
import { itemGroupParams, itemGroupPaths, itemGroupRoutes } from './item-group-routes.ts';
import { projectScopeOf, viewerOf } from './request-context.ts';
import { workItemSortKeys } from './work-items.service.ts';

const tags = ['plane: cycles'];
const config = planeRouteConfig(permission('workspace.view'), { project: 'entity' as const });
const { group: cycleParams, link: linkParams } = itemGroupParams('cycle');
const { list, detail, items } = itemGroupPaths('cycle');

export async function cycleRoutes(root: FastifyInstance, deps: PlaneApiDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { cycles, presenter } = deps;

  app.get(
    list,
    {
      config,
      schema: {
        tags,
        summary: 'Cycles that are not archived, newest first; cycle_view=current answers a plain array',
        params: projectParams,
        querystring: cycleListQuery,
        response: { 200: pageEnvelope(cycleOut).or(z.array(cycleOut)) },
      },
    },
    async (request) => {
      const scope = projectScopeOf(request);
      const view = cycleViewOf(request.query.cycle_view);
      if (view === 'current') {
        const current = await cycles.current(scope);
        return Promise.all(current.map((c) => presenter.detail(request, c, toCycleOut)));
      }
      const page = parsePage(request.query);
      const { rows, total } = await cycles.list(scope, view, false, fetchWindow(page));
      return presenter.page(request, page, rows, total, toCycleOut);
    },
  );

  app.post(
    list,
    {
      config,
      schema: {
        tags,
        summary: 'Create a cycle (the project needs cycle_view on)',
        params: projectParams,
        body: createCycleBody,
        response: { 201: cycleOut },
      },
    },
    async (request, reply) => {
      const cycle = await cycles.create(changeContext(request), projectScopeOf(request), request.body);
      return reply.status(201).send(presenter.plain(request, cycle, toCycleOut));
    },
  );

  itemGroupRoutes(root, {
    kind: 'cycle',
    tags,
    config,
    presenter,
    service: cycles,
    listArchived: (scope, window) => cycles.list(scope, 'all', true, window),
    listItems: (scope, id, order, window) => cycles.items(scope, id, order, window),
    itemSortKeys: workItemSortKeys,
    out: cycleOut,
    toOut: toCycleOut,
    writeOut: cycleOut,
    toWriteOut: toCycleOut,
    updateBody: updateCycleBody,
    linkOut: cycleLinkOut,
    toLinkOut: toCycleLinkOut,
    summaries: {
      delete: 'Delete a cycle (its owner or a project admin)',
      archive: 'Archive a completed cycle',
      items: "The cycle's work items",
      addItems: 'Add work items (an item in another cycle moves here); answers every link of the cycle',
      removeItem: 'Take a work item out of the cycle',
    },
  });

  app.get(
    `${items}${uuidParam('issue_id')}/`,
    {
      config,
      schema: { tags, params: linkParams, querystring: detailQuery, response: { 200: cycleLinkOut } },
    },
    async (request) => {
      const scope = projectScopeOf(request);
      const link = await cycles.link(scope, request.params.cycle_id, request.params.issue_id);
      return presenter.detail(request, link, toCycleLinkOut);
    },
  );

  app.post(
    `${detail}transfer-issues/`,
    {
      config,
      schema: {
        tags,
        summary: "Move a completed cycle's unfinished items to a cycle that has not ended",
        params: cycleParams,
        body: transferBody,
        response: { 200: z.object({ message: z.string() }) },
      },
    },
    async (request) => {
      const scope = projectScopeOf(request);
      await cycles.transfer(
        changeContext(request),
        scope,
        request.params.cycle_id,
        request.body.new_cycle_id,
      );
      return { message: 'Success' };
    },
  );

  app.get(
    `${detail}progress/`,
    {
      config,
      schema: {
        tags,
        summary: 'Agency OS: work items and points per state group',
        params: cycleParams,
        response: { 200: progressOut },
      },
    },
    async (request) => cycles.progress(projectScopeOf(request), request.params.cycle_id),
  );

  app.get(
    `${detail}burndown/`,
    {
      config,
      schema: {
        tags,
        summary:
          "Agency OS: open items and points at the end of each day of the cycle, in the reader's time zone",
        params: cycleParams,
        response: { 200: burndownOut },
      },
    },
    async (request) => {
      const scope = projectScopeOf(request);
      return cycles.burndown(scope, request.params.cycle_id, viewerOf(request).timeZone);
    },
  );
}
