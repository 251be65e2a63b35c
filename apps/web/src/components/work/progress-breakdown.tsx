import { stateGroups, type StateGroup, type Tally } from '@/lib/plane-types.ts';

export const stateGroupLabels: Record<StateGroup, string> = {
  backlog: 'Backlog',
  unstarted: 'Unstarted',
  started: 'Started',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

const groupColors: Record<StateGroup, string> = {
  backlog: '#a3a3a3',
  unstarted: '#60a5fa',
  started: '#f59e0b',
  completed: '#16a34a',
  cancelled: '#ef4444',
};

/** One stacked bar of the work items by state group, and the counts as a list people can read. */
export function ProgressBreakdown({
  progress,
}: {
  progress: { total_items: number; groups: Record<StateGroup, Pick<Tally, 'items'>> };
}) {
  const total = progress.total_items;
  return (
    <div className="space-y-3">
      <div className="flex h-2.5 w-full overflow-hidden rounded-full bg-subtle" aria-hidden="true">
        {total > 0 &&
          stateGroups.map((group) => (
            <div
              key={group}
              style={{
                width: `${(progress.groups[group].items / total) * 100}%`,
                backgroundColor: groupColors[group],
              }}
            />
          ))}
      </div>
      <dl className="grid grid-cols-[repeat(auto-fit,minmax(6.5rem,1fr))] gap-2" data-testid="state-groups">
        {stateGroups.map((group) => (
          <div key={group} className="rounded-md border border-line px-2.5 py-2">
            <dt className="flex items-center gap-1.5 truncate text-xs text-muted">
              <span
                aria-hidden="true"
                className="inline-block size-2 shrink-0 rounded-full"
                style={{ backgroundColor: groupColors[group] }}
              />
              {stateGroupLabels[group]}
            </dt>
            <dd className="text-lg font-semibold tabular-nums">{progress.groups[group].items}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
