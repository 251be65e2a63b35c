import { useMutation, useQueryClient } from '@tanstack/react-query';
import { planeApi, projectApiPath } from '@/lib/plane-client.ts';
import type { WorkItem } from '@/lib/plane-types.ts';
import { workKeys } from './keys.ts';

export type WorkItemPatch = Partial<
  Pick<
    WorkItem,
    | 'name'
    | 'description_html'
    | 'state'
    | 'priority'
    | 'assignees'
    | 'labels'
    | 'start_date'
    | 'target_date'
    | 'point'
    | 'estimate_point'
    | 'parent'
  >
>;

interface Snapshot {
  lists: Array<[readonly unknown[], WorkItem[] | undefined]>;
  detail: WorkItem | undefined;
}

/**
 * Changes a work item optimistically: every cached list and the item itself show the change at once; if the
 * server refuses, they are put back as they were and the caller's onError says why.
 */
export function useUpdateWorkItem(slug: string, projectId: string) {
  const queryClient = useQueryClient();
  const listsKey = workKeys.items(slug, projectId);
  return useMutation<WorkItem, Error, { id: string; patch: WorkItemPatch }, Snapshot>({
    mutationFn: ({ id, patch }) =>
      planeApi<WorkItem>(`${projectApiPath(slug, projectId)}/work-items/${id}/`, {
        method: 'PATCH',
        body: patch,
      }),
    onMutate: async ({ id, patch }) => {
      const detailKey = workKeys.item(slug, projectId, id);
      await Promise.all([
        queryClient.cancelQueries({ queryKey: listsKey }),
        queryClient.cancelQueries({ queryKey: detailKey, exact: true }),
      ]);
      const snapshot: Snapshot = {
        lists: queryClient.getQueriesData<WorkItem[]>({ queryKey: listsKey }),
        detail: queryClient.getQueryData<WorkItem>(detailKey),
      };
      queryClient.setQueriesData<WorkItem[]>({ queryKey: listsKey }, (rows) =>
        rows?.map((row) => (row.id === id ? { ...row, ...patch } : row)),
      );
      if (snapshot.detail) queryClient.setQueryData(detailKey, { ...snapshot.detail, ...patch });
      return snapshot;
    },
    onError: (_error, { id }, snapshot) => {
      if (!snapshot) return;
      for (const [key, rows] of snapshot.lists) queryClient.setQueryData(key, rows);
      if (snapshot.detail) queryClient.setQueryData(workKeys.item(slug, projectId, id), snapshot.detail);
    },
    onSuccess: (item) => {
      queryClient.setQueryData(workKeys.item(slug, projectId, item.id), item);
      queryClient.setQueriesData<WorkItem[]>({ queryKey: listsKey }, (rows) =>
        rows?.map((row) => (row.id === item.id ? item : row)),
      );
    },
    onSettled: (_item, _error, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: listsKey }),
        queryClient.invalidateQueries({ queryKey: [...workKeys.item(slug, projectId, id), 'activities'] }),
      ]),
  });
}
