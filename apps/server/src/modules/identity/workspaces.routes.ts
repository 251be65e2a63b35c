import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ActivityRepository } from '../../platform/events/activity.repository.ts';
import { activityOut, toActivityOut } from '../../platform/events/activity.dto.ts';
import { authenticated, permission, publicAccess } from '../../platform/http/access.ts';
import {
  acceptInvitationBody,
  activityQuery,
  changeRoleBody,
  createWorkspaceBody,
  invitationOut,
  invitationParams,
  invitationTokenParams,
  inviteBody,
  memberOut,
  memberParams,
  roleSchema,
  slugParams,
  toInvitationOut,
  toMemberOut,
  toWorkspaceOut,
  updateWorkspaceBody,
  workspaceOut,
} from './identity.dto.ts';
import type { InvitationsService } from './invitations.service.ts';
import type { MembersService } from './members.service.ts';
import { changeContext, principalOf, workspaceAccessOf } from './principal.ts';
import type { WorkspacesService } from './workspaces.service.ts';

export interface WorkspaceRoutesDeps {
  workspaces: WorkspacesService;
  members: MembersService;
  invitations: InvitationsService;
  activity: ActivityRepository;
}

export async function workspaceRoutes(root: FastifyInstance, deps: WorkspaceRoutesDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['workspaces'];
  const can = (name: string) => ({ access: permission(name) });

  app.get(
    '/api/workspaces',
    {
      config: { access: authenticated },
      schema: { tags, summary: 'Workspaces you belong to', response: { 200: z.array(workspaceOut) } },
    },
    async (request) => {
      const principal = principalOf(request);
      const scope = principal.kind === 'api_key' ? principal.token.workspaceId : null;
      const rows = await deps.workspaces.listForUser(principal.user.id);
      return rows.filter((w) => !scope || w.id === scope).map(toWorkspaceOut);
    },
  );

  app.post(
    '/api/workspaces',
    {
      config: { access: authenticated },
      schema: {
        tags,
        summary: 'Create a workspace; you become its owner',
        body: createWorkspaceBody,
        response: { 201: workspaceOut },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const workspace = await deps.workspaces.create(changeContext(request), principal.user.id, request.body);
      return reply.status(201).send(toWorkspaceOut({ ...workspace, role: 'owner' }));
    },
  );

  app.get(
    '/api/workspaces/:slug',
    { config: can('workspace.view'), schema: { tags, params: slugParams, response: { 200: workspaceOut } } },
    async (request) => {
      const { workspace, role } = workspaceAccessOf(request);
      return toWorkspaceOut({ ...workspace, role });
    },
  );

  app.patch(
    '/api/workspaces/:slug',
    {
      config: can('workspace.settings'),
      schema: { tags, params: slugParams, body: updateWorkspaceBody, response: { 200: workspaceOut } },
    },
    async (request) => {
      const { workspace, role } = workspaceAccessOf(request);
      const updated = await deps.workspaces.update(changeContext(request), workspace, request.body);
      return toWorkspaceOut({ ...updated, role });
    },
  );

  app.delete(
    '/api/workspaces/:slug',
    {
      config: can('workspace.delete'),
      schema: { tags, summary: 'Delete the workspace and everything in it', params: slugParams },
    },
    async (request, reply) => {
      await deps.workspaces.delete(changeContext(request), workspaceAccessOf(request).workspace);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/workspaces/:slug/members',
    {
      config: can('workspace.view'),
      schema: { tags, params: slugParams, response: { 200: z.array(memberOut) } },
    },
    async (request) => (await deps.members.list(workspaceAccessOf(request).workspace)).map(toMemberOut),
  );

  app.patch(
    '/api/workspaces/:slug/members/:user_id',
    {
      config: can('members.manage'),
      schema: { tags, summary: "Change a member's role", params: memberParams, body: changeRoleBody },
    },
    async (request, reply) => {
      const { workspace, role } = workspaceAccessOf(request);
      await deps.members.changeRole(
        changeContext(request),
        workspace,
        role,
        request.params.user_id,
        request.body.role,
      );
      return reply.status(204).send();
    },
  );

  app.delete(
    '/api/workspaces/:slug/members/:user_id',
    { config: can('members.manage'), schema: { tags, summary: 'Remove a member', params: memberParams } },
    async (request, reply) => {
      const { workspace, role } = workspaceAccessOf(request);
      await deps.members.remove(changeContext(request), workspace, role, request.params.user_id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/workspaces/:slug/leave',
    { config: can('workspace.view'), schema: { tags, summary: 'Leave the workspace', params: slugParams } },
    async (request, reply) => {
      await deps.members.leave(
        changeContext(request),
        workspaceAccessOf(request).workspace,
        principalOf(request).user.id,
      );
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/workspaces/:slug/invitations',
    {
      config: can('members.manage'),
      schema: { tags, params: slugParams, response: { 200: z.array(invitationOut) } },
    },
    async (request) =>
      (await deps.invitations.listPending(workspaceAccessOf(request).workspace)).map(toInvitationOut),
  );

  app.post(
    '/api/workspaces/:slug/invitations',
    {
      config: can('members.manage'),
      schema: {
        tags,
        summary: 'Invite someone by e-mail; the accept link is mailed and returned once',
        params: slugParams,
        body: inviteBody,
        response: { 201: invitationOut.extend({ accept_url: z.string() }) },
      },
    },
    async (request, reply) => {
      const { workspace, role } = workspaceAccessOf(request);
      const principal = principalOf(request);
      const { invitation, acceptUrl } = await deps.invitations.invite(
        changeContext(request),
        workspace,
        role,
        request.body,
        principal.user.name,
      );
      return reply.status(201).send({ ...toInvitationOut(invitation), accept_url: acceptUrl });
    },
  );

  app.delete(
    '/api/workspaces/:slug/invitations/:invitation_id',
    {
      config: can('members.manage'),
      schema: { tags, summary: 'Withdraw an invitation', params: invitationParams },
    },
    async (request, reply) => {
      await deps.invitations.revoke(
        changeContext(request),
        workspaceAccessOf(request).workspace,
        request.params.invitation_id,
      );
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/workspaces/:slug/activity',
    {
      config: can('workspace.view'),
      schema: {
        tags,
        summary: 'Audit trail of the workspace, newest first',
        params: slugParams,
        querystring: activityQuery,
        response: {
          200: z.object({ results: z.array(activityOut), next_before: z.number().int().nullable() }),
        },
      },
    },
    async (request) => {
      const { workspace } = workspaceAccessOf(request);
      const page = await deps.activity.list(workspace.id, {
        limit: request.query.per_page,
        before: request.query.before,
      });
      return { results: page.rows.map(toActivityOut), next_before: page.nextBefore };
    },
  );

  app.get(
    '/api/invitations/:token',
    {
      config: { access: publicAccess },
      schema: {
        tags,
        summary: 'What an invitation link is for (no sign-in needed)',
        params: invitationTokenParams,
        response: {
          200: z.object({
            workspace: z.object({ slug: z.string(), name: z.string() }),
            email: z.string(),
            role: roleSchema,
            expires_at: z.date(),
          }),
        },
      },
    },
    async (request) => deps.invitations.preview(request.params.token),
  );

  app.post(
    '/api/invitations/accept',
    {
      config: { access: authenticated },
      schema: {
        tags,
        summary: 'Accept an invitation as the signed-in user',
        body: acceptInvitationBody,
        response: { 200: workspaceOut },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const workspace = await deps.invitations.accept(
        changeContext(request),
        principal.user,
        request.body.token,
      );
      const membership = (await deps.workspaces.listForUser(principal.user.id)).find(
        (w) => w.id === workspace.id,
      );
      return toWorkspaceOut(membership ?? workspace);
    },
  );
}
