import { Link2, Search, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { controlClasses } from '@/components/ui/field.tsx';
import { Spinner } from '@/components/ui/spinner.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { cn } from '@/lib/cn.ts';
import { relationTypes, type RelationType } from '@/lib/plane-types.ts';
import {
  useAddRelation,
  useItemSearch,
  useRelatedItems,
  useRelations,
  useRemoveRelation,
} from '../api/relations.ts';

export const relationLabels: Record<RelationType, string> = {
  blocking: 'Blocks',
  blocked_by: 'Blocked by',
  duplicate: 'Duplicate of',
  relates_to: 'Relates to',
  start_before: 'Starts before',
  start_after: 'Starts after',
  finish_before: 'Finishes before',
  finish_after: 'Finishes after',
};

const addable: RelationType[] = ['blocking', 'blocked_by', 'duplicate', 'relates_to'];

interface RelationsSectionProps {
  slug: string;
  projectId: string;
  itemId: string;
  canEdit: boolean;
  itemHref: (projectId: string, itemId: string) => string;
}

/** Blocks, blocked by, duplicates and related items; add one by searching, remove with its button. */
export function RelationsSection({ slug, projectId, itemId, canEdit, itemHref }: RelationsSectionProps) {
  const relations = useRelations(slug, projectId, itemId);
  const ends = relationTypes.flatMap((t) => relations.data?.[t] ?? []);
  const related = useRelatedItems(slug, ends);
  const remove = useRemoveRelation(slug, projectId, itemId);
  const toast = useToast();
  const present = relationTypes.filter((t) => (relations.data?.[t].length ?? 0) > 0);

  return (
    <section aria-labelledby="relations-heading">
      <h2 id="relations-heading" className="mb-2 text-[15px] font-semibold">
        Relations
      </h2>
      {relations.isPending ? (
        <p role="status" className="flex items-center gap-2 text-muted">
          <Spinner /> Loading relations…
        </p>
      ) : relations.isError ? (
        <p role="alert" className="text-danger">
          Relations could not be loaded: {relations.error.message}{' '}
          <button type="button" className="underline" onClick={() => relations.refetch()}>
            Try again
          </button>
        </p>
      ) : present.length === 0 ? (
        <p className="mb-3 text-muted">
          No relations yet.
          {canEdit && ' Say what blocks this item or what it duplicates with the search below.'}
        </p>
      ) : (
        <div className="mb-3 space-y-3">
          {present.map((type) => (
            <div key={type}>
              <h3 className="mb-1 text-xs font-semibold text-muted uppercase">{relationLabels[type]}</h3>
              <ul
                aria-label={relationLabels[type]}
                className="divide-y divide-line rounded-lg border border-line bg-surface"
              >
                {relations.data[type].map((end) => {
                  const item = related.get(end.issue_id);
                  const key = item ? `${item.identifier}-${item.sequence_id}` : '';
                  return (
                    <li key={end.issue_id} className="flex items-center gap-3 px-3 py-2">
                      <span className="w-16 shrink-0 text-xs text-muted">{key}</span>
                      <Link
                        to={itemHref(end.project_id, end.issue_id)}
                        className="min-w-0 flex-1 truncate hover:underline"
                      >
                        {item?.name ?? 'Loading…'}
                      </Link>
                      {canEdit && (
                        <button
                          type="button"
                          aria-label={`Remove relation: ${relationLabels[type].toLowerCase()} ${key} ${item?.name ?? ''}`.trim()}
                          disabled={remove.isPending && remove.variables === end.issue_id}
                          onClick={() =>
                            remove.mutate(end.issue_id, {
                              onError: (e) =>
                                toast(`Could not remove the relation: ${e.message}`, { tone: 'danger' }),
                            })
                          }
                          className="cursor-pointer rounded-md p-1 text-muted hover:bg-subtle hover:text-ink disabled:opacity-50"
                        >
                          <X className="size-4" aria-hidden="true" />
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </div>
      )}
      {canEdit && <AddRelation slug={slug} projectId={projectId} itemId={itemId} />}
    </section>
  );
}

function AddRelation({ slug, projectId, itemId }: { slug: string; projectId: string; itemId: string }) {
  const [type, setType] = useState<RelationType>('blocked_by');
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const add = useAddRelation(slug, projectId, itemId);
  const toast = useToast();
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(text.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [text]);
  const search = useItemSearch(slug, query);
  const hits = (search.data?.issues ?? []).filter((h) => h.id !== itemId);

  return (
    <div className="rounded-lg border border-dashed border-line p-3" role="group" aria-label="Add a relation">
      <div className="flex flex-wrap gap-2">
        <div className="w-40 shrink-0">
          <label htmlFor="relation-type" className="sr-only">
            Relation
          </label>
          <select
            id="relation-type"
            value={type}
            onChange={(e) => setType(e.target.value as RelationType)}
            className={cn(controlClasses, 'h-8 pr-7 text-[13px]')}
          >
            {addable.map((t) => (
              <option key={t} value={t}>
                {relationLabels[t]}
              </option>
            ))}
          </select>
        </div>
        <div className="relative min-w-48 flex-1">
          <Search
            className="pointer-events-none absolute top-2 left-2.5 size-4 text-muted"
            aria-hidden="true"
          />
          <input
            type="search"
            aria-label="Find a work item to relate"
            aria-describedby="relation-results-note"
            placeholder="Find a work item by name or key…"
            value={text}
            onChange={(e) => setText(e.target.value)}
            className={cn(controlClasses, 'h-8 pl-8 text-[13px]')}
          />
        </div>
      </div>
      <p id="relation-results-note" className="sr-only">
        Results appear below as buttons; choose one to add the relation.
      </p>
      {query && (
        <div className="mt-2" aria-live="polite">
          {search.isPending ? (
            <p className="flex items-center gap-2 text-[13px] text-muted">
              <Spinner className="size-3.5" /> Searching…
            </p>
          ) : search.isError ? (
            <p role="alert" className="text-[13px] text-danger">
              {search.error.message}
            </p>
          ) : hits.length === 0 ? (
            <p className="text-[13px] text-muted">No work item matches “{query}”.</p>
          ) : (
            <ul aria-label="Matching work items" className="space-y-1">
              {hits.map((hit) => {
                const key = `${hit.project__identifier}-${hit.sequence_id}`;
                return (
                  <li key={hit.id}>
                    <button
                      type="button"
                      disabled={add.isPending}
                      onClick={() =>
                        add.mutate(
                          { relation_type: type, issues: [hit.id] },
                          {
                            onSuccess: () => {
                              toast(`${relationLabels[type]} ${key}`);
                              setText('');
                              setQuery('');
                            },
                            onError: (e) => toast(`Could not relate them: ${e.message}`, { tone: 'danger' }),
                          },
                        )
                      }
                      className="flex w-full cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-left hover:bg-subtle disabled:opacity-60"
                    >
                      <Link2 className="size-3.5 text-muted" aria-hidden="true" />
                      <span className="sr-only">{relationLabels[type]}: </span>
                      <span className="w-16 shrink-0 text-xs text-muted">{key}</span>
                      <span className="truncate">{hit.name}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
