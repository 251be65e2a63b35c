import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { permission } from '../../platform/http/access.ts';
import { pageEnvelope, pageRequest, toPage } from '../../platform/http/pagination.ts';
import { workspaceAccessOf } from '../identity/index.ts';
import { slugParams } from './agents.dto.ts';
import { messageListQuery, messageOut, toMessageOut } from './messages.dto.ts';
import type { MessagesRepository } from './messages.repository.ts';

export async function messageRoutes(root: FastifyInstance, { messages }: { messages: MessagesRepository }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/workspaces/:slug/agent-messages',
    {
      config: { access: permission('workspace.view') },
      schema: {
        tags: ['agents'],
        summary: 'Agent-to-agent messages (requests and their answers), newest first',
        params: slugParams,
        querystring: messageListQuery,
        response: { 200: pageEnvelope(messageOut) },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const { rows, total } = await messages.list(
        workspaceAccessOf(request).workspace.id,
        {
          agentId: request.query.agent_id,
          correlationId: request.query.correlation_id,
          messageType: request.query.message_type,
        },
        { offset: page.offset, limit: page.perPage },
      );
      return toPage(page, rows.map(toMessageOut), total);
    },
  );
}
