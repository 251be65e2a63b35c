import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';
import { agentsApiPath } from './keys.ts';
import type { AgentKind } from './types.ts';

/** The agent kinds this server runs; they change only with a deploy, so they are read once. */
export const useAgentKinds = (slug: string) =>
  useQuery({
    queryKey: ['agent-kinds', slug],
    queryFn: ({ signal }) => api<AgentKind[]>(`${agentsApiPath(slug)}/agent-kinds`, { signal }),
    staleTime: Infinity,
  });
