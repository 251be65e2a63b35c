import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permission } from '../../platform/http/access.ts';
import { pageEnvelope } from '../../platform/http/pagination.ts';
import { changeContext } from '../identity/index.ts';
import { detailQuery, listQuery, projectParams, projectPath, uuidParam } from './dto-common.ts';
import { createIntakeBody, intakeOut, toIntakeOut, updateIntakeBody } from './intake.dto.ts';
import { planeRouteConfig } from './plane/conventions.ts';
import { fetchWindow, parsePage } from './plane/pagination.ts';
import type { PlaneApiDeps } from './plane-api.ts';
import { projectScopeOf } from './request-context.ts';

const tags = ['plane: intake'];
// ProjectLite: every project member, guests included, for every method; triage itself is for project admins.
const config = planeRouteConfig(permission('workspace.view'), { project: 'lite' as const });
const itemParams = projectParams.extend({ issue_id: z.uuid() });
const list = `${projectPath}/intake-issues/`;
const detail = `${list}${uuidParam('issue_id')}/`;

export async function intakeRoutes(root: FastifyInstance, deps: PlaneApiDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { intake, presenter } = deps;

  app.get(
    list,
    {
      config,
      schema: {
        tags,
        summary: 'The triage queue, newest first (empty while intake is off)',
        params: projectParams,
        querystring: listQuery,
        response: { 200: pageEnvelope(intakeOut) },
      },
    },
    async (request) => {
      const page = parsePage(request.query);
      const { rows, total } = await intake.list(projectScopeOf(request), fetchWindow(page));
      return presenter.page(request, page, rows, total, toIntakeOut);
    },
  );

  app.post(
    list,
    {
      config,
      schema: {
        tags,
        summary: 'Submit a work item to the queue: `{issue: {name, description_html?, priority?}}`',
        params: projectParams,
        body: createIntakeBody,
        response: { 201: intakeOut },
      },
    },
    async (request, reply) => {
      const record = await intake.create(changeContext(request), projectScopeOf(request), request.body.issue);
      return reply.status(201).send(presenter.plain(request, record, toIntakeOut));
    },
  );

  app.get(
    detail,
    {
      config,
      schema: {
        tags,
        summary: "A submission, by its work item's id",
        params: itemParams,
        querystring: detailQuery,
        response: { 200: intakeOut },
      },
    },
    async (request) => {
      const record = await intake.get(projectScopeOf(request), request.params.issue_id);
      return presenter.detail(request, record, toIntakeOut);
    },
  );

  app.patch(
    detail,
    {
      config,
      schema: {
        tags,
        summary:
          'Edit a submission (`issue`); project admins triage it: status 1 accept, -1 decline, 0 snooze, 2 duplicate',
        params: itemParams,
        body: updateIntakeBody,
        response: { 200: intakeOut },
      },
    },
    async (request) => {
      const record = await intake.update(
        changeContext(request),
        projectScopeOf(request),
        request.params.issue_id,
        request.body,
      );
      return presenter.plain(request, record, toIntakeOut);
    },
  );

  app.delete(
    detail,
    {
      config,
      schema: {
        tags,
        summary: 'Remove a submission; one not accepted takes its work item with it',
        params: itemParams,
      },
    },
    async (request, reply) => {
      await intake.delete(changeContext(request), projectScopeOf(request), request.params.issue_id);
      return reply.status(204).send();
    },
  );
}
