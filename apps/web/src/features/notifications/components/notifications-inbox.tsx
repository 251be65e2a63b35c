import { Bell, CheckCheck } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { useNotifications } from '../api/get-notifications.ts';
import { useUnreadCount } from '../api/get-unread-count.ts';
import { useMarkAllRead, useMarkRead } from '../api/mark-read.ts';
import { useLiveNotifications } from '../hooks/use-live-notifications.ts';
import { NotificationRow } from './notification-row.tsx';

interface NotificationsInboxProps {
  slug: string;
  nameOf: (id: string | null) => string;
  /** Where a work item's page is. */
  itemPath: (projectId: string, itemId: string) => string;
  /** Where a project's board is: what a project-level notification (a standup) leads to. */
  boardPath: (projectId: string) => string;
}

/** The person's inbox: newest first, kept current live; read one or all. */
export function NotificationsInbox({ slug, nameOf, itemPath, boardPath }: NotificationsInboxProps) {
  useLiveNotifications(slug);
  const inbox = useNotifications(slug);
  const unread = useUnreadCount(slug);
  const markRead = useMarkRead(slug);
  const markAllRead = useMarkAllRead(slug);
  const unreadCount = unread.data ?? 0;

  return (
    <>
      <PageHeader
        title="Notifications"
        description={unreadCount > 0 ? `${unreadCount} unread` : 'You are up to date.'}
        actions={
          <Button
            onClick={() => markAllRead.mutate()}
            pending={markAllRead.isPending}
            disabled={unreadCount === 0}
          >
            <CheckCheck className="size-4" aria-hidden="true" />
            Mark all read
          </Button>
        }
      />
      {(markRead.isError || markAllRead.isError) && (
        <p role="alert" className="mb-3 text-danger">
          That could not be marked read. Try again.
        </p>
      )}
      <Card className="overflow-hidden">
        {inbox.isPending ? (
          <LoadingState label="Loading notifications…" />
        ) : inbox.isError ? (
          <ErrorState error={inbox.error} onRetry={() => inbox.refetch()} />
        ) : inbox.data.pages[0]!.results.length === 0 ? (
          <EmptyState icon={Bell} title="No notifications yet">
            When someone assigns you to a work item, mentions you, or changes or comments on an item you
            follow, or a standup is posted for your project, it will appear here.
          </EmptyState>
        ) : (
          <>
            <ol aria-label="Notifications" className="divide-y divide-line">
              {inbox.data.pages
                .flatMap((p) => p.results)
                .map((n) => (
                  <NotificationRow
                    key={n.id}
                    notification={n}
                    actorName={nameOf(n.actor)}
                    href={n.work_item ? itemPath(n.project, n.work_item) : boardPath(n.project)}
                    onRead={() => markRead.mutate(n.id)}
                    reading={markRead.isPending && markRead.variables === n.id}
                  />
                ))}
            </ol>
            {inbox.hasNextPage && (
              <div className="border-t border-line px-5 py-3 text-center">
                <Button size="sm" pending={inbox.isFetchingNextPage} onClick={() => inbox.fetchNextPage()}>
                  Show older notifications
                </Button>
              </div>
            )}
          </>
        )}
      </Card>
    </>
  );
}
