import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';
import { agentKeys, agentsApiPath, type TaskFilters } from './keys.ts';
import type { AgentTask, Page } from './types.ts';

/** Tasks of the workspace, newest first (the latest 200), filtered by status and agent. */
export const tasksQuery = (slug: string, filters: TaskFilters = {}) =>
  queryOptions({
    queryKey: agentKeys.tasks(slug, filters),
    queryFn: ({ signal }) =>
      api<Page<AgentTask>>(`${agentsApiPath(slug)}/agent-tasks`, {
        signal,
        query: {
          per_page: 200,
          status: filters.status || undefined,
          agent_id: filters.agent_id || undefined,
        },
      }),
  });

export const useTasks = (slug: string, filters: TaskFilters = {}) =>
  useQuery({ ...tasksQuery(slug, filters), placeholderData: keepPreviousData });

export const taskQuery = (slug: string, id: string) =>
  queryOptions({
    queryKey: agentKeys.task(slug, id),
    queryFn: ({ signal }) => api<AgentTask>(`${agentsApiPath(slug)}/agent-tasks/${id}`, { signal }),
  });

export const useTask = (slug: string, id: string) => useQuery(taskQuery(slug, id));
