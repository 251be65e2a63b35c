import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { planeApi } from '@/lib/plane-client.ts';
import type { PlanePage } from '@/lib/plane-types.ts';
import { inboxPath, notificationKeys } from './keys.ts';

export type NotificationKind =
  'assigned' | 'mentioned' | 'comment' | 'subscribed_change' | 'intake' | 'standup' | 'deployment';

/** How an intake submission was triaged. */
export type IntakeOutcome = 'pending' | 'declined' | 'snoozed' | 'accepted' | 'duplicate';

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
  /** Null for a project-level notification (`standup`, `deployment`). */
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
    /** A standup's or a deployment's text: plain, with line breaks. */
    text?: string;
    intake?: { outcome: IntakeOutcome; snoozed_till: string | null; duplicate_to: string | null };
  };
  read_at: string | null;
  /** Set while it is in the archive rather than the inbox. */
  archived_at: string | null;
  created_at: string;
}

export const INBOX_PAGE_SIZE = 30;

/** The inbox, or its archive, newest first, a page at a time. */
export const notificationsQuery = (slug: string, archived: boolean) =>
  infiniteQueryOptions({
    queryKey: notificationKeys.list(slug, archived),
    queryFn: ({ signal, pageParam }) =>
      planeApi<PlanePage<Notification>>(inboxPath(slug), {
        signal,
        query: { per_page: INBOX_PAGE_SIZE, cursor: pageParam, archived: archived ? 'true' : undefined },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.next_page_results ? last.next_cursor : undefined),
  });

export const useNotifications = (slug: string, archived: boolean) =>
  useInfiniteQuery(notificationsQuery(slug, archived));
