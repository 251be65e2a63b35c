import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';
import { agentKeys, agentsApiPath } from './keys.ts';
import type { Page, WorkflowExecution } from './types.ts';

/** Workflow executions, newest first, each with its step timeline (the latest 100). */
export const executionsQuery = (slug: string) =>
  queryOptions({
    queryKey: agentKeys.executions(slug),
    queryFn: async ({ signal }) =>
      (
        await api<Page<WorkflowExecution>>(`${agentsApiPath(slug)}/workflow-executions`, {
          signal,
          query: { per_page: 100 },
        })
      ).results,
  });

export const useExecutions = (slug: string) => useQuery(executionsQuery(slug));

/** Answers an approval step of an execution: approve (optional comment) or reject (with a reason). */
export function useDecideStep(slug: string, executionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ step, action, text }: { step: string; action: 'approve' | 'reject'; text?: string }) =>
      api<WorkflowExecution>(
        `${agentsApiPath(slug)}/workflow-executions/${executionId}/steps/${step}/${action}`,
        {
          method: 'POST',
          body: action === 'reject' ? { reason: text } : text ? { comment: text } : {},
        },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agentKeys.executions(slug) }),
  });
}
