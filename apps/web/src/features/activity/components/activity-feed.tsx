import { History } from 'lucide-react';
import { Avatar } from '@/components/ui/avatar.tsx';
import { Button } from '@/components/ui/button.tsx';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { formatDateTime, timeAgo } from '@/lib/format.ts';
import { useActivity, type ActivityEntry } from '../api/get-activity.ts';
import { actorName, describe, type NameOf } from './describe.ts';

const dayFormat = new Intl.DateTimeFormat('en', { weekday: 'long', month: 'long', day: 'numeric' });

function dayLabel(iso: string): string {
  const day = new Date(iso);
  const today = new Date();
  const yesterday = new Date(today.getTime() - 86_400_000);
  if (day.toDateString() === today.toDateString()) return 'Today';
  if (day.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return dayFormat.format(day);
}

function groupByDay(entries: ActivityEntry[]): Array<[string, ActivityEntry[]]> {
  const groups = new Map<string, ActivityEntry[]>();
  for (const entry of entries) {
    const label = dayLabel(entry.created_at);
    groups.set(label, [...(groups.get(label) ?? []), entry]);
  }
  return [...groups];
}

/** The workspace's audit trail grouped by day; `limit` shows only the latest entries (home screen). */
interface ActivityFeedProps {
  slug: string;
  nameOf: NameOf;
  /** The viewer, shown as "You". */
  selfId?: string;
  limit?: number;
}

export function ActivityFeed({ slug, nameOf, selfId, limit }: ActivityFeedProps) {
  const activity = useActivity(slug);

  if (activity.isPending) return <LoadingState label="Loading activity…" />;
  if (activity.isError) return <ErrorState error={activity.error} onRetry={() => activity.refetch()} />;
  const entries = activity.data.pages.flatMap((p) => p.results).slice(0, limit);
  if (entries.length === 0)
    return (
      <EmptyState icon={History} title="Nothing has happened yet">
        Changes to this workspace — who did what and when — will be listed here.
      </EmptyState>
    );

  return (
    <div>
      {groupByDay(entries).map(([day, items]) => (
        <section key={day} aria-label={day}>
          <h3 className="sticky top-0 z-10 border-b border-line bg-subtle/80 px-5 py-1.5 text-xs font-medium text-muted backdrop-blur">
            {day}
          </h3>
          <ol className="divide-y divide-line">
            {items.map((entry) => {
              const who = actorName(entry, nameOf, selfId);
              const face = nameOf(entry.actor.type === 'api_key' ? entry.actor.on_behalf_of : entry.actor.id);
              return (
                <li key={entry.id} className="flex items-start gap-3 px-5 py-3">
                  <Avatar
                    name={entry.actor.type === 'user' || entry.actor.type === 'api_key' ? face : who}
                    size="sm"
                  />
                  <p className="min-w-0 flex-1 leading-6">
                    <span className="font-medium text-ink">{who}</span>{' '}
                    <span className="text-muted">{describe(entry, nameOf)}</span>
                  </p>
                  <time
                    dateTime={entry.created_at}
                    title={formatDateTime(entry.created_at)}
                    className="shrink-0 leading-6 text-muted"
                  >
                    {timeAgo(entry.created_at)}
                  </time>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
      {limit === undefined && activity.hasNextPage && (
        <div className="border-t border-line px-5 py-3 text-center">
          <Button size="sm" pending={activity.isFetchingNextPage} onClick={() => activity.fetchNextPage()}>
            Show older activity
          </Button>
        </div>
      )}
      {activity.isFetchNextPageError && (
        <p role="alert" className="px-5 pb-3 text-center text-danger">
          Older activity could not be loaded. Try again.
        </p>
      )}
    </div>
  );
}
