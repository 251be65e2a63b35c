import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';

export interface ActivityEntry {
  id: string;
  actor: { type: string; id: string | null; on_behalf_of: string | null };
  action: string;
  object_type: string;
  object_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  created_at: string;
}

interface ActivityPage {
  results: ActivityEntry[];
  next_before: number | null;
}

export const ACTIVITY_PAGE_SIZE = 25;

/** The audit trail, newest first, a page at a time (`before` is the cursor the server hands back). */
export const activityQuery = (slug: string) =>
  infiniteQueryOptions({
    queryKey: ['workspaces', slug, 'activity'],
    queryFn: ({ signal, pageParam }) =>
      api<ActivityPage>(`/api/workspaces/${encodeURIComponent(slug)}/activity`, {
        signal,
        query: { per_page: ACTIVITY_PAGE_SIZE, before: pageParam },
      }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.next_before ?? undefined,
  });

export const useActivity = (slug: string) => useInfiniteQuery(activityQuery(slug));
