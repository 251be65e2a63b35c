import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { planeApi, planeListAll, projectApiPath } from '@/lib/plane-client.ts';
import { cyclesQuery, planKeys } from '@/lib/plane-plans.ts';
import type { Cycle } from '@/lib/plane-types.ts';

const cyclesPath = (slug: string, projectId: string) => `${projectApiPath(slug, projectId)}/cycles/`;

export const useCycles = (slug: string, projectId: string) => useQuery(cyclesQuery(slug, projectId));

export const archivedCyclesQuery = (slug: string, projectId: string) =>
  queryOptions({
    queryKey: [...planKeys.cycles(slug, projectId), 'archived'],
    queryFn: ({ signal }) =>
      planeListAll<Cycle>(`${projectApiPath(slug, projectId)}/archived-cycles/`, { signal }),
  });

export const useArchivedCycles = (slug: string, projectId: string) =>
  useQuery(archivedCyclesQuery(slug, projectId));

export const cycleQuery = (slug: string, projectId: string, id: string) =>
  queryOptions({
    queryKey: [...planKeys.cycles(slug, projectId), 'detail', id],
    staleTime: 0,
    queryFn: ({ signal }) => planeApi<Cycle>(`${cyclesPath(slug, projectId)}${id}/`, { signal }),
  });

export const useCycle = (slug: string, projectId: string, id: string) =>
  useQuery(cycleQuery(slug, projectId, id));

export interface CycleInput {
  name?: string;
  description?: string;
  start_date?: string | null;
  end_date?: string | null;
}

/** After any change to cycles the whole project is re-read: lists, counts, progress and the items' cycles. */
function useRefreshProject(slug: string, projectId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: planKeys.projectData(slug, projectId) });
}

export function useCreateCycle(slug: string, projectId: string) {
  const refresh = useRefreshProject(slug, projectId);
  return useMutation({
    mutationFn: (input: CycleInput & { name: string }) =>
      planeApi<Cycle>(cyclesPath(slug, projectId), { method: 'POST', body: input }),
    onSuccess: refresh,
  });
}

export function useUpdateCycle(slug: string, projectId: string, id: string) {
  const refresh = useRefreshProject(slug, projectId);
  return useMutation({
    mutationFn: (input: CycleInput) =>
      planeApi<Cycle>(`${cyclesPath(slug, projectId)}${id}/`, { method: 'PATCH', body: input }),
    onSuccess: refresh,
  });
}

export function useArchiveCycle(slug: string, projectId: string) {
  const refresh = useRefreshProject(slug, projectId);
  return useMutation({
    mutationFn: (id: string) =>
      planeApi<void>(`${cyclesPath(slug, projectId)}${id}/archive/`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

export function useUnarchiveCycle(slug: string, projectId: string) {
  const refresh = useRefreshProject(slug, projectId);
  return useMutation({
    mutationFn: (id: string) =>
      planeApi<void>(`${projectApiPath(slug, projectId)}/archived-cycles/${id}/unarchive/`, {
        method: 'DELETE',
      }),
    onSuccess: refresh,
  });
}

export function useAddCycleItems(slug: string, projectId: string, id: string) {
  const refresh = useRefreshProject(slug, projectId);
  return useMutation({
    mutationFn: (issues: string[]) =>
      planeApi<unknown>(`${cyclesPath(slug, projectId)}${id}/cycle-issues/`, {
        method: 'POST',
        body: { issues },
      }),
    onSuccess: refresh,
  });
}

export function useRemoveCycleItem(slug: string, projectId: string, id: string) {
  const refresh = useRefreshProject(slug, projectId);
  return useMutation({
    mutationFn: (itemId: string) =>
      planeApi<void>(`${cyclesPath(slug, projectId)}${id}/cycle-issues/${itemId}/`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

/** Moves the unfinished items of an ended cycle into another one that has not ended. */
export function useTransferCycle(slug: string, projectId: string, id: string) {
  const refresh = useRefreshProject(slug, projectId);
  return useMutation({
    mutationFn: (newCycleId: string) =>
      planeApi<{ message: string }>(`${cyclesPath(slug, projectId)}${id}/transfer-issues/`, {
        method: 'POST',
        body: { new_cycle_id: newCycleId },
      }),
    onSuccess: refresh,
  });
}
