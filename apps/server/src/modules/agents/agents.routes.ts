import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { permission } from '../../platform/http/access.ts';
import { changeContext, workspaceAccessOf } from '../identity/index.ts';
import {
  agentListQuery,
  agentOut,
  agentParams,
  approveBody,
  cancelBody,
  createAgentBody,
  createTaskBody,
  rejectBody,
  slugParams,
  taskListQuery,
  taskOut,
  taskParams,
  toAgentOut,
  toTaskOut,
  updateAgentBody,
  workspaceTaskListQuery,
} from './agents.dto.ts';
import type { AgentsService } from './agents.service.ts';
import { pageEnvelope, toPage } from '../../platform/http/pagination.ts';
import { pageRequest } from './pagination.ts';
import type { AgentKindRegistry } from './registry.ts';

export interface AgentRoutesDeps {
  service: AgentsService;
  kinds: AgentKindRegistry;
}

const base = '/api/v1/workspaces/:slug';

export async function agentRoutes(root: FastifyInstance, { service, kinds }: AgentRoutesDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['agents'];
  const view = { access: permission('workspace.view') };
  const spawn = { access: permission('agents.spawn') };
  const approve = { access: permission('agent_tasks.approve') };
  const agentJson = (agent: Parameters<typeof toAgentOut>[0]) => toAgentOut(agent, kinds);

  app.get(
    `${base}/agents`,
    {
      config: view,
      schema: {
        tags,
        summary: 'Agents of the workspace with status and stats',
        params: slugParams,
        querystring: agentListQuery,
        response: { 200: pageEnvelope(agentOut) },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const { rows, total } = await service.listAgents(
        workspaceAccessOf(request).workspace.id,
        { status: request.query.status, agentType: request.query.agent_type },
        { offset: page.offset, limit: page.perPage },
      );
      return toPage(page, rows.map(agentJson), total);
    },
  );

  app.post(
    `${base}/agents`,
    {
      config: spawn,
      schema: {
        tags,
        summary: 'Create an agent of an installed type',
        params: slugParams,
        body: createAgentBody,
        response: { 201: agentOut },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const agent = await service.createAgent(
        changeContext(request),
        workspaceAccessOf(request).workspace.id,
        {
          name: body.name,
          agentType: body.agent_type,
          configuration: body.configuration,
          maxConcurrency: body.max_concurrency,
        },
      );
      return reply.status(201).send(agentJson(agent));
    },
  );

  app.get(
    `${base}/agents/:agent_id`,
    { config: view, schema: { tags, params: agentParams, response: { 200: agentOut } } },
    async (request) =>
      agentJson(await service.getAgent(workspaceAccessOf(request).workspace.id, request.params.agent_id)),
  );

  app.patch(
    `${base}/agents/:agent_id`,
    {
      config: spawn,
      schema: {
        tags,
        summary: 'Rename, configure, disable (status "disabled") or enable/reset (status "idle") an agent',
        params: agentParams,
        body: updateAgentBody,
        response: { 200: agentOut },
      },
    },
    async (request) => {
      const { body } = request;
      const agent = await service.updateAgent(
        changeContext(request),
        workspaceAccessOf(request).workspace.id,
        request.params.agent_id,
        {
          name: body.name,
          configuration: body.configuration,
          maxConcurrency: body.max_concurrency,
          status: body.status,
        },
      );
      return agentJson(agent);
    },
  );

  app.delete(
    `${base}/agents/:agent_id`,
    { config: spawn, schema: { tags, summary: 'Delete an agent and its tasks', params: agentParams } },
    async (request, reply) => {
      await service.deleteAgent(
        changeContext(request),
        workspaceAccessOf(request).workspace.id,
        request.params.agent_id,
      );
      return reply.status(204).send();
    },
  );

  app.get(
    `${base}/agents/:agent_id/tasks`,
    {
      config: view,
      schema: {
        tags,
        summary: "The agent's tasks, newest first",
        params: agentParams,
        querystring: taskListQuery,
        response: { 200: pageEnvelope(taskOut) },
      },
    },
    async (request) => {
      const workspaceId = workspaceAccessOf(request).workspace.id;
      const agent = await service.getAgent(workspaceId, request.params.agent_id);
      const page = pageRequest(request.query);
      const { rows, total } = await service.listTasks(
        workspaceId,
        { agentId: agent.id, statuses: request.query.status },
        { offset: page.offset, limit: page.perPage },
      );
      return toPage(page, rows.map(toTaskOut), total);
    },
  );

  app.get(
    `${base}/agent-tasks`,
    {
      config: view,
      schema: {
        tags,
        summary: 'Tasks of every agent of the workspace, newest first',
        params: slugParams,
        querystring: workspaceTaskListQuery,
        response: { 200: pageEnvelope(taskOut) },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const { rows, total } = await service.listTasks(
        workspaceAccessOf(request).workspace.id,
        { agentId: request.query.agent_id, statuses: request.query.status },
        { offset: page.offset, limit: page.perPage },
      );
      return toPage(page, rows.map(toTaskOut), total);
    },
  );

  app.post(
    `${base}/agent-tasks`,
    {
      config: spawn,
      schema: {
        tags,
        summary: 'Give an agent a task; the same idempotency_key returns the first task (200)',
        params: slugParams,
        body: createTaskBody,
        response: { 200: taskOut, 201: taskOut },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const { task, created } = await service.createTask(
        changeContext(request),
        workspaceAccessOf(request).workspace.id,
        body.agent_id,
        {
          taskType: body.task_type,
          input: body.input,
          description: body.description,
          priority: body.priority,
          requiresApproval: body.requires_human_approval,
          maxAttempts: body.max_attempts,
          timeoutSeconds: body.timeout_seconds,
          retryBackoffSeconds: body.retry_backoff_seconds,
          idempotencyKey: body.idempotency_key,
        },
      );
      return reply.status(created ? 201 : 200).send(toTaskOut(task));
    },
  );

  app.get(
    `${base}/agent-tasks/:task_id`,
    { config: view, schema: { tags, params: taskParams, response: { 200: taskOut } } },
    async (request) =>
      toTaskOut(await service.getTask(workspaceAccessOf(request).workspace.id, request.params.task_id)),
  );

  app.post(
    `${base}/agent-tasks/:task_id/approve`,
    {
      config: approve,
      schema: {
        tags,
        summary: 'Approve a task that needs approval',
        params: taskParams,
        body: approveBody,
        response: { 200: taskOut },
      },
    },
    async (request) =>
      toTaskOut(
        await service.approve(
          changeContext(request),
          workspaceAccessOf(request).workspace.id,
          request.params.task_id,
          request.body?.comment,
        ),
      ),
  );

  app.post(
    `${base}/agent-tasks/:task_id/reject`,
    {
      config: approve,
      schema: {
        tags,
        summary: 'Reject a task that needs approval; the reason goes back to the agent',
        params: taskParams,
        body: rejectBody,
        response: { 200: taskOut },
      },
    },
    async (request) =>
      toTaskOut(
        await service.reject(
          changeContext(request),
          workspaceAccessOf(request).workspace.id,
          request.params.task_id,
          request.body.reason,
        ),
      ),
  );

  app.post(
    `${base}/agent-tasks/:task_id/cancel`,
    {
      config: spawn,
      schema: {
        tags,
        summary: 'Cancel a task that has not ended; a running one is stopped',
        params: taskParams,
        body: cancelBody,
        response: { 200: taskOut },
      },
    },
    async (request) =>
      toTaskOut(
        await service.cancel(
          changeContext(request),
          workspaceAccessOf(request).workspace.id,
          request.params.task_id,
          request.body?.reason,
        ),
      ),
  );
}
