import { X } from 'lucide-react';
import { Link } from 'react-router';
import type { State, WorkItem } from '@/lib/plane-types.ts';

/**
 * Work items of a cycle or module as a compact list: key, name (a link), state; with a remove button per row
 * for people who may change the plan.
 */
export function ItemRows({
  items,
  states,
  identifier,
  itemPath,
  label,
  onRemove,
  removing,
}: {
  items: WorkItem[];
  states: State[];
  identifier: string;
  itemPath: (id: string) => string;
  /** Accessible name of the list, e.g. "Work items of Sprint 1". */
  label: string;
  onRemove?: (item: WorkItem) => void;
  removing?: string | undefined;
}) {
  const byId = new Map(states.map((s) => [s.id, s]));
  return (
    <ul aria-label={label} className="divide-y divide-line rounded-lg border border-line bg-surface">
      {items.map((item) => {
        const state = byId.get(item.state);
        const key = `${identifier}-${item.sequence_id}`;
        return (
          <li key={item.id} className="flex items-center gap-3 px-3 py-2">
            <span className="w-16 shrink-0 text-xs text-muted">{key}</span>
            <Link to={itemPath(item.id)} className="min-w-0 flex-1 truncate font-medium hover:underline">
              {item.name}
            </Link>
            <span className="flex w-32 shrink-0 items-center gap-1.5 text-[13px] text-muted">
              <span
                aria-hidden="true"
                className="inline-block size-2.5 shrink-0 rounded-full"
                style={{ backgroundColor: state?.color ?? '#888' }}
              />
              {state?.name ?? '—'}
            </span>
            {onRemove && (
              <button
                type="button"
                onClick={() => onRemove(item)}
                disabled={removing === item.id}
                aria-label={`Remove ${key} ${item.name}`}
                className="cursor-pointer rounded-md p-1 text-muted hover:bg-subtle hover:text-ink disabled:opacity-50"
              >
                <X className="size-4" aria-hidden="true" />
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
