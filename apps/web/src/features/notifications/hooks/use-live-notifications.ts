import { useQueryClient } from '@tanstack/react-query';
import { useLiveChannel } from '@/lib/realtime.ts';
import { notificationKeys } from '../api/keys.ts';

/** The inbox and its unread count follow the person's own notifications as they are made or read elsewhere. */
export function useLiveNotifications(slug: string): void {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all(slug) });
  useLiveChannel(slug, 'notifications', {}, refresh, refresh);
}
