import { formatDateTime, timeAgo } from '@/lib/format.ts';
import type { Activity } from '@/lib/plane-types.ts';
import { useActivities } from '../api/get-activities.ts';
import { priorityLabels } from './display.tsx';

const fieldNames: Record<string, string> = {
  start_date: 'start date',
  target_date: 'target date',
  estimate_point: 'estimate',
};

const priorityName = (value: string | null) =>
  value ? (priorityLabels[value as keyof typeof priorityLabels] ?? value) : 'none';

/** One sentence per change: "changed the state from Todo to In Progress". */
export function describeActivity(a: Activity): string {
  const from = a.old_value;
  const to = a.new_value;
  switch (a.field) {
    case null:
      return a.verb === 'created' ? 'created the work item' : a.comment;
    case 'state':
      return `changed the state from ${from ?? 'none'} to ${to ?? 'none'}`;
    case 'priority':
      return `changed the priority from ${priorityName(from)} to ${priorityName(to)}`;
    case 'name':
      return `renamed it to “${to}”`;
    case 'description':
      return 'updated the description';
    case 'labels':
      return to ? `added the label ${to}` : `removed the label ${from}`;
    case 'assignees':
      return to ? `assigned ${to}` : `unassigned ${from}`;
    case 'parent':
      return to ? `made it a sub-item of ${to}` : 'removed the parent';
    case 'comment':
      return a.verb === 'deleted'
        ? 'deleted a comment'
        : a.verb === 'updated'
          ? 'edited a comment'
          : 'commented';
    case 'link':
      return a.verb === 'deleted'
        ? 'removed a link'
        : a.verb === 'updated'
          ? 'changed a link'
          : `added a link`;
    case 'attachment':
      return to ? `attached ${to}` : `removed the attachment ${from}`;
    default: {
      const name = fieldNames[a.field] ?? a.field.replace(/_/g, ' ');
      if (!to) return `removed the ${name}`;
      return `set the ${name} to ${to}`;
    }
  }
}

export function ActivitySection({
  slug,
  projectId,
  itemId,
  nameOf,
}: {
  slug: string;
  projectId: string;
  itemId: string;
  nameOf: (id: string | null) => string;
}) {
  const activities = useActivities(slug, projectId, itemId);
  return (
    <section aria-labelledby="activity-heading">
      <h2 id="activity-heading" className="mb-2 text-[15px] font-semibold">
        Activity
      </h2>
      {activities.isError && <p className="text-danger">{activities.error.message}</p>}
      {activities.data && (
        <ol aria-label="Activity" className="space-y-2 border-l border-line pl-4">
          {activities.data.map((a) => (
            <li key={a.id} className="relative text-[13px] text-muted">
              <span
                aria-hidden="true"
                className="absolute top-1.5 -left-[1.3rem] size-2 rounded-full border border-line-strong bg-surface"
              />
              <span className="font-medium text-ink">{nameOf(a.actor)}</span> {describeActivity(a)} ·{' '}
              <time dateTime={a.created_at} title={formatDateTime(a.created_at)}>
                {timeAgo(a.created_at)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
