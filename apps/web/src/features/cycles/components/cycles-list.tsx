import { Plus, RefreshCcw } from 'lucide-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '@/components/ui/button.tsx';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { ArchivedPlans, cyclesKind, PlanFeatureOff, PlanRow } from '@/components/work/plan-list.tsx';
import { cycleStatuses, type Project } from '@/lib/plane-types.ts';
import { useArchivedCycles, useCreateCycle, useCycles, useUnarchiveCycle } from '../api/cycles.ts';
import { CycleFormDialog } from './cycle-form-dialog.tsx';
import { cycleDates, CycleStatusBadge, cycleStatusLabels } from './cycle-display.tsx';

interface CyclesListProps {
  slug: string;
  project: Project;
  canEdit: boolean;
  canManage: boolean;
  cyclePath: (id: string) => string;
}

const groupHints = {
  current: 'Running now.',
  upcoming: 'Start later.',
  draft: 'No dates yet.',
  completed: 'Ended. Archive them once their unfinished work has moved on.',
};

/** The project's cycles grouped by status (current first), each with its progress. */
export function CyclesList({ slug, project, canEdit, canManage, cyclePath }: CyclesListProps) {
  const cycles = useCycles(slug, project.id);
  const create = useCreateCycle(slug, project.id);
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const toast = useToast();

  if (!project.cycle_view)
    return (
      <PlanFeatureOff
        kind={cyclesKind}
        slug={slug}
        projectId={project.id}
        canManage={canManage}
        icon={RefreshCcw}
      >
        Cycles are time boxes (sprints) with progress and a burndown chart.
      </PlanFeatureOff>
    );
  if (cycles.isPending) return <LoadingState label="Loading cycles…" />;
  if (cycles.isError) return <ErrorState error={cycles.error} onRetry={() => cycles.refetch()} />;

  const dialog = (
    <CycleFormDialog
      open={creating}
      onClose={() => {
        create.reset();
        setCreating(false);
      }}
      pending={create.isPending}
      error={create.error}
      onSubmit={(input) =>
        create.mutate(input, {
          onSuccess: (cycle) => {
            toast(`Created ${cycle.name}`);
            setCreating(false);
            navigate(cyclePath(cycle.id));
          },
        })
      }
    />
  );
  const newButton = canEdit && (
    <Button variant="primary" size="sm" onClick={() => setCreating(true)}>
      <Plus className="size-4" aria-hidden="true" />
      New cycle
    </Button>
  );

  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-base font-semibold">Cycles</h1>
        {newButton}
      </div>
      {cycles.data.length === 0 ? (
        <EmptyState icon={RefreshCcw} title="No cycles yet">
          {canEdit
            ? 'Use “New cycle” to plan the first time box, then add work items to it.'
            : 'A project member can plan the first cycle.'}
        </EmptyState>
      ) : (
        cycleStatuses.map((status) => {
          const group = cycles.data.filter((c) => c.status === status);
          if (group.length === 0) return null;
          const headingId = `cycles-${status}`;
          return (
            <section key={status} aria-labelledby={headingId}>
              <h2 id={headingId} className="mb-1 text-[13px] font-semibold">
                {cycleStatusLabels[status]} <span className="font-normal text-muted">{group.length}</span>
              </h2>
              <p className="mb-2 text-xs text-muted">{groupHints[status]}</p>
              <ul className="divide-y divide-line rounded-lg border border-line bg-surface">
                {group.map((cycle) => (
                  <PlanRow
                    key={cycle.id}
                    plan={cycle}
                    to={cyclePath(cycle.id)}
                    subtitle={cycleDates(cycle)}
                    status={<CycleStatusBadge status={cycle.status} />}
                  />
                ))}
              </ul>
            </section>
          );
        })
      )}
      <ArchivedCycles slug={slug} projectId={project.id} canEdit={canEdit} />
      {dialog}
    </div>
  );
}

function ArchivedCycles({ slug, projectId, canEdit }: { slug: string; projectId: string; canEdit: boolean }) {
  const archived = useArchivedCycles(slug, projectId);
  const unarchive = useUnarchiveCycle(slug, projectId);
  return (
    <ArchivedPlans
      kind={cyclesKind}
      archived={archived}
      unarchive={unarchive}
      canEdit={canEdit}
      describe={(cycle) => (
        <div>
          <p className="font-medium">{cycle.name}</p>
          <p className="text-xs text-muted">{cycleDates(cycle)}</p>
        </div>
      )}
    />
  );
}
