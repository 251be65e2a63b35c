import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { planeApi, planeListAll, projectApiPath } from '@/lib/plane-client.ts';
import type { SavedView } from '@/lib/plane-types.ts';
import { filterKeys } from './get-work-items.ts';

const path = (slug: string, projectId: string) => `${projectApiPath(slug, projectId)}/views/`;
const viewsKey = (slug: string, projectId: string) => ['plane', slug, projectId, 'views'] as const;

export const useViews = (slug: string, projectId: string) =>
  useQuery(
    queryOptions({
      queryKey: viewsKey(slug, projectId),
      queryFn: ({ signal }) => planeListAll<SavedView>(path(slug, projectId), { signal }),
    }),
  );

/** What a view keeps: the list's filters, its order and its grouping, as the server stores them. */
export interface ViewSettings {
  filters: Record<string, string[]>;
  order_by: string;
  display: { group_by: string | null };
}

const defaultOrder = '-created_at';
/** The list groups by `assignee`; views, like Plane, name it `assignees`. */
const groupToView: Record<string, string> = { state: 'state', priority: 'priority', assignee: 'assignees' };
const groupFromView = Object.fromEntries(Object.entries(groupToView).map(([k, v]) => [v, k]));

export function settingsFromParams(params: URLSearchParams): ViewSettings {
  const filters: Record<string, string[]> = {};
  for (const key of filterKeys) {
    const values = (params.get(key) ?? '').split(',').filter(Boolean);
    if (values.length > 0) filters[key] = key === 'search' ? [params.get(key)!] : values;
  }
  const group = params.get('group');
  return {
    filters,
    order_by: params.get('order_by') ?? defaultOrder,
    display: { group_by: (group && groupToView[group]) || null },
  };
}

/** The URL parameters that show a view's items in the list, with `view` naming it. */
export function paramsFromView(view: SavedView): URLSearchParams {
  const params = new URLSearchParams({ view: view.id });
  for (const key of filterKeys) {
    const value = view.filters[key];
    const text = Array.isArray(value) ? value.join(',') : value;
    if (text) params.set(key, text);
  }
  if (view.order_by && view.order_by !== defaultOrder) params.set('order_by', view.order_by);
  const group = view.display.group_by ? groupFromView[view.display.group_by] : undefined;
  if (group) params.set('group', group);
  return params;
}

/** Whether the list shows exactly what the view saved. */
export const sameSettings = (view: SavedView, params: URLSearchParams) =>
  JSON.stringify(settingsFromParams(paramsFromView(view))) === JSON.stringify(settingsFromParams(params));

export function useSaveView(slug: string, projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<ViewSettings> & { id?: string; name?: string }) =>
      planeApi<SavedView>(id ? `${path(slug, projectId)}${id}/` : path(slug, projectId), {
        method: id ? 'PATCH' : 'POST',
        body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: viewsKey(slug, projectId) }),
  });
}

export function useDeleteView(slug: string, projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => planeApi<void>(`${path(slug, projectId)}${id}/`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: viewsKey(slug, projectId) }),
  });
}
