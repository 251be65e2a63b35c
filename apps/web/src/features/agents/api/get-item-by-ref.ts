import { queryOptions, useQuery } from '@tanstack/react-query';
import { planeApi, workspaceApiPath } from '@/lib/plane-client.ts';
import type { WorkItem } from '@/lib/plane-types.ts';

/**
 * A work item by its readable key (`WEB-12`), as agents name items: the web's item pages need its id. A key
 * keeps pointing at one item, so the answer is kept for the session; a key that finds nothing is not retried.
 */
export const itemByRefQuery = (slug: string, ref: string) =>
  queryOptions({
    queryKey: ['work-item-by-ref', slug, ref] as const,
    queryFn: ({ signal }) =>
      planeApi<Pick<WorkItem, 'id' | 'project'>>(
        `${workspaceApiPath(slug)}/work-items/${encodeURIComponent(ref)}/`,
        { signal, query: { fields: 'id,project' } },
      ),
    staleTime: Infinity,
    retry: false,
  });

export const useItemByRef = (slug: string, ref: string) => useQuery(itemByRefQuery(slug, ref));
