import { Clock } from 'lucide-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { formatMinutes } from '@/lib/duration.ts';
import { projectItemsQuery } from '@/lib/plane-plans.ts';
import type { Project } from '@/lib/plane-types.ts';
import { sumMinutes, useTimeTotals } from '../api/worklogs.ts';

/** Time logged on a cycle's work items, item by item, beside the whole project's total. */
export function CycleTime({
  slug,
  project,
  cycleId,
  itemPath,
}: {
  slug: string;
  project: Project;
  cycleId: string;
  itemPath: (id: string) => string;
}) {
  const cycleTotals = useTimeTotals(slug, project.id, cycleId);
  const projectTotals = useTimeTotals(slug, project.id);
  const items = useQuery(projectItemsQuery(slug, project.id, { cycle: cycleId }));
  const cycleMinutes = cycleTotals.data ? sumMinutes(cycleTotals.data) : 0;
  const projectMinutes = projectTotals.data ? sumMinutes(projectTotals.data) : 0;
  const rows = (cycleTotals.data ?? [])
    .filter((t) => t.duration > 0)
    .map((t) => ({ ...t, item: items.data?.find((i) => i.id === t.issue_id) }))
    .sort((a, b) => b.duration - a.duration);
  return (
    <Card>
      <CardHeader
        title="Time"
        headingId="cycle-time"
        description={
          cycleTotals.data && projectTotals.data ? (
            <>
              <span data-testid="cycle-time-total">{formatMinutes(cycleMinutes)}</span> logged in this cycle ·{' '}
              <span data-testid="project-time-total">{formatMinutes(projectMinutes)}</span> in the whole
              project
            </>
          ) : undefined
        }
      />
      <div className="px-5 py-3">
        {cycleTotals.isPending || projectTotals.isPending ? (
          <LoadingState label="Loading logged time…" />
        ) : cycleTotals.isError ? (
          <ErrorState error={cycleTotals.error} onRetry={() => cycleTotals.refetch()} />
        ) : rows.length === 0 ? (
          <p className="flex items-center gap-2 py-2 text-muted">
            <Clock className="size-4" aria-hidden="true" />
            No time logged on this cycle’s work items yet. Log it on a work item’s page.
          </p>
        ) : (
          <table className="w-full text-left" aria-label="Time per work item in this cycle">
            <thead className="text-xs text-muted">
              <tr>
                <th scope="col" className="py-1 font-medium">
                  Work item
                </th>
                <th scope="col" className="w-24 py-1 text-right font-medium">
                  Time
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {rows.map((row) => (
                <tr key={row.issue_id}>
                  <td className="py-1.5">
                    {row.item ? (
                      <Link to={itemPath(row.issue_id)} className="hover:underline">
                        {project.identifier}-{row.item.sequence_id} {row.item.name}
                      </Link>
                    ) : (
                      <Link to={itemPath(row.issue_id)} className="hover:underline">
                        A work item
                      </Link>
                    )}
                  </td>
                  <td className="py-1.5 text-right tabular-nums">{formatMinutes(row.duration)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Card>
  );
}
