import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { planeApi, projectApiPath, workspaceApiPath } from '@/lib/plane-client.ts';
import type { Project, Relations, RelationType } from '@/lib/plane-types.ts';
import { workItemQuery } from './get-work-item.ts';
import { workKeys } from './keys.ts';

const path = (slug: string, projectId: string, itemId: string) =>
  `${projectApiPath(slug, projectId)}/work-items/${itemId}/relations/`;

const relationsKey = (slug: string, projectId: string, itemId: string) =>
  [...workKeys.item(slug, projectId, itemId), 'relations'] as const;

/** Every relation of the item, as this item sees it (A blocked by B is B blocking A). */
export const useRelations = (slug: string, projectId: string, itemId: string) =>
  useQuery({
    queryKey: relationsKey(slug, projectId, itemId),
    queryFn: ({ signal }) => planeApi<Relations>(path(slug, projectId, itemId), { signal }),
  });

/** The related items themselves (names, numbers, states), and the projects of those in other projects. */
export function useRelatedItems(slug: string, ends: Array<{ project_id: string; issue_id: string }>) {
  const items = useQueries({ queries: ends.map((e) => workItemQuery(slug, e.project_id, e.issue_id)) });
  const projectIds = [...new Set(ends.map((e) => e.project_id))];
  const projects = useQueries({
    queries: projectIds.map((id) => ({
      queryKey: workKeys.project(slug, id),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        planeApi<Project>(`${projectApiPath(slug, id)}/`, { signal }),
      staleTime: 5 * 60_000,
    })),
  });
  const identifiers = new Map(
    projects.flatMap((p) => (p.data ? [[p.data.id, p.data.identifier] as const] : [])),
  );
  return new Map(
    items.flatMap((q) =>
      q.data ? [[q.data.id, { ...q.data, identifier: identifiers.get(q.data.project) ?? '' }] as const] : [],
    ),
  );
}

export interface SearchHit {
  id: string;
  name: string;
  sequence_id: number;
  project__identifier: string;
  project_id: string;
}

/** Items of the workspace's projects (the caller's) whose name or key matches, best first. */
export const useItemSearch = (slug: string, text: string) =>
  useQuery({
    queryKey: ['plane', slug, 'item-search', text],
    queryFn: ({ signal }) =>
      planeApi<{ issues: SearchHit[] }>(`${workspaceApiPath(slug)}/work-items/search/`, {
        signal,
        query: { search: text, limit: 8, workspace_search: 'true' },
      }),
    enabled: text.trim().length > 0,
    staleTime: 10_000,
  });

function useRefresh(slug: string, projectId: string, itemId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: relationsKey(slug, projectId, itemId) }),
      queryClient.invalidateQueries({ queryKey: [...workKeys.item(slug, projectId, itemId), 'activities'] }),
    ]);
}

export function useAddRelation(slug: string, projectId: string, itemId: string) {
  const refresh = useRefresh(slug, projectId, itemId);
  return useMutation({
    mutationFn: (input: { relation_type: RelationType; issues: string[] }) =>
      planeApi<unknown>(path(slug, projectId, itemId), { method: 'POST', body: input }),
    onSuccess: refresh,
  });
}

export function useRemoveRelation(slug: string, projectId: string, itemId: string) {
  const refresh = useRefresh(slug, projectId, itemId);
  return useMutation({
    mutationFn: (relatedId: string) =>
      planeApi<void>(`${path(slug, projectId, itemId)}remove/`, {
        method: 'POST',
        body: { related_issue: relatedId },
      }),
    onSuccess: refresh,
  });
}
