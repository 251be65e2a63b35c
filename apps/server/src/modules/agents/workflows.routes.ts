import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageEnvelope } from '../../platform/http/pagination.ts';
import {
  access,
  listPage,
  routeOptions,
  workspaceBase as base,
  workspaceIdOf,
  writeScope,
} from './route-kit.ts';
import {
  approveBody,
  cancelBody,
  createWorkflowBody,
  deploymentPipelineBody,
  executionListQuery,
  executionOut,
  executionParams,
  rejectBody,
  runBody,
  slugParams,
  stepParams,
  toExecutionOut,
  toWorkflowOut,
  updateWorkflowBody,
  workflowListQuery,
  workflowOut,
  workflowParams,
} from './workflows.dto.ts';
import type { ExecutionView, WorkflowsService } from './workflows.service.ts';
import type { WorkflowTemplates } from './workflow-templates.ts';

export interface WorkflowRoutesDeps {
  service: WorkflowsService;
  templates: WorkflowTemplates;
}

const executionJson = ({ execution, steps }: ExecutionView) => toExecutionOut(execution, steps);
const route = routeOptions(['workflows']);
const { view, spawn, approve } = access;

export async function workflowRoutes(root: FastifyInstance, { service, templates }: WorkflowRoutesDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    `${base}/workflows/templates/deployment-pipeline`,
    route(spawn, {
      summary: 'Make the deployment pipeline (pre-checks → deploy → monitor → notify) as a workflow',
      params: slugParams,
      body: deploymentPipelineBody,
      response: { 201: workflowOut },
    }),
    async (request, reply) => {
      const { body } = request;
      const workflow = await templates.deploymentPipeline(...writeScope(request), {
        name: body.name,
        deployHookId: body.deploy_hook_id,
        coordinatorAgentId: body.coordinator_agent_id,
        projectId: body.project_id,
        monitorTimeoutSeconds: body.monitor_timeout_seconds,
        deployAttempts: body.deploy_attempts,
        deployBackoffSeconds: body.deploy_backoff_seconds,
      });
      return reply.status(201).send(toWorkflowOut(workflow));
    },
  );

  app.get(
    `${base}/workflows`,
    route(view, {
      summary: 'Workflow definitions of the workspace',
      params: slugParams,
      querystring: workflowListQuery,
      response: { 200: pageEnvelope(workflowOut) },
    }),
    async (request) =>
      listPage(
        request.query,
        (window) => service.listWorkflows(workspaceIdOf(request), window),
        toWorkflowOut,
      ),
  );

  app.post(
    `${base}/workflows`,
    route(spawn, {
      summary: 'Define a workflow: steps run by agents or built-in actions, approvals, event waits, sleeps',
      params: slugParams,
      body: createWorkflowBody,
      response: { 201: workflowOut },
    }),
    async (request, reply) => {
      const { body } = request;
      const workflow = await service.createWorkflow(...writeScope(request), {
        name: body.name,
        description: body.description,
        steps: body.steps,
      });
      return reply.status(201).send(toWorkflowOut(workflow));
    },
  );

  app.get(
    `${base}/workflows/:workflow_id`,
    route(view, { params: workflowParams, response: { 200: workflowOut } }),
    async (request) =>
      toWorkflowOut(await service.getWorkflow(workspaceIdOf(request), request.params.workflow_id)),
  );

  app.patch(
    `${base}/workflows/:workflow_id`,
    route(spawn, {
      summary: 'Rename or redefine a workflow (new steps apply to executions started afterwards)',
      params: workflowParams,
      body: updateWorkflowBody,
      response: { 200: workflowOut },
    }),
    async (request) => {
      const { body } = request;
      const workflow = await service.updateWorkflow(...writeScope(request), request.params.workflow_id, {
        name: body.name,
        description: body.description,
        steps: body.steps,
      });
      return toWorkflowOut(workflow);
    },
  );

  app.delete(
    `${base}/workflows/:workflow_id`,
    route(spawn, { summary: 'Delete a workflow (its executions run on)', params: workflowParams }),
    async (request, reply) => {
      await service.deleteWorkflow(...writeScope(request), request.params.workflow_id);
      return reply.status(204).send();
    },
  );

  app.post(
    `${base}/workflows/:workflow_id/run`,
    route(spawn, {
      summary: 'Start an execution of the workflow with an optional input',
      params: workflowParams,
      body: runBody,
      response: { 201: executionOut },
    }),
    async (request, reply) => {
      const input = request.body?.input ?? {};
      const execution = await service.run(...writeScope(request), request.params.workflow_id, input);
      return reply.status(201).send(executionJson(execution));
    },
  );

  app.get(
    `${base}/workflow-executions`,
    route(view, {
      summary: 'Executions, newest first, each with its step timeline',
      params: slugParams,
      querystring: executionListQuery,
      response: { 200: pageEnvelope(executionOut) },
    }),
    async (request) => {
      const filter = { workflowId: request.query.workflow_id, statuses: request.query.status };
      return listPage(
        request.query,
        (window) => service.listExecutions(workspaceIdOf(request), filter, window),
        executionJson,
      );
    },
  );

  app.get(
    `${base}/workflow-executions/:execution_id`,
    route(view, { params: executionParams, response: { 200: executionOut } }),
    async (request) =>
      executionJson(await service.getExecution(workspaceIdOf(request), request.params.execution_id)),
  );

  app.post(
    `${base}/workflow-executions/:execution_id/cancel`,
    route(spawn, {
      summary: 'Cancel an execution that has not ended, and the agent tasks its steps run',
      params: executionParams,
      body: cancelBody,
      response: { 200: executionOut },
    }),
    async (request) =>
      executionJson(
        await service.cancel(...writeScope(request), request.params.execution_id, request.body?.reason),
      ),
  );

  app.post(
    `${base}/workflow-executions/:execution_id/steps/:step_key/approve`,
    route(approve, {
      summary: 'Approve an approval step that waits; the execution goes on',
      params: stepParams,
      body: approveBody,
      response: { 200: executionOut },
    }),
    async (request) => {
      const { execution_id: executionId, step_key: stepKey } = request.params;
      const comment = request.body?.comment;
      return executionJson(await service.approve(...writeScope(request), executionId, stepKey, comment));
    },
  );

  app.post(
    `${base}/workflow-executions/:execution_id/steps/:step_key/reject`,
    route(approve, {
      summary: 'Reject an approval step with a reason; a blocking step fails the execution',
      params: stepParams,
      body: rejectBody,
      response: { 200: executionOut },
    }),
    async (request) => {
      const { execution_id: executionId, step_key: stepKey } = request.params;
      const reason = request.body.reason;
      return executionJson(await service.reject(...writeScope(request), executionId, stepKey, reason));
    },
  );
}
