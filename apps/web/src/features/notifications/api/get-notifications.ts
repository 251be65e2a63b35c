import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { planeApi } from '@/lib/plane-client.ts';
import type { PlanePage } from '@/lib/plane-types.ts';
import { inboxPath, notificationKeys } from './keys.ts';

export type NotificationKind = 'assigned' | 'mentioned' | 'comment' | 'subscribed_change' | 'standup';

export interface NotificationChange {
  verb: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
}

/** One notification (docs/api.md, "Notifications"). */
export interface Notification {
  id: string;
  project: string;
  /** Null for a project-level notification (`standup`). */
  work_item: string | null;
  actor: string | null;
  kind: NotificationKind;
  title: string;
  data: {
    work_item?: { identifier?: string; name?: string };
    fields?: string[];
    changes?: NotificationChange[];
    archived?: boolean;
    comment?: { id: string; text: string };
    /** A standup's text: plain, with line breaks. */
    text?: string;
  };
  read_at: string | null;
  created_at: string;
}

export const INBOX_PAGE_SIZE = 30;

/** The inbox, newest first, a page at a time. */
export const notificationsQuery = (slug: string) =>
  infiniteQueryOptions({
    queryKey: notificationKeys.list(slug),
    queryFn: ({ signal, pageParam }) =>
      planeApi<PlanePage<Notification>>(inboxPath(slug), {
        signal,
        query: { per_page: INBOX_PAGE_SIZE, cursor: pageParam },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.next_page_results ? last.next_cursor : undefined),
  });

export const useNotifications = (slug: string) => useInfiniteQuery(notificationsQuery(slug));
