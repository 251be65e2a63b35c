import { queryOptions, useQuery } from '@tanstack/react-query';
import { planeApi, projectApiPath } from '@/lib/plane-client.ts';
import type { WorkItem } from '@/lib/plane-types.ts';
import { workKeys } from './keys.ts';

export const workItemQuery = (slug: string, projectId: string, id: string) =>
  queryOptions({
    queryKey: workKeys.item(slug, projectId, id),
    queryFn: ({ signal }) =>
      planeApi<WorkItem>(`${projectApiPath(slug, projectId)}/work-items/${id}/`, { signal }),
  });

export const useWorkItem = (slug: string, projectId: string, id: string) =>
  useQuery(workItemQuery(slug, projectId, id));
