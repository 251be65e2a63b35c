import { Link } from 'react-router';
import { Avatar } from '@/components/ui/avatar.tsx';
import { Button } from '@/components/ui/button.tsx';
import { cn } from '@/lib/cn.ts';
import { formatDateTime, timeAgo } from '@/lib/format.ts';
import type { Notification } from '../api/get-notifications.ts';
import { projectPoster, whatHappened } from './describe.ts';

interface NotificationRowProps {
  notification: Notification;
  actorName: string;
  /** Where it leads: the work item, or the project's board for a standup or a deployment. */
  href: string;
  onRead: () => void;
  reading: boolean;
  /** Archives it, or moves an archived one back to the inbox. */
  onArchive: () => void;
  archiving: boolean;
}

/**
 * One line of the inbox: who did what to which item, or a project's standup or deployment with its text, and when; unread ones
 * stand out and can be marked read; any can be archived (or, archived, moved back).
 */
export function NotificationRow(props: NotificationRowProps) {
  const { notification: n, actorName, href, onRead, reading, onArchive, archiving } = props;
  const unread = n.read_at === null;
  const poster = projectPoster(n);
  const key = n.data.work_item?.identifier;
  const which = (
    <span className="sr-only"> ({key ?? (poster ? `${whatHappened(n)} ${n.title}` : n.title)})</span>
  );
  const comment = n.data.comment?.text;
  return (
    <li className={cn('flex items-start gap-3 px-5 py-3', unread && 'bg-accent-soft/40')}>
      <span
        className={cn('mt-2.5 size-2 shrink-0 rounded-full', unread ? 'bg-accent' : 'bg-transparent')}
        aria-hidden="true"
      />
      <Avatar name={poster ?? actorName} size="sm" />
      <div className="min-w-0 flex-1 leading-6">
        <p>
          {unread && <span className="sr-only">Unread: </span>}
          {!poster && (
            <>
              <span className={cn('text-ink', unread ? 'font-semibold' : 'font-medium')}>
                {actorName}
              </span>{' '}
            </>
          )}
          <span className="text-muted">{whatHappened(n)}</span>{' '}
          <Link
            to={href}
            onClick={() => unread && onRead()}
            className="font-medium text-accent-text hover:underline"
          >
            {key && <span className="mr-1 text-muted">{key}</span>}
            {n.title}
          </Link>
        </p>
        {comment && <p className="truncate text-muted">“{comment}”</p>}
        {/* Plain text as React renders it (never HTML), its line breaks kept. */}
        {poster && n.data.text && (
          <p className="mt-1 break-words whitespace-pre-line text-ink">{n.data.text}</p>
        )}
      </div>
      <time
        dateTime={n.created_at}
        title={formatDateTime(n.created_at)}
        className="shrink-0 leading-6 text-muted"
      >
        {timeAgo(n.created_at)}
      </time>
      {unread && (
        <Button size="sm" variant="ghost" pending={reading} onClick={onRead}>
          Mark read{which}
        </Button>
      )}
      <Button size="sm" variant="ghost" pending={archiving} onClick={onArchive}>
        {n.archived_at ? 'Move to inbox' : 'Archive'}
        {which}
      </Button>
    </li>
  );
}
