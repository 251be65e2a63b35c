import { useQuery, type UseMutationResult, type UseQueryResult } from '@tanstack/react-query';
import { FileQuestion, ListPlus } from 'lucide-react';
import { Link } from 'react-router';
import { countOf } from '@/lib/format.ts';
import { buttonClasses } from '@/components/ui/button.tsx';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { isApiError } from '@/lib/api-client.ts';
import { projectItemsQuery } from '@/lib/plane-plans.ts';
import type { Project, State, WorkItem } from '@/lib/plane-types.ts';
import { AddItemsDialog } from './add-items-dialog.tsx';
import { ItemRows } from './item-rows.tsx';

/**
 * What a cycle or module page shows while its plan loads or when it failed: "not here" (with a link back to
 * the list) for a 404, else the error with a retry.
 */
export function PlanQueryState({
  query,
  noun,
  listPath,
}: {
  query: UseQueryResult<unknown>;
  noun: 'cycle' | 'module';
  listPath: string;
}) {
  if (query.isPending) return <LoadingState label={`Loading the ${noun}…`} />;
  if (query.isError && isApiError(query.error, 'NOT_FOUND'))
    return (
      <EmptyState
        icon={FileQuestion}
        title={`This ${noun} is not here`}
        action={
          <Link to={listPath} className={buttonClasses()}>
            See all {noun}s
          </Link>
        }
      >
        It may have been archived or deleted. Archived {noun}s are listed at the bottom of the {noun}s page.
      </EmptyState>
    );
  return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
}

/**
 * The "Work items" section of a cycle or module page: count, loading and empty states, and the rows, each
 * with a remove button when `canRemove`.
 */
export function PlanItemsSection({
  headingId,
  planName,
  items,
  states,
  identifier,
  itemPath,
  remove,
  canRemove,
  emptyTitle,
  emptyText,
}: {
  headingId: string;
  planName: string;
  items: UseQueryResult<WorkItem[]>;
  states: UseQueryResult<State[]>;
  identifier: string;
  itemPath: (id: string) => string;
  remove: UseMutationResult<unknown, Error, string>;
  canRemove: boolean;
  emptyTitle: string;
  emptyText: string;
}) {
  const toast = useToast();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="mb-2 text-[15px] font-semibold">
        Work items {items.data && <span className="font-normal text-muted">{items.data.length}</span>}
      </h2>
      {items.isPending || states.isPending ? (
        <LoadingState label="Loading work items…" />
      ) : items.isError ? (
        <ErrorState error={items.error} onRetry={() => items.refetch()} />
      ) : items.data.length === 0 ? (
        <EmptyState icon={ListPlus} title={emptyTitle}>
          {emptyText}
        </EmptyState>
      ) : (
        <ItemRows
          items={items.data}
          states={states.data ?? []}
          identifier={identifier}
          itemPath={itemPath}
          label={`Work items of ${planName}`}
          removing={remove.isPending ? remove.variables : undefined}
          onRemove={
            canRemove
              ? (item) =>
                  remove.mutate(item.id, {
                    onSuccess: () => toast(`Took ${item.name} out of ${planName}`),
                    onError: (e) => toast(`Could not remove it: ${e.message}`, { tone: 'danger' }),
                  })
              : undefined
          }
        />
      )}
    </section>
  );
}

/**
 * The dialog that adds work items to a cycle or module: offers the project's items not in it yet
 * (`filters` selects the ones that are, e.g. `{cycle: id}`).
 */
export function AddPlanItemsDialog({
  slug,
  project,
  filters,
  planName,
  add,
  onClose,
}: {
  slug: string;
  project: Project;
  filters: Record<string, string>;
  planName: string;
  add: UseMutationResult<unknown, Error, string[]>;
  onClose: () => void;
}) {
  const all = useQuery(projectItemsQuery(slug, project.id, {}));
  const inPlan = useQuery(projectItemsQuery(slug, project.id, filters));
  const toast = useToast();
  const here = new Set((inPlan.data ?? []).map((i) => i.id));
  return (
    <AddItemsDialog
      open
      onClose={onClose}
      title={`Add work items to ${planName}`}
      candidates={(all.data ?? []).filter((i) => !here.has(i.id))}
      identifier={project.identifier}
      pending={add.isPending}
      error={add.error ?? all.error}
      onAdd={(ids) =>
        add.mutate(ids, {
          onSuccess: () => {
            toast(`Added ${countOf(ids.length, 'work item')} to ${planName}`);
            onClose();
          },
        })
      }
    />
  );
}
