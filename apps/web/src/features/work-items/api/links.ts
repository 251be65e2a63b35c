import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { planeApi, planeListAll, projectApiPath } from '@/lib/plane-client.ts';
import type { Link } from '@/lib/plane-types.ts';
import { workKeys } from './keys.ts';

const path = (slug: string, projectId: string, itemId: string) =>
  `${projectApiPath(slug, projectId)}/work-items/${itemId}/links/`;

export const linksQuery = (slug: string, projectId: string, itemId: string) =>
  queryOptions({
    queryKey: [...workKeys.item(slug, projectId, itemId), 'links'],
    queryFn: ({ signal }) => planeListAll<Link>(path(slug, projectId, itemId), { signal }),
  });

export const useLinks = (slug: string, projectId: string, itemId: string) =>
  useQuery(linksQuery(slug, projectId, itemId));

export function useAddLink(slug: string, projectId: string, itemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { url: string; title?: string }) =>
      planeApi<Link>(path(slug, projectId, itemId), { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workKeys.item(slug, projectId, itemId) }),
  });
}

export function useRemoveLink(slug: string, projectId: string, itemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) =>
      planeApi<void>(`${path(slug, projectId, itemId)}${linkId}/`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workKeys.item(slug, projectId, itemId) }),
  });
}
