import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permission } from '../../platform/http/access.ts';
import { changeContext } from '../identity/index.ts';
import {
  detailQuery,
  listQuery,
  projectParams,
  projectPath,
  queryText,
  workspaceParams,
  workspacePath,
} from './dto-common.ts';
import { pageEnvelope } from '../../platform/http/pagination.ts';
import { planeRouteConfig } from './plane/conventions.ts';
import { parseOrdering } from './plane/ordering.ts';
import { fetchWindow, parsePage } from './plane/pagination.ts';
import type { PlaneApiDeps } from './plane-api.ts';
import {
  createProjectBody,
  projectOut,
  projectSummaryOut,
  toProjectOut,
  updateProjectBody,
} from './projects.dto.ts';
import type { ProjectWithStats } from './projects.repository.ts';
import { projectSortKeys } from './projects.service.ts';
import { projectScopeOf, workspaceScopeOf } from './request-context.ts';

const tags = ['plane: projects'];
const onProject = planeRouteConfig(permission('workspace.view'), { project: 'project' as const });
const listed = (p: ProjectWithStats, timeZone: string) => toProjectOut(p, timeZone, true);

export async function projectRoutes(root: FastifyInstance, deps: PlaneApiDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { projects, presenter } = deps;

  app.get(
    `${workspacePath}/projects/`,
    {
      config: planeRouteConfig(permission('workspace.view')),
      schema: {
        tags,
        summary: 'Projects you are a member of, and public ones',
        params: workspaceParams,
        querystring: listQuery,
        response: { 200: pageEnvelope(projectOut) },
      },
    },
    async (request) => {
      const page = parsePage(request.query);
      const order = parseOrdering(request.query.order_by, projectSortKeys, 'sort_order');
      const { rows, total } = await projects.list(workspaceScopeOf(request), order, fetchWindow(page));
      return presenter.page(request, page, rows, total, listed);
    },
  );

  app.post(
    `${workspacePath}/projects/`,
    {
      config: planeRouteConfig(permission('workspace.contribute')),
      schema: {
        tags,
        summary: 'Create a project (with its default states; you become its admin)',
        params: workspaceParams,
        body: createProjectBody,
        response: { 201: projectOut },
      },
    },
    async (request, reply) => {
      const project = await projects.create(changeContext(request), workspaceScopeOf(request), request.body);
      return reply.status(201).send(presenter.plain(request, project, toProjectOut));
    },
  );

  app.get(
    `${projectPath}/`,
    {
      config: onProject,
      schema: { tags, params: projectParams, querystring: detailQuery, response: { 200: projectOut } },
    },
    async (request) => {
      const project = await projects.get(workspaceScopeOf(request), request.params.project_id);
      return presenter.detail(request, project, toProjectOut);
    },
  );

  app.patch(
    `${projectPath}/`,
    {
      config: onProject,
      schema: { tags, params: projectParams, body: updateProjectBody, response: { 200: projectOut } },
    },
    async (request) => {
      const project = await projects.update(changeContext(request), projectScopeOf(request), request.body);
      return presenter.plain(request, project, toProjectOut);
    },
  );

  app.delete(
    `${projectPath}/`,
    { config: onProject, schema: { tags, summary: 'Delete the project', params: projectParams } },
    async (request, reply) => {
      await projects.delete(changeContext(request), projectScopeOf(request));
      return reply.status(204).send();
    },
  );

  // Plane guards the summary with its "workspace admin" check, which lets members in too.
  app.get(
    `${projectPath}/summary/`,
    {
      config: planeRouteConfig(permission('workspace.contribute')),
      schema: {
        tags,
        summary: 'Counts of members, states, labels, work items… of the project',
        params: projectParams,
        querystring: z.object({ fields: queryText }),
        response: { 200: projectSummaryOut },
      },
    },
    async (request) => {
      const asked = (request.query.fields ?? '').split(',').map((f) => f.trim());
      return projects.summary(workspaceScopeOf(request), request.params.project_id, asked);
    },
  );

  app.post(
    `${projectPath}/archive/`,
    { config: onProject, schema: { tags, summary: 'Archive the project', params: projectParams } },
    async (request, reply) => {
      await projects.archive(changeContext(request), projectScopeOf(request));
      return reply.status(204).send();
    },
  );

  app.delete(
    `${projectPath}/archive/`,
    { config: onProject, schema: { tags, summary: 'Unarchive the project', params: projectParams } },
    async (request, reply) => {
      await projects.unarchive(changeContext(request), projectScopeOf(request));
      return reply.status(204).send();
    },
  );
}
