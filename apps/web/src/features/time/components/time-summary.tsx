import { Clock } from 'lucide-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { FeatureOff } from '@/components/ui/feature-off.tsx';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { formatMinutes } from '@/lib/duration.ts';
import { projectItemsQuery, useUpdateProject } from '@/lib/plane-plans.ts';
import type { Project } from '@/lib/plane-types.ts';
import { sumMinutes, useTimeTotals } from '../api/worklogs.ts';

interface TimeSummaryProps {
  slug: string;
  project: Project;
  canSee: boolean;
  canManage: boolean;
  itemPath: (id: string) => string;
}

/** The project's logged time, summed per work item, most time first, with the project total. */
export function TimeSummary({ slug, project, canSee, canManage, itemPath }: TimeSummaryProps) {
  const enable = useUpdateProject(slug, project.id);
  const toast = useToast();
  if (!project.is_time_tracking_enabled)
    return (
      <FeatureOff
        icon={Clock}
        title="Time tracking is off for this project"
        canEnable={canManage}
        pending={enable.isPending}
        enableLabel="Turn on time tracking"
        onEnable={() =>
          enable.mutate(
            { is_time_tracking_enabled: true },
            {
              onSuccess: () => toast('Time tracking is on'),
              onError: (e) => toast(`Could not turn it on: ${e.message}`, { tone: 'danger' }),
            },
          )
        }
      >
        With time tracking on, people log time on work items and see it summed here.
      </FeatureOff>
    );
  if (!canSee)
    return (
      <EmptyState icon={Clock} title="Logged time is for project members">
        Guests cannot see logged time. Ask a project admin for the member role.
      </EmptyState>
    );
  return <Totals slug={slug} project={project} itemPath={itemPath} />;
}

function Totals({
  slug,
  project,
  itemPath,
}: {
  slug: string;
  project: Project;
  itemPath: (id: string) => string;
}) {
  const totals = useTimeTotals(slug, project.id);
  const items = useQuery(projectItemsQuery(slug, project.id, {}));
  if (totals.isPending || items.isPending) return <LoadingState label="Loading logged time…" />;
  if (totals.isError) return <ErrorState error={totals.error} onRetry={() => totals.refetch()} />;
  const rows = totals.data
    .filter((t) => t.duration > 0)
    .map((t) => ({ ...t, item: items.data?.find((i) => i.id === t.issue_id) }))
    .sort((a, b) => b.duration - a.duration);
  const total = sumMinutes(rows);
  return (
    <div className="space-y-3">
      <div className="flex items-baseline justify-between gap-3">
        <h1 className="text-base font-semibold">Time</h1>
        <p className="text-muted">
          Total logged:{' '}
          <span className="font-semibold text-ink tabular-nums" data-testid="project-time-total">
            {formatMinutes(total)}
          </span>
        </p>
      </div>
      {rows.length === 0 ? (
        <EmptyState icon={Clock} title="No time logged yet">
          Open a work item and use “Log time” to record how long it took.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line bg-surface">
          <table className="w-full text-left" aria-label={`Time logged per work item in ${project.name}`}>
            <thead className="border-b border-line text-xs text-muted">
              <tr>
                <th scope="col" className="w-24 px-3 py-2 font-medium">
                  ID
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Work item
                </th>
                <th scope="col" className="w-28 px-3 py-2 text-right font-medium">
                  Time (h:mm)
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {rows.map((row) => (
                <tr key={row.issue_id}>
                  <td className="px-3 py-2 text-xs text-muted">
                    {row.item ? `${project.identifier}-${row.item.sequence_id}` : '—'}
                  </td>
                  <td className="px-3 py-2">
                    <Link to={itemPath(row.issue_id)} className="font-medium hover:underline">
                      {row.item?.name ?? 'A work item no longer listed'}
                    </Link>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatMinutes(row.duration)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t border-line">
              <tr>
                <th scope="row" colSpan={2} className="px-3 py-2 text-right font-medium">
                  Total
                </th>
                <td className="px-3 py-2 text-right font-semibold tabular-nums">{formatMinutes(total)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </div>
  );
}
