import { useMutation, useQueryClient } from '@tanstack/react-query';
import { planeApi } from '@/lib/plane-client.ts';
import { inboxPath, notificationKeys } from './keys.ts';

/** Re-reads the inbox, its archive and the unread count after a change. */
export function useRefreshInbox(slug: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: notificationKeys.all(slug) });
}

export function useMarkRead(slug: string) {
  const refresh = useRefreshInbox(slug);
  return useMutation({
    mutationFn: (id: string) => planeApi<void>(`${inboxPath(slug)}${id}/read/`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

export function useMarkAllRead(slug: string) {
  const refresh = useRefreshInbox(slug);
  return useMutation({
    mutationFn: () => planeApi<{ updated: number }>(`${inboxPath(slug)}mark-all-read/`, { method: 'POST' }),
    onSuccess: refresh,
  });
}
