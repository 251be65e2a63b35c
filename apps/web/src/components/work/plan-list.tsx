import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { Archive, ArchiveRestore, type LucideIcon } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button.tsx';
import { FeatureOff } from '@/components/ui/feature-off.tsx';
import { ProgressBar } from '@/components/ui/progress-bar.tsx';
import { ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { useUpdateProject } from '@/lib/plane-plans.ts';

/** The plural nouns of the project's plans, as the lists of cycles and modules say them. */
type PlanKind =
  | { title: 'Cycles'; noun: 'cycles'; flag: 'cycle_view' }
  | { title: 'Modules'; noun: 'modules'; flag: 'module_view' };

export const cyclesKind: PlanKind = { title: 'Cycles', noun: 'cycles', flag: 'cycle_view' };
export const modulesKind: PlanKind = { title: 'Modules', noun: 'modules', flag: 'module_view' };

/** Cycles or modules switched off for the project; a project admin can turn them on here. */
export function PlanFeatureOff({
  kind,
  slug,
  projectId,
  canManage,
  icon,
  children,
}: {
  kind: PlanKind;
  slug: string;
  projectId: string;
  canManage: boolean;
  icon: LucideIcon;
  children: ReactNode;
}) {
  const enable = useUpdateProject(slug, projectId);
  const toast = useToast();
  return (
    <FeatureOff
      icon={icon}
      title={`${kind.title} are off for this project`}
      canEnable={canManage}
      pending={enable.isPending}
      enableLabel={`Turn on ${kind.noun}`}
      onEnable={() =>
        enable.mutate(kind.flag === 'cycle_view' ? { cycle_view: true } : { module_view: true }, {
          onSuccess: () => toast(`${kind.title} are on`),
          onError: (e) => toast(`Could not turn ${kind.noun} on: ${e.message}`, { tone: 'danger' }),
        })
      }
    >
      {children}
    </FeatureOff>
  );
}

interface Plan {
  id: string;
  name: string;
  total_issues?: number | null;
  completed_issues?: number | null;
}

/** One cycle or module in its list: name (a link) with a line under it, progress, and its status badge. */
export function PlanRow({
  plan,
  to,
  subtitle,
  status,
  fixedStatusColumn = false,
}: {
  plan: Plan;
  to: string;
  subtitle: string;
  status: ReactNode;
  /** A 7rem status column (modules) instead of one as wide as the badge (cycles). */
  fixedStatusColumn?: boolean;
}) {
  const total = plan.total_issues ?? 0;
  const done = plan.completed_issues ?? 0;
  return (
    <li
      className={
        fixedStatusColumn
          ? 'grid grid-cols-[minmax(0,1fr)_12rem_7rem] items-center gap-4 px-4 py-3'
          : 'grid grid-cols-[minmax(0,1fr)_12rem_auto] items-center gap-4 px-4 py-3'
      }
    >
      <div className="min-w-0">
        <Link to={to} className="font-medium hover:underline">
          {plan.name}
        </Link>
        <p className="text-xs text-muted">{subtitle}</p>
      </div>
      <div>
        <ProgressBar done={done} total={total} label={`Progress of ${plan.name}`} />
        <p className="mt-1 text-xs text-muted">
          {total === 0 ? 'No work items yet' : `${done} of ${total} done`}
        </p>
      </div>
      {status}
    </li>
  );
}

/**
 * The folded "Archived cycles/modules" section at the bottom of a list; hidden when nothing is archived.
 * `describe` renders the name (and any detail) of one archived plan.
 */
export function ArchivedPlans<T extends { id: string; name: string }>({
  kind,
  archived,
  unarchive,
  canEdit,
  describe,
}: {
  kind: PlanKind;
  archived: UseQueryResult<T[]>;
  unarchive: UseMutationResult<unknown, Error, string>;
  canEdit: boolean;
  describe: (plan: T) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const toast = useToast();
  const count = archived.data?.length ?? 0;
  if (archived.isSuccess && count === 0) return null;
  const headingId = `archived-${kind.noun}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="text-[13px] font-semibold">
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
          className="inline-flex cursor-pointer items-center gap-1.5 hover:underline"
        >
          <Archive className="size-4" aria-hidden="true" />
          Archived {kind.noun} {archived.isSuccess && <span className="font-normal text-muted">{count}</span>}
        </button>
      </h2>
      {open &&
        (archived.isPending ? (
          <LoadingState label={`Loading archived ${kind.noun}…`} />
        ) : archived.isError ? (
          <ErrorState error={archived.error} onRetry={() => archived.refetch()} />
        ) : (
          <ul className="mt-2 divide-y divide-line rounded-lg border border-line bg-surface">
            {archived.data.map((plan) => (
              <li key={plan.id} className="flex items-center justify-between gap-3 px-4 py-2.5">
                {describe(plan)}
                {canEdit && (
                  <Button
                    size="sm"
                    pending={unarchive.isPending && unarchive.variables === plan.id}
                    onClick={() =>
                      unarchive.mutate(plan.id, {
                        onSuccess: () => toast(`${plan.name} is back among the ${kind.noun}`),
                        onError: (e) => toast(`Could not unarchive: ${e.message}`, { tone: 'danger' }),
                      })
                    }
                  >
                    <ArchiveRestore className="size-4" aria-hidden="true" />
                    Unarchive {plan.name}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
