import { Archive, Bell, CheckCheck } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { useNotifications } from '../api/get-notifications.ts';
import { useUnreadCount } from '../api/get-unread-count.ts';
import { useArchive } from '../api/archive.ts';
import { useMarkAllRead, useMarkRead } from '../api/mark-read.ts';
import { useLiveNotifications } from '../hooks/use-live-notifications.ts';
import { NotificationRow } from './notification-row.tsx';

interface NotificationsInboxProps {
  slug: string;
  nameOf: (id: string | null) => string;
  /** Where a work item's page is. */
  itemPath: (projectId: string, itemId: string) => string;
  /** Where a project's board is: what a project-level notification (a standup, a deployment) leads to. */
  boardPath: (projectId: string) => string;
}

/** The person's inbox: newest first, kept current live; read one or all, archive one; or the archive. */
export function NotificationsInbox({ slug, nameOf, itemPath, boardPath }: NotificationsInboxProps) {
  useLiveNotifications(slug);
  const [archived, setArchived] = useState(false);
  const inbox = useNotifications(slug, archived);
  const unread = useUnreadCount(slug);
  const markRead = useMarkRead(slug);
  const markAllRead = useMarkAllRead(slug);
  const archive = useArchive(slug);
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
      <div role="group" aria-label="Show" className="mb-3 flex gap-1">
        {[false, true].map((which) => (
          <Button
            key={String(which)}
            size="sm"
            variant={archived === which ? 'secondary' : 'ghost'}
            aria-pressed={archived === which}
            onClick={() => setArchived(which)}
          >
            {which ? 'Archive' : 'Inbox'}
          </Button>
        ))}
      </div>
      {(markRead.isError || markAllRead.isError) && (
        <p role="alert" className="mb-3 text-danger">
          That could not be marked read. Try again.
        </p>
      )}
      {archive.isError && (
        <p role="alert" className="mb-3 text-danger">
          That could not be {archive.variables?.archived ? 'archived' : 'moved back'}. Try again.
        </p>
      )}
      <Card className="overflow-hidden">
        {inbox.isPending ? (
          <LoadingState label="Loading notifications…" />
        ) : inbox.isError ? (
          <ErrorState error={inbox.error} onRetry={() => inbox.refetch()} />
        ) : inbox.data.pages[0]!.results.length === 0 && archived ? (
          <EmptyState icon={Archive} title="Nothing archived">
            Notifications you archive leave the inbox and wait here; move one back whenever you need it.
          </EmptyState>
        ) : inbox.data.pages[0]!.results.length === 0 ? (
          <EmptyState icon={Bell} title="No notifications yet">
            When someone assigns you to a work item, mentions you, or changes or comments on an item you
            follow, or a standup is posted for your project, it will appear here.
          </EmptyState>
        ) : (
          <>
            <ol
              aria-label={archived ? 'Archived notifications' : 'Notifications'}
              className="divide-y divide-line"
            >
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
                    onArchive={() => archive.mutate({ id: n.id, archived: !archived })}
                    archiving={archive.isPending && archive.variables.id === n.id}
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
