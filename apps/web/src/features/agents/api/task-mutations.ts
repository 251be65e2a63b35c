import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';
import { agentKeys, agentsApiPath } from './keys.ts';
import type { AgentTask } from './types.ts';

export interface CreateTaskBody {
  agent_id: string;
  task_type: string;
  input: Record<string, unknown>;
  description?: string;
  priority?: number;
  requires_human_approval?: boolean;
}

export function useCreateTask(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTaskBody) =>
      api<AgentTask>(`${agentsApiPath(slug)}/agent-tasks`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agentKeys.root(slug) }),
  });
}

type Decision =
  | { action: 'approve'; comment?: string }
  | { action: 'reject'; reason: string }
  | { action: 'cancel'; reason?: string };

/** Approve, reject (with a reason) or cancel a task; the answer is the task as it now is. */
export function useDecideTask(slug: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, ...body }: Decision) =>
      api<AgentTask>(`${agentsApiPath(slug)}/agent-tasks/${id}/${action}`, {
        method: 'POST',
        body: Object.values(body).some(Boolean) ? body : {},
      }),
    onSuccess: (task) => {
      queryClient.setQueryData(agentKeys.task(slug, id), task);
      return queryClient.invalidateQueries({ queryKey: agentKeys.root(slug) });
    },
  });
}
