import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { planeApi, planeListAll, projectApiPath } from '@/lib/plane-client.ts';
import type { Comment } from '@/lib/plane-types.ts';
import { workKeys } from './keys.ts';

const path = (slug: string, projectId: string, itemId: string) =>
  `${projectApiPath(slug, projectId)}/work-items/${itemId}/comments/`;

/** Oldest first, as a conversation reads (the API lists newest first). */
export const commentsQuery = (slug: string, projectId: string, itemId: string) =>
  queryOptions({
    queryKey: [...workKeys.item(slug, projectId, itemId), 'comments'],
    queryFn: async ({ signal }) =>
      (await planeListAll<Comment>(path(slug, projectId, itemId), { signal })).sort((a, b) =>
        a.created_at.localeCompare(b.created_at),
      ),
  });

export const useComments = (slug: string, projectId: string, itemId: string) =>
  useQuery(commentsQuery(slug, projectId, itemId));

export function useAddComment(slug: string, projectId: string, itemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (commentHtml: string) =>
      planeApi<Comment>(path(slug, projectId, itemId), {
        method: 'POST',
        body: { comment_html: commentHtml },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workKeys.item(slug, projectId, itemId) }),
  });
}
