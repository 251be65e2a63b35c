import { queryOptions, useQuery } from '@tanstack/react-query';
import { planeApi } from '@/lib/plane-client.ts';
import { inboxPath, notificationKeys } from './keys.ts';

export const unreadCountQuery = (slug: string) =>
  queryOptions({
    queryKey: notificationKeys.unread(slug),
    queryFn: ({ signal }) =>
      planeApi<{ unread_count: number }>(`${inboxPath(slug)}unread-count/`, { signal }),
    select: (data) => data.unread_count,
  });

export const useUnreadCount = (slug: string) => useQuery(unreadCountQuery(slug));
