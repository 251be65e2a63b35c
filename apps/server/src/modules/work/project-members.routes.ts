import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permission } from '../../platform/http/access.ts';
import { changeContext } from '../identity/index.ts';
import { projectParams, projectPath, toUserLite, userLiteOut, uuidParam } from './dto-common.ts';
import { planeRouteConfig } from './plane/conventions.ts';
import type { PlaneApiDeps } from './plane-api.ts';
import { projectMemberBody, projectMemberOut, projectMemberRoleBody } from './projects.dto.ts';
import type { ProjectMemberRow } from './project-members.repository.ts';
import { projectScopeOf } from './request-context.ts';

const tags = ['plane: project members'];
const config = planeRouteConfig(permission('workspace.view'), { project: 'members' as const });
const memberParams = projectParams.extend({ member_id: z.uuid() });
const toMembershipOut = (m: ProjectMemberRow) => ({ id: m.id, member: m.memberId, role: m.role });
const membershipWithPersonOut = z.object({ id: z.uuid(), member: userLiteOut, role: z.number().int() });

/** Served on both `members/` and `project-members/`, as Plane does. */
export async function projectMemberRoutes(root: FastifyInstance, deps: PlaneApiDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { projectMembers } = deps;

  // Agency OS's own: Plane lists members without their membership ids or roles, which a screen that changes a
  // role or removes someone needs.
  app.get(
    `${projectPath}/memberships/`,
    {
      config,
      schema: {
        tags,
        summary: 'Active project memberships with their roles (Agency OS)',
        params: projectParams,
        response: { 200: z.array(membershipWithPersonOut) },
      },
    },
    async (request) =>
      (await projectMembers.listActive(projectScopeOf(request))).map(({ membership, person }) => ({
        id: membership.id,
        member: toUserLite(person),
        role: membership.role,
      })),
  );

  for (const segment of ['members', 'project-members']) {
    const list = `${projectPath}/${segment}/`;
    const detail = `${projectPath}/${segment}/${uuidParam('member_id')}/`;

    app.get(
      list,
      {
        config,
        schema: {
          tags,
          summary: 'Project members (inactive ones included), without roles, as Plane lists them',
          params: projectParams,
          response: { 200: z.array(userLiteOut) },
        },
      },
      async (request) =>
        (await projectMembers.list(projectScopeOf(request))).map((m) => toUserLite(m.person)),
    );

    app.post(
      list,
      {
        config,
        schema: {
          tags,
          summary: 'Add a workspace member to the project (project admins)',
          params: projectParams,
          body: projectMemberBody,
          response: { 201: projectMemberOut },
        },
      },
      async (request, reply) => {
        const row = await projectMembers.add(changeContext(request), projectScopeOf(request), request.body);
        return reply.status(201).send(toMembershipOut(row));
      },
    );

    app.get(
      detail,
      { config, schema: { tags, params: memberParams, response: { 200: userLiteOut } } },
      async (request) =>
        toUserLite((await projectMembers.get(projectScopeOf(request), request.params.member_id)).person),
    );

    app.patch(
      detail,
      {
        config,
        schema: {
          tags,
          summary: "Change a member's project role",
          params: memberParams,
          body: projectMemberRoleBody,
          response: { 200: projectMemberOut },
        },
      },
      async (request) => {
        const scope = projectScopeOf(request);
        const row = await projectMembers.changeRole(
          changeContext(request),
          scope,
          request.params.member_id,
          request.body.role,
        );
        return toMembershipOut(row);
      },
    );

    app.delete(
      detail,
      { config, schema: { tags, summary: 'Remove a member (deactivates them)', params: memberParams } },
      async (request, reply) => {
        await projectMembers.remove(
          changeContext(request),
          projectScopeOf(request),
          request.params.member_id,
        );
        return reply.status(204).send();
      },
    );
  }
}
