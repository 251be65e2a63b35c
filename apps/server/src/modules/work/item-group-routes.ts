import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageEnvelope } from '../../platform/http/pagination.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { changeContext } from '../identity/index.ts';
import {
  detailQuery,
  itemLinksBody,
  listQuery,
  projectParams,
  projectPath,
  uuidParam,
} from './dto-common.ts';
import { parseOrdering } from './plane/ordering.ts';
import { fetchWindow, parsePage } from './plane/pagination.ts';
import type { Presenter } from './presenter.ts';
import type { ProjectScope } from './project-access.ts';
import type { Window } from './projects.repository.ts';
import { projectScopeOf } from './request-context.ts';
import type { WorkItemOrder, WorkItemRecord } from './work-items.repository.ts';
import { toWorkItemOut, workItemOut } from './work-items.dto.ts';

type Mapper<R, O> = (row: R, timeZone: string) => O;
type Act = (ctx: ChangeContext, scope: ProjectScope, id: string) => Promise<void>;
type Listed<R> = Promise<{ rows: R[]; total: number }>;

/** What a group of work items (a cycle or a module) answers to: Plane serves both through one route shape. */
export interface ItemGroupService<R, L, B> {
  get(scope: ProjectScope, id: string): Promise<R>;
  update(ctx: ChangeContext, scope: ProjectScope, id: string, body: B): Promise<R>;
  delete: Act;
  archive: Act;
  unarchive: Act;
  addItems(ctx: ChangeContext, scope: ProjectScope, id: string, issues: string[]): Promise<L[]>;
  removeItem(ctx: ChangeContext, scope: ProjectScope, id: string, workItemId: string): Promise<void>;
}

export interface ItemGroupSpec<R, L, B> {
  /** `cycle` or `module`: names the paths (`cycles/`, `archived-cycles/`, `cycle-issues/`) and the id parameter. */
  kind: 'cycle' | 'module';
  tags: string[];
  config: FastifyContextConfig;
  presenter: Presenter;
  service: ItemGroupService<R, L, B>;
  listArchived(scope: ProjectScope, window: Window): Listed<R>;
  listItems(scope: ProjectScope, id: string, order: WorkItemOrder, window: Window): Listed<WorkItemRecord>;
  itemSortKeys: readonly string[];
  out: z.ZodType;
  toOut: Mapper<R, object>;
  /** Update responses, where they differ from reads (modules leave out their counts). */
  writeOut: z.ZodType;
  toWriteOut: Mapper<R, object>;
  updateBody: z.ZodType<B>;
  linkOut: z.ZodType;
  toLinkOut: Mapper<L, unknown>;
  summaries: {
    delete: string;
    archive: string;
    archived?: string;
    unarchive?: string;
    items: string;
    addItems: string;
    removeItem: string;
  };
}

/** The params of every group route: the project, the group and (on item routes) the work item. */
export function itemGroupParams<K extends 'cycle' | 'module'>(kind: K) {
  const group = projectParams.extend({ [`${kind}_id`]: z.uuid() } as Record<`${K}_id`, z.ZodUUID>);
  return { group, link: group.extend({ issue_id: z.uuid() }) };
}

/** The paths of a group kind, for the routes that stay with their module (list, create, extras). */
export function itemGroupPaths(kind: 'cycle' | 'module') {
  const list = `${projectPath}/${kind}s/`;
  const detail = `${list}${uuidParam(`${kind}_id`)}/`;
  return { list, detail, items: `${detail}${kind}-issues/` };
}

/**
 * Detail, update, delete, archive, the archived list, unarchive and the work-item links of a cycle or a module.
 * Each module registers its list, create and its own extras beside these.
 */
export function itemGroupRoutes<R, L, B>(root: FastifyInstance, spec: ItemGroupSpec<R, L, B>) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { kind, tags, config, presenter, service, summaries } = spec;
  const params = itemGroupParams(kind);
  const { detail, items } = itemGroupPaths(kind);
  const idOf = (request: FastifyRequest) => (request.params as Record<string, string>)[`${kind}_id`]!;
  const act = (action: Act) => async (request: FastifyRequest, reply: FastifyReply) => {
    await action(changeContext(request), projectScopeOf(request), idOf(request));
    return reply.status(204).send();
  };

  app.get(
    detail,
    { config, schema: { tags, params: params.group, querystring: detailQuery, response: { 200: spec.out } } },
    async (request) =>
      presenter.detail(request, await service.get(projectScopeOf(request), idOf(request)), spec.toOut),
  );

  app.patch(
    detail,
    {
      config,
      schema: { tags, params: params.group, body: spec.updateBody, response: { 200: spec.writeOut } },
    },
    async (request) => {
      const body = request.body as B;
      const row = await service.update(changeContext(request), projectScopeOf(request), idOf(request), body);
      return presenter.plain(request, row, spec.toWriteOut);
    },
  );

  app.delete(
    detail,
    { config, schema: { tags, summary: summaries.delete, params: params.group } },
    act((ctx, scope, id) => service.delete(ctx, scope, id)),
  );

  app.post(
    `${detail}archive/`,
    { config, schema: { tags, summary: summaries.archive, params: params.group } },
    act((ctx, scope, id) => service.archive(ctx, scope, id)),
  );

  app.get(
    `${projectPath}/archived-${kind}s/`,
    {
      config,
      schema: {
        tags,
        summary: summaries.archived,
        params: projectParams,
        querystring: listQuery,
        response: { 200: pageEnvelope(spec.out) },
      },
    },
    async (request) => {
      const page = parsePage(request.query);
      const { rows, total } = await spec.listArchived(projectScopeOf(request), fetchWindow(page));
      return presenter.page(request, page, rows, total, spec.toOut);
    },
  );

  app.delete(
    `${projectPath}/archived-${kind}s/${uuidParam(`${kind}_id`)}/unarchive/`,
    { config, schema: { tags, summary: summaries.unarchive, params: params.group } },
    act((ctx, scope, id) => service.unarchive(ctx, scope, id)),
  );

  app.get(
    items,
    {
      config,
      schema: {
        tags,
        summary: summaries.items,
        params: params.group,
        querystring: listQuery,
        response: { 200: pageEnvelope(workItemOut) },
      },
    },
    async (request) => {
      const page = parsePage(request.query);
      const order = parseOrdering(request.query.order_by, spec.itemSortKeys, 'created_at');
      const scope = projectScopeOf(request);
      const { rows, total } = await spec.listItems(scope, idOf(request), order, fetchWindow(page));
      return presenter.page(request, page, rows, total, toWorkItemOut);
    },
  );

  app.post(
    items,
    {
      config,
      schema: {
        tags,
        summary: summaries.addItems,
        params: params.group,
        body: itemLinksBody,
        response: { 200: z.array(spec.linkOut) },
      },
    },
    async (request) => {
      const scope = projectScopeOf(request);
      const links = await service.addItems(changeContext(request), scope, idOf(request), request.body.issues);
      return links.map((l) => presenter.plain(request, l, spec.toLinkOut));
    },
  );

  app.delete(
    `${items}${uuidParam('issue_id')}/`,
    { config, schema: { tags, summary: summaries.removeItem, params: params.link } },
    async (request, reply) => {
      const scope = projectScopeOf(request);
      await service.removeItem(changeContext(request), scope, idOf(request), request.params.issue_id);
      return reply.status(204).send();
    },
  );
}
