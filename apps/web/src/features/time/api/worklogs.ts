import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { planeApi, projectApiPath } from '@/lib/plane-client.ts';
import type { ItemTimeTotal, Worklog } from '@/lib/plane-types.ts';

const logsPath = (slug: string, projectId: string, itemId: string) =>
  `${projectApiPath(slug, projectId)}/work-items/${itemId}/worklogs/`;

export const timeKeys = {
  all: (slug: string, projectId: string) => ['plane', slug, projectId, 'time'] as const,
  item: (slug: string, projectId: string, itemId: string) =>
    ['plane', slug, projectId, 'time', 'item', itemId] as const,
  totals: (slug: string, projectId: string, cycleId?: string) =>
    ['plane', slug, projectId, 'time', 'totals', cycleId ?? 'project'] as const,
};

/** The item's logged time, newest first. */
export const worklogsQuery = (slug: string, projectId: string, itemId: string) =>
  queryOptions({
    queryKey: timeKeys.item(slug, projectId, itemId),
    queryFn: ({ signal }) => planeApi<Worklog[]>(logsPath(slug, projectId, itemId), { signal }),
  });

export const useWorklogs = (slug: string, projectId: string, itemId: string, enabled: boolean) =>
  useQuery({ ...worklogsQuery(slug, projectId, itemId), enabled });

/** Minutes per work item of the project, or of one cycle's items. */
export const timeTotalsQuery = (slug: string, projectId: string, cycleId?: string) =>
  queryOptions({
    queryKey: timeKeys.totals(slug, projectId, cycleId),
    queryFn: ({ signal }) =>
      planeApi<ItemTimeTotal[]>(`${projectApiPath(slug, projectId)}/total-worklogs/`, {
        signal,
        query: { cycle_id: cycleId },
      }),
    staleTime: 0,
  });

export const useTimeTotals = (slug: string, projectId: string, cycleId?: string) =>
  useQuery(timeTotalsQuery(slug, projectId, cycleId));

export function useLogTime(slug: string, projectId: string, itemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { duration: number; description: string }) =>
      planeApi<Worklog>(logsPath(slug, projectId, itemId), { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: timeKeys.all(slug, projectId) }),
  });
}

export function useDeleteWorklog(slug: string, projectId: string, itemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      planeApi<void>(`${logsPath(slug, projectId, itemId)}${id}/`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: timeKeys.all(slug, projectId) }),
  });
}

export const sumMinutes = (rows: Array<{ duration: number }>) => rows.reduce((n, r) => n + r.duration, 0);
