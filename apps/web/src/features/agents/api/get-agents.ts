import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';
import { agentKeys, agentsApiPath } from './keys.ts';
import type { Agent, Page } from './types.ts';

export const agentsQuery = (slug: string) =>
  queryOptions({
    queryKey: agentKeys.agents(slug),
    queryFn: async ({ signal }) =>
      (await api<Page<Agent>>(`${agentsApiPath(slug)}/agents`, { signal, query: { per_page: 1000 } }))
        .results,
  });

export const useAgents = (slug: string) => useQuery(agentsQuery(slug));
