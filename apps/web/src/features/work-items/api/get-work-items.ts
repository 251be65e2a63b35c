import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { planeListAll, projectApiPath } from '@/lib/plane-client.ts';
import type { WorkItem } from '@/lib/plane-types.ts';
import { workKeys } from './keys.ts';

/**
 * The list route's filters, as the server reads them: comma-separated ids or values (`state=a,b`), and
 * `order_by` with a leading `-` for descending. The screens keep the same names in their URL.
 */
export const filterKeys = [
  'state',
  'state_group',
  'priority',
  'assignees',
  'labels',
  'cycle',
  'module',
  'parent',
  'search',
] as const;
export type FilterKey = (typeof filterKeys)[number];
export type WorkItemFilters = Partial<Record<FilterKey | 'order_by', string>>;

export const workItemsQuery = (slug: string, projectId: string, filters: WorkItemFilters) =>
  queryOptions({
    queryKey: [...workKeys.items(slug, projectId), filters],
    queryFn: ({ signal }) =>
      planeListAll<WorkItem>(`${projectApiPath(slug, projectId)}/work-items/`, { query: filters, signal }),
  });

export const useWorkItems = (slug: string, projectId: string, filters: WorkItemFilters) =>
  useQuery({ ...workItemsQuery(slug, projectId, filters), placeholderData: keepPreviousData });
