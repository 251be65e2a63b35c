import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { planeApi, planeListAll, projectApiPath } from '@/lib/plane-client.ts';
import type { Label } from '@/lib/plane-types.ts';
import { workKeys } from './keys.ts';

export const labelsQuery = (slug: string, projectId: string) =>
  queryOptions({
    queryKey: workKeys.labels(slug, projectId),
    queryFn: async ({ signal }) =>
      (await planeListAll<Label>(`${projectApiPath(slug, projectId)}/labels/`, { signal })).sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
  });

export const useLabels = (slug: string, projectId: string) => useQuery(labelsQuery(slug, projectId));

const palette = ['#6366f1', '#0ea5e9', '#10b981', '#f59e0b', '#ef4444', '#8b5cf6', '#ec4899', '#64748b'];

export function useCreateLabel(slug: string, projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      planeApi<Label>(`${projectApiPath(slug, projectId)}/labels/`, {
        method: 'POST',
        body: { name, color: palette[name.length % palette.length] },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workKeys.labels(slug, projectId) }),
  });
}
