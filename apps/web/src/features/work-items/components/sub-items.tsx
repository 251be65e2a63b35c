import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Spinner } from '@/components/ui/spinner.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { controlClasses } from '@/components/ui/field.tsx';
import { cn } from '@/lib/cn.ts';
import type { Project, State, WorkItem } from '@/lib/plane-types.ts';
import { useCreateWorkItem } from '../api/create-work-item.ts';
import { useWorkItems } from '../api/get-work-items.ts';
import { itemKey, PriorityIcon, StateDot } from './display.tsx';

interface SubItemsProps {
  slug: string;
  project: Project;
  parent: WorkItem;
  states: State[];
  canEdit: boolean;
  itemPath: (id: string) => string;
}

export function SubItems({ slug, project, parent, states, canEdit, itemPath }: SubItemsProps) {
  const children = useWorkItems(slug, project.id, { parent: parent.id, order_by: 'sequence_id' });
  const create = useCreateWorkItem(slug, project.id);
  const toast = useToast();
  const [name, setName] = useState('');
  // The list route filters by `parent`; checking here too keeps the section right whatever the server does.
  const rows = (children.data ?? []).filter((i) => i.parent === parent.id);
  const done = rows.filter((i) => {
    const group = states.find((s) => s.id === i.state)?.group;
    return group === 'completed' || group === 'cancelled';
  }).length;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    create.mutate(
      { name: trimmed, parent: parent.id },
      {
        onSuccess: (item) => {
          setName('');
          toast(`Created sub-item ${itemKey(project.identifier, item.sequence_id)}`);
        },
        onError: (error) => toast(`Could not add the sub-item: ${error.message}`, { tone: 'danger' }),
      },
    );
  };

  return (
    <section aria-labelledby="sub-items-heading">
      <h2 id="sub-items-heading" className="mb-2 flex items-center gap-2 text-[15px] font-semibold">
        Sub-items
        {rows.length > 0 && (
          <span className="text-[13px] font-normal text-muted">
            {done} of {rows.length} done
          </span>
        )}
        {children.isFetching && <Spinner className="size-3.5 text-muted" />}
      </h2>
      {rows.length > 0 && (
        <ul aria-label="Sub-items" className="mb-2 divide-y divide-line rounded-md border border-line">
          {rows.map((item) => (
            <li key={item.id} className="flex items-center gap-2.5 px-3 py-2">
              <StateDot state={states.find((s) => s.id === item.state)} />
              <span className="text-xs text-muted">{itemKey(project.identifier, item.sequence_id)}</span>
              <Link to={itemPath(item.id)} className="min-w-0 flex-1 truncate text-ink hover:underline">
                {item.name}
              </Link>
              <PriorityIcon priority={item.priority} />
            </li>
          ))}
        </ul>
      )}
      {rows.length === 0 && !canEdit && <p className="text-muted">No sub-items.</p>}
      {canEdit && (
        <form onSubmit={submit} className="flex gap-2">
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-label="Name of a new sub-item"
            placeholder="Add a sub-item, then Enter"
            disabled={create.isPending}
            className={cn(controlClasses, 'h-8 text-[13px]')}
          />
        </form>
      )}
    </section>
  );
}
