import { useMutation, useQueryClient } from '@tanstack/react-query';
import { planeApi, projectApiPath } from '@/lib/plane-client.ts';
import type { Priority, WorkItem } from '@/lib/plane-types.ts';
import { workKeys } from './keys.ts';

export interface CreateWorkItemInput {
  name: string;
  state?: string;
  priority?: Priority;
  parent?: string;
  assignees?: string[];
  labels?: string[];
}

export function useCreateWorkItem(slug: string, projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateWorkItemInput) =>
      planeApi<WorkItem>(`${projectApiPath(slug, projectId)}/work-items/`, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workKeys.items(slug, projectId) }),
  });
}
