import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageEnvelope } from '../../platform/http/pagination.ts';
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
import type { AgentKindRegistry } from './registry.ts';
import {
  access,
  listPage,
  routeOptions,
  workspaceBase as base,
  workspaceIdOf,
  writeScope,
} from './route-kit.ts';

export interface AgentRoutesDeps {
  service: AgentsService;
  kinds: AgentKindRegistry;
}

const route = routeOptions(['agents']);
const { view, spawn, approve } = access;

const agentKindOut = z.object({
  agent_type: z.string(),
  role: z.string(),
  description: z.string(),
  capabilities: z.array(z.string()),
  /** Each task type with the JSON Schema of its input, so a client can build the form. */
  task_types: z.array(z.object({ task_type: z.string(), input_schema: z.record(z.string(), z.unknown()) })),
  configuration_schema: z.record(z.string(), z.unknown()),
  requires_approval: z.boolean(),
});

export async function agentRoutes(root: FastifyInstance, { service, kinds }: AgentRoutesDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const agentJson = (agent: Parameters<typeof toAgentOut>[0]) => toAgentOut(agent, kinds);

  // What this server can run: the same for every workspace, but only members ask.
  app.get(
    `${base}/agent-kinds`,
    route(view, {
      summary: 'The kinds of agent this server runs, with their task types and input schemas',
      params: slugParams,
      response: { 200: z.array(agentKindOut) },
    }),
    async () =>
      kinds.list().map((kind) => ({
        agent_type: kind.type,
        role: kind.role,
        description: kind.description,
        capabilities: kind.capabilities,
        task_types: Object.entries(kind.taskTypes).map(([taskType, schema]) => ({
          task_type: taskType,
          input_schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
        })),
        configuration_schema: z.toJSONSchema(kind.configuration, { io: 'input', unrepresentable: 'any' }),
        requires_approval: kind.defaults?.requiresApproval ?? false,
      })),
  );

  app.get(
    `${base}/agents`,
    route(view, {
      summary: 'Agents of the workspace with status and stats',
      params: slugParams,
      querystring: agentListQuery,
      response: { 200: pageEnvelope(agentOut) },
    }),
    async (request) => {
      const filter = { status: request.query.status, agentType: request.query.agent_type };
      return listPage(
        request.query,
        (window) => service.listAgents(workspaceIdOf(request), filter, window),
        agentJson,
      );
    },
  );

  app.post(
    `${base}/agents`,
    route(spawn, {
      summary: 'Create an agent of an installed type',
      params: slugParams,
      body: createAgentBody,
      response: { 201: agentOut },
    }),
    async (request, reply) => {
      const { body } = request;
      const agent = await service.createAgent(...writeScope(request), {
        name: body.name,
        agentType: body.agent_type,
        configuration: body.configuration,
        maxConcurrency: body.max_concurrency,
      });
      return reply.status(201).send(agentJson(agent));
    },
  );

  app.get(
    `${base}/agents/:agent_id`,
    route(view, { params: agentParams, response: { 200: agentOut } }),
    async (request) => agentJson(await service.getAgent(workspaceIdOf(request), request.params.agent_id)),
  );

  app.patch(
    `${base}/agents/:agent_id`,
    route(spawn, {
      summary: 'Rename, configure, disable (status "disabled") or enable/reset (status "idle") an agent',
      params: agentParams,
      body: updateAgentBody,
      response: { 200: agentOut },
    }),
    async (request) => {
      const { body } = request;
      const agent = await service.updateAgent(...writeScope(request), request.params.agent_id, {
        name: body.name,
        configuration: body.configuration,
        maxConcurrency: body.max_concurrency,
        status: body.status,
      });
      return agentJson(agent);
    },
  );

  app.delete(
    `${base}/agents/:agent_id`,
    route(spawn, { summary: 'Delete an agent and its tasks', params: agentParams }),
    async (request, reply) => {
      await service.deleteAgent(...writeScope(request), request.params.agent_id);
      return reply.status(204).send();
    },
  );

  app.get(
    `${base}/agents/:agent_id/tasks`,
    route(view, {
      summary: "The agent's tasks, newest first",
      params: agentParams,
      querystring: taskListQuery,
      response: { 200: pageEnvelope(taskOut) },
    }),
    async (request) => {
      const workspaceId = workspaceIdOf(request);
      const agent = await service.getAgent(workspaceId, request.params.agent_id);
      const filter = { agentId: agent.id, statuses: request.query.status };
      return listPage(request.query, (window) => service.listTasks(workspaceId, filter, window), toTaskOut);
    },
  );

  app.get(
    `${base}/agent-tasks`,
    route(view, {
      summary: 'Tasks of every agent of the workspace, newest first',
      params: slugParams,
      querystring: workspaceTaskListQuery,
      response: { 200: pageEnvelope(taskOut) },
    }),
    async (request) => {
      const filter = { agentId: request.query.agent_id, statuses: request.query.status };
      return listPage(
        request.query,
        (window) => service.listTasks(workspaceIdOf(request), filter, window),
        toTaskOut,
      );
    },
  );

  app.post(
    `${base}/agent-tasks`,
    route(spawn, {
      summary: 'Give an agent a task; the same idempotency_key returns the first task (200)',
      params: slugParams,
      body: createTaskBody,
      response: { 200: taskOut, 201: taskOut },
    }),
    async (request, reply) => {
      const { body } = request;
      const { task, created } = await service.createTask(...writeScope(request), body.agent_id, {
        taskType: body.task_type,
        input: body.input,
        description: body.description,
        priority: body.priority,
        requiresApproval: body.requires_human_approval,
        maxAttempts: body.max_attempts,
        timeoutSeconds: body.timeout_seconds,
        retryBackoffSeconds: body.retry_backoff_seconds,
        idempotencyKey: body.idempotency_key,
      });
      return reply.status(created ? 201 : 200).send(toTaskOut(task));
    },
  );

  app.get(
    `${base}/agent-tasks/:task_id`,
    route(view, { params: taskParams, response: { 200: taskOut } }),
    async (request) => toTaskOut(await service.getTask(workspaceIdOf(request), request.params.task_id)),
  );

  app.post(
    `${base}/agent-tasks/:task_id/approve`,
    route(approve, {
      summary: 'Approve a task that needs approval',
      params: taskParams,
      body: approveBody,
      response: { 200: taskOut },
    }),
    async (request) =>
      toTaskOut(await service.approve(...writeScope(request), request.params.task_id, request.body?.comment)),
  );

  app.post(
    `${base}/agent-tasks/:task_id/reject`,
    route(approve, {
      summary: 'Reject a task that needs approval; the reason goes back to the agent',
      params: taskParams,
      body: rejectBody,
      response: { 200: taskOut },
    }),
    async (request) =>
      toTaskOut(await service.reject(...writeScope(request), request.params.task_id, request.body.reason)),
  );

  app.post(
    `${base}/agent-tasks/:task_id/cancel`,
    route(spawn, {
      summary: 'Cancel a task that has not ended; a running one is stopped',
      params: taskParams,
      body: cancelBody,
      response: { 200: taskOut },
    }),
    async (request) =>
      toTaskOut(await service.cancel(...writeScope(request), request.params.task_id, request.body?.reason)),
  );
}
