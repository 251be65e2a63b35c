import { queryOptions, useQuery } from '@tanstack/react-query';
import { planeListAll, projectApiPath } from '@/lib/plane-client.ts';
import type { Activity } from '@/lib/plane-types.ts';
import { workKeys } from './keys.ts';

/** The item's history, field by field, oldest first. */
export const activitiesQuery = (slug: string, projectId: string, itemId: string) =>
  queryOptions({
    queryKey: [...workKeys.item(slug, projectId, itemId), 'activities'],
    queryFn: ({ signal }) =>
      planeListAll<Activity>(`${projectApiPath(slug, projectId)}/work-items/${itemId}/activities/`, {
        signal,
        query: { order_by: 'created_at' },
      }),
  });

export const useActivities = (slug: string, projectId: string, itemId: string) =>
  useQuery(activitiesQuery(slug, projectId, itemId));
