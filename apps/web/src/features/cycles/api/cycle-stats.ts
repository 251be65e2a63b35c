import { queryOptions, useQuery } from '@tanstack/react-query';
import { planeApi, projectApiPath } from '@/lib/plane-client.ts';
import { planKeys } from '@/lib/plane-plans.ts';
import type { CycleBurndown, CycleProgress } from '@/lib/plane-types.ts';

const path = (slug: string, projectId: string, id: string) =>
  `${projectApiPath(slug, projectId)}/cycles/${id}`;

/** Items and points per state group, now. */
export const cycleProgressQuery = (slug: string, projectId: string, id: string) =>
  queryOptions({
    queryKey: [...planKeys.cycles(slug, projectId), 'progress', id],
    staleTime: 0,
    queryFn: ({ signal }) => planeApi<CycleProgress>(`${path(slug, projectId, id)}/progress/`, { signal }),
  });

export const useCycleProgress = (slug: string, projectId: string, id: string) =>
  useQuery(cycleProgressQuery(slug, projectId, id));

/** Open items at the end of each day, with the ideal line; days to come have null counts. */
export const cycleBurndownQuery = (slug: string, projectId: string, id: string) =>
  queryOptions({
    queryKey: [...planKeys.cycles(slug, projectId), 'burndown', id],
    staleTime: 0,
    queryFn: ({ signal }) => planeApi<CycleBurndown>(`${path(slug, projectId, id)}/burndown/`, { signal }),
  });

export const useCycleBurndown = (slug: string, projectId: string, id: string) =>
  useQuery(cycleBurndownQuery(slug, projectId, id));
