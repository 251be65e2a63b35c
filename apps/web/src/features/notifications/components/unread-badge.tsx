import { useUnreadCount } from '../api/get-unread-count.ts';
import { useLiveNotifications } from '../hooks/use-live-notifications.ts';

/** The unread count beside the Notifications link, live on every screen; nothing when all is read. */
export function UnreadBadge({ slug }: { slug: string }) {
  useLiveNotifications(slug);
  const unread = useUnreadCount(slug);
  const count = unread.data ?? 0;
  if (count === 0) return null;
  return (
    <>
      <span
        data-testid="unread-badge"
        aria-hidden="true"
        className="ml-auto rounded-full bg-accent px-1.5 text-xs leading-5 font-semibold text-white"
      >
        {count > 99 ? '99+' : count}
      </span>
      <span className="sr-only">, {count} unread</span>
    </>
  );
}
