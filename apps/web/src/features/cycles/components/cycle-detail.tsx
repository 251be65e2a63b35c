import { Archive, ArrowRightLeft, ListPlus, Pencil } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { AddPlanItemsDialog, PlanItemsSection, PlanQueryState } from '@/components/work/plan-items.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import type { Cycle, Project } from '@/lib/plane-types.ts';
import { useProjectItems, useProjectStates } from '../api/cycle-items.ts';
import { useCycleBurndown, useCycleProgress } from '../api/cycle-stats.ts';
import {
  useAddCycleItems,
  useArchiveCycle,
  useCycle,
  useCycles,
  useRemoveCycleItem,
  useTransferCycle,
  useUpdateCycle,
} from '../api/cycles.ts';
import { BurndownChart } from './burndown-chart.tsx';
import { cycleDates, CycleStatusBadge } from './cycle-display.tsx';
import { CycleFormDialog } from './cycle-form-dialog.tsx';
import { ProgressBreakdown } from '@/components/work/progress-breakdown.tsx';
import { TransferDialog } from './transfer-dialog.tsx';

interface CycleDetailProps {
  slug: string;
  project: Project;
  cycleId: string;
  canEdit: boolean;
  itemPath: (id: string) => string;
  cyclesPath: string;
  onTitle: (title: string) => void;
  /** Time logged in this cycle, when the project tracks time (from the time feature). */
  timePanel?: ReactNode;
}

type Open = 'edit' | 'add' | 'transfer' | 'archive' | null;

export function CycleDetail(props: CycleDetailProps) {
  const { slug, project, cycleId, canEdit, itemPath, cyclesPath, onTitle, timePanel } = props;
  const cycle = useCycle(slug, project.id, cycleId);
  const progress = useCycleProgress(slug, project.id, cycleId);
  const burndown = useCycleBurndown(slug, project.id, cycleId);
  const items = useProjectItems(slug, project.id, { cycle: cycleId });
  const states = useProjectStates(slug, project.id);
  const [open, setOpen] = useState<Open>(null);
  const toast = useToast();
  const navigate = useNavigate();

  const update = useUpdateCycle(slug, project.id, cycleId);
  const remove = useRemoveCycleItem(slug, project.id, cycleId);
  const archive = useArchiveCycle(slug, project.id);

  useEffect(() => {
    if (cycle.data) onTitle(cycle.data.name);
  }, [cycle.data, onTitle]);

  if (cycle.isPending || cycle.isError)
    return <PlanQueryState query={cycle} noun="cycle" listPath={cyclesPath} />;
  const data = cycle.data;
  const ended = data.status === 'completed';
  const pendingCount = progress.data?.pending_items ?? 0;
  const close = () => setOpen(null);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <nav aria-label="Cycle" className="mb-1 text-[13px] text-muted">
            <Link to={cyclesPath} className="hover:text-ink hover:underline">
              Cycles
            </Link>
          </nav>
          <div className="flex items-center gap-2">
            <h1 className="text-lg font-semibold">{data.name}</h1>
            <CycleStatusBadge status={data.status} />
          </div>
          <p className="text-[13px] text-muted">{cycleDates(data)}</p>
        </div>
        {canEdit && (
          <div className="flex flex-wrap gap-2">
            {!ended && (
              <>
                <Button size="sm" onClick={() => setOpen('edit')}>
                  <Pencil className="size-4" aria-hidden="true" />
                  Edit cycle
                </Button>
                <Button size="sm" variant="primary" onClick={() => setOpen('add')}>
                  <ListPlus className="size-4" aria-hidden="true" />
                  Add work items
                </Button>
              </>
            )}
            {ended && pendingCount > 0 && (
              <Button size="sm" variant="primary" onClick={() => setOpen('transfer')}>
                <ArrowRightLeft className="size-4" aria-hidden="true" />
                Transfer unfinished items
              </Button>
            )}
            {ended && (
              <Button size="sm" onClick={() => setOpen('archive')}>
                <Archive className="size-4" aria-hidden="true" />
                Archive cycle
              </Button>
            )}
          </div>
        )}
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader
            title="Progress"
            headingId="cycle-progress"
            description={
              progress.data
                ? `${progress.data.completed_items} of ${progress.data.total_items} work items done`
                : undefined
            }
          />
          <div className="p-5">
            {progress.isPending ? (
              <LoadingState label="Loading progress…" />
            ) : progress.isError ? (
              <ErrorState error={progress.error} onRetry={() => progress.refetch()} />
            ) : (
              <ProgressBreakdown progress={progress.data} />
            )}
          </div>
        </Card>
        <Card>
          <CardHeader title="Burndown" headingId="cycle-burndown" description="Open work items per day" />
          <div className="p-5">
            {burndown.isPending ? (
              <LoadingState label="Loading the burndown…" />
            ) : burndown.isError ? (
              <ErrorState error={burndown.error} onRetry={() => burndown.refetch()} />
            ) : burndown.data.days.length === 0 ? (
              <p className="py-10 text-center text-muted">
                A draft has no days to chart. {canEdit ? 'Use “Edit cycle” to give it dates.' : ''}
              </p>
            ) : (
              <BurndownChart burndown={burndown.data} name={data.name} />
            )}
          </div>
        </Card>
      </div>

      {timePanel}

      <PlanItemsSection
        headingId="cycle-items"
        planName={data.name}
        items={items}
        states={states}
        identifier={project.identifier}
        itemPath={itemPath}
        remove={remove}
        canRemove={canEdit && !ended}
        emptyTitle="No work items in this cycle"
        emptyText={
          canEdit && !ended
            ? 'Use “Add work items” to plan what this cycle should finish.'
            : 'Nothing was planned into this cycle.'
        }
      />

      {canEdit && (
        <>
          <CycleFormDialog
            open={open === 'edit'}
            onClose={() => {
              update.reset();
              close();
            }}
            cycle={data}
            pending={update.isPending}
            error={update.error}
            onSubmit={(input) =>
              update.mutate(input, {
                onSuccess: () => {
                  toast('Cycle saved');
                  close();
                },
              })
            }
          />
          {open === 'add' && (
            <AddToCycle
              slug={slug}
              project={project}
              cycleId={cycleId}
              cycleName={data.name}
              onClose={close}
            />
          )}
          {open === 'transfer' && (
            <Transfer
              slug={slug}
              project={project}
              cycle={data}
              pendingCount={pendingCount}
              onClose={close}
            />
          )}
          <ConfirmDialog
            open={open === 'archive'}
            title={`Archive ${data.name}?`}
            description="It leaves the list of cycles and keeps its work items and progress. You can unarchive it from the bottom of the cycles page."
            confirmLabel="Archive cycle"
            pending={archive.isPending}
            error={archive.error}
            onClose={() => {
              archive.reset();
              close();
            }}
            onConfirm={() =>
              archive.mutate(cycleId, {
                onSuccess: () => {
                  toast(`Archived ${data.name}`);
                  navigate(cyclesPath);
                },
              })
            }
          />
        </>
      )}
    </div>
  );
}

function AddToCycle({
  slug,
  project,
  cycleId,
  cycleName,
  onClose,
}: {
  slug: string;
  project: Project;
  cycleId: string;
  cycleName: string;
  onClose: () => void;
}) {
  const add = useAddCycleItems(slug, project.id, cycleId);
  return (
    <AddPlanItemsDialog
      slug={slug}
      project={project}
      filters={{ cycle: cycleId }}
      planName={cycleName}
      add={add}
      onClose={onClose}
    />
  );
}

function Transfer({
  slug,
  project,
  cycle,
  pendingCount,
  onClose,
}: {
  slug: string;
  project: Project;
  cycle: Cycle;
  pendingCount: number;
  onClose: () => void;
}) {
  const cycles = useCycles(slug, project.id);
  const transfer = useTransferCycle(slug, project.id, cycle.id);
  const toast = useToast();
  const targets = (cycles.data ?? []).filter((c) => c.id !== cycle.id && c.status !== 'completed');
  return (
    <TransferDialog
      open
      onClose={onClose}
      cycle={cycle}
      pendingCount={pendingCount}
      targets={targets}
      pending={transfer.isPending}
      error={transfer.error}
      onTransfer={(target) =>
        transfer.mutate(target, {
          onSuccess: () => {
            const name = targets.find((t) => t.id === target)?.name ?? 'the other cycle';
            toast(`Moved the unfinished work items to ${name}`);
            onClose();
          },
        })
      }
    />
  );
}
