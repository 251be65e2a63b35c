import { liveKeys } from '@/lib/realtime.ts';

/** Every agent query sits under one root, which live events patch and invalidate (lib/realtime.ts). */
export const agentKeys = {
  root: liveKeys.agents,
  agents: (slug: string) => [...liveKeys.agents(slug), 'list'] as const,
  agent: (slug: string, id: string) => [...liveKeys.agents(slug), 'agent', id] as const,
  tasks: (slug: string, filters: TaskFilters) => [...liveKeys.agents(slug), 'tasks', filters] as const,
  task: (slug: string, id: string) => [...liveKeys.agents(slug), 'task', id] as const,
  executions: (slug: string) => [...liveKeys.agents(slug), 'executions'] as const,
  execution: (slug: string, id: string) => [...liveKeys.agents(slug), 'executions', id] as const,
};

export interface TaskFilters {
  status?: string;
  agent_id?: string;
}

export const agentsApiPath = (slug: string) => `/api/v1/workspaces/${encodeURIComponent(slug)}`;
