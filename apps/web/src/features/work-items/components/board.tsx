import { Ellipsis, Kanban, Plus } from 'lucide-react';
import { memo, useCallback, useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Menu } from '@/components/ui/menu.tsx';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { ApiError } from '@/lib/api-client.ts';
import { cn } from '@/lib/cn.ts';
import type { Label, Project, State, UserLite, WorkItem } from '@/lib/plane-types.ts';
import { useCreateWorkItem } from '../api/create-work-item.ts';
import { useLabels } from '../api/get-labels.ts';
import { useProjectMembers } from '../api/get-project-members.ts';
import { useStates } from '../api/get-states.ts';
import { useWorkItems } from '../api/get-work-items.ts';
import { useUpdateWorkItem } from '../api/update-work-item.ts';
import { Assignees, itemKey, LabelChips, PriorityIcon, priorityLabels, StateDot } from './display.tsx';

interface BoardProps {
  slug: string;
  project: Project;
  canEdit: boolean;
  itemPath: (id: string) => string;
}

const boardFilters = { order_by: 'sort_order' };

/**
 * Columns by state. A card moves by dragging it to another column or, from the keyboard, with its "Move"
 * menu; the board shows the move at once and puts the card back, with a message, if the server refuses.
 */
export function Board({ slug, project, canEdit, itemPath }: BoardProps) {
  const states = useStates(slug, project.id);
  const items = useWorkItems(slug, project.id, boardFilters);
  const members = useProjectMembers(slug, project.id);
  const labels = useLabels(slug, project.id);
  const update = useUpdateWorkItem(slug, project.id);
  const toast = useToast();
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const refocus = useRef<string | null>(null);
  const takeFocus = useCallback((id: string) => {
    if (refocus.current !== id) return false;
    refocus.current = null;
    return true;
  }, []);
  const { mutate } = update;
  const refetchStates = states.refetch;
  const move = useCallback(
    (item: WorkItem, state: State) => {
      if (item.state === state.id) return;
      const key = itemKey(project.identifier, item.sequence_id);
      setAnnouncement(`Moved ${key} to ${state.name}`);
      mutate(
        { id: item.id, patch: { state: state.id } },
        {
          onError: (error) => {
            setAnnouncement(`${key} is back in its column: the move was refused`);
            // A state deleted meanwhile: say so in words, and show the columns the project has now.
            const gone = error instanceof ApiError && error.field === 'state';
            const reason = gone ? `“${state.name}” no longer exists.` : error.message;
            toast(`Could not move ${key} to ${state.name}: ${reason}`, { tone: 'danger' });
            if (gone) void refetchStates();
          },
        },
      );
    },
    [project.identifier, mutate, toast, refetchStates],
  );
  // Cards are memoized (a drag re-renders the board on every column it crosses), so what they are handed keeps
  // its identity from render to render.
  const onMove = useCallback(
    (item: WorkItem, to: State, fromMenu?: boolean) => {
      if (fromMenu) refocus.current = item.id;
      move(item, to);
    },
    [move],
  );
  const onDragEnd = useCallback(() => {
    setDragging(null);
    setOver(null);
  }, []);

  if (states.isPending || items.isPending) return <LoadingState label="Loading the board…" />;
  if (states.isError) return <ErrorState error={states.error} onRetry={() => states.refetch()} />;
  if (items.isError) return <ErrorState error={items.error} onRetry={() => items.refetch()} />;
  if (states.data.length === 0)
    return (
      <EmptyState icon={Kanban} title="This project has no states">
        A board needs states for its columns. Add states to the project through the API.
      </EmptyState>
    );

  const onDrop = (event: DragEvent<HTMLElement>, state: State) => {
    event.preventDefault();
    const id = event.dataTransfer.getData('text/plain') || dragging;
    setDragging(null);
    setOver(null);
    const item = items.data.find((i) => i.id === id);
    if (item) move(item, state);
  };

  return (
    <>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      <div className="-mx-5 flex gap-3 overflow-x-auto px-5 pb-4 sm:-mx-8 sm:px-8" data-testid="board">
        {states.data.map((state) => {
          const cards = items.data.filter((i) => i.state === state.id);
          return (
            <section
              key={state.id}
              aria-label={`${state.name}: ${cards.length} ${cards.length === 1 ? 'item' : 'items'}`}
              data-state={state.name}
              onDragOver={(event) => {
                if (!dragging) return;
                event.preventDefault();
                event.dataTransfer.dropEffect = 'move';
                if (over !== state.id) setOver(state.id);
              }}
              onDragLeave={(event) => {
                if (!event.currentTarget.contains(event.relatedTarget as Node)) setOver(null);
              }}
              onDrop={(event) => onDrop(event, state)}
              className={cn(
                'flex max-h-[calc(100vh-13rem)] w-72 shrink-0 flex-col rounded-lg border bg-subtle/60',
                over === state.id ? 'border-accent-text' : 'border-transparent',
              )}
            >
              <h2 className="flex items-center gap-2 px-3 pt-3 pb-2 text-[13px] font-semibold">
                <StateDot state={state} />
                <span className="truncate">{state.name}</span>
                <span className="font-normal text-muted">{cards.length}</span>
              </h2>
              <ul className="flex-1 space-y-2 overflow-y-auto px-2 pb-2" aria-label={`${state.name} items`}>
                {cards.map((item) => (
                  <Card
                    key={item.id}
                    item={item}
                    project={project}
                    states={states.data}
                    people={members.data ?? noPeople}
                    labels={labels.data ?? noLabels}
                    canEdit={canEdit}
                    href={itemPath(item.id)}
                    dragging={dragging === item.id}
                    onDragStart={setDragging}
                    onDragEnd={onDragEnd}
                    onMove={onMove}
                    takeFocus={takeFocus}
                  />
                ))}
              </ul>
              {canEdit && <QuickCreate slug={slug} project={project} state={state} />}
            </section>
          );
        })}
      </div>
    </>
  );
}

interface CardProps {
  item: WorkItem;
  project: Project;
  states: State[];
  people: UserLite[];
  labels: Label[];
  canEdit: boolean;
  href: string;
  dragging: boolean;
  onDragStart: (id: string) => void;
  onDragEnd: () => void;
  /** `fromMenu`: the card mounts again in its new column and should take the keyboard focus back. */
  onMove: (item: WorkItem, state: State, fromMenu?: boolean) => void;
  /** True once for the card that was just moved from its menu. */
  takeFocus: (id: string) => boolean;
}

const noPeople: UserLite[] = [];
const noLabels: Label[] = [];

const Card = memo(function Card(props: CardProps) {
  const { item, project, states, people, labels, canEdit, href, dragging, takeFocus, ...handlers } = props;
  const key = itemKey(project.identifier, item.sequence_id);
  const menuRef = useRef<HTMLSpanElement>(null);
  // A card moved from its menu mounts again in its new column: the keyboard stays on its menu button.
  useEffect(() => {
    if (takeFocus(item.id)) menuRef.current?.querySelector('button')?.focus();
  }, [item.id, item.state, takeFocus]);
  return (
    <li
      draggable={canEdit}
      data-testid={`card-${key}`}
      onDragStart={(event) => {
        event.dataTransfer.setData('text/plain', item.id);
        event.dataTransfer.effectAllowed = 'move';
        handlers.onDragStart(item.id);
      }}
      onDragEnd={handlers.onDragEnd}
      className={cn(
        'group relative rounded-md border border-line bg-surface p-2.5 shadow-xs transition-opacity',
        canEdit && 'cursor-grab active:cursor-grabbing',
        dragging && 'opacity-50',
      )}
    >
      <div className="flex items-start gap-2">
        <span className="text-xs font-medium text-muted">{key}</span>
        <span className="ml-auto flex items-center gap-1">
          <PriorityIcon priority={item.priority} />
          <span className="sr-only">Priority: {priorityLabels[item.priority]}</span>
        </span>
        {canEdit && (
          <span ref={menuRef} className="relative z-10">
            <Menu
              label={`Move ${key}`}
              align="end"
              triggerClassName="-m-1 rounded p-1 text-muted hover:bg-subtle hover:text-ink"
              trigger={<Ellipsis className="size-3.5" aria-hidden="true" />}
              items={states
                .filter((s) => s.id !== item.state)
                .map((s) => ({
                  id: s.id,
                  label: `Move to ${s.name}`,
                  prefix: <StateDot state={s} />,
                  onSelect: () => handlers.onMove(item, s, true),
                }))}
            />
          </span>
        )}
      </div>
      <Link
        to={href}
        draggable={false}
        className="mt-1 block font-medium text-ink after:absolute after:inset-0 after:content-[''] hover:underline"
      >
        {item.name}
      </Link>
      {(item.assignees.length > 0 || item.labels.length > 0) && (
        <div className="relative mt-2 flex items-end justify-between gap-2">
          <LabelChips ids={item.labels} labels={labels} />
          <span className="ml-auto">
            <Assignees ids={item.assignees} people={people} />
          </span>
        </div>
      )}
    </li>
  );
});

function QuickCreate({ slug, project, state }: { slug: string; project: Project; state: State }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const create = useCreateWorkItem(slug, project.id);
  const toast = useToast();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    create.mutate(
      { name: trimmed, state: state.id },
      {
        onSuccess: (item) => {
          setName('');
          toast(`Created ${itemKey(project.identifier, item.sequence_id)}`);
        },
        onError: (error) => toast(`Could not create the work item: ${error.message}`, { tone: 'danger' }),
      },
    );
  };

  if (!open)
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="m-2 mt-0 flex cursor-pointer items-center gap-1.5 rounded-md px-2 py-1.5 text-muted hover:bg-surface hover:text-ink"
      >
        <Plus className="size-4" aria-hidden="true" />
        Add work item<span className="sr-only"> to {state.name}</span>
      </button>
    );
  return (
    <form onSubmit={submit} className="m-2 mt-0">
      <input
        autoFocus
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            setOpen(false);
          }
        }}
        onBlur={() => !name.trim() && setOpen(false)}
        aria-label={`Name of the new work item in ${state.name}`}
        placeholder="Name, then Enter"
        disabled={create.isPending}
        className="h-9 w-full rounded-md border border-line-strong bg-surface px-2.5 text-sm text-ink placeholder:text-muted focus-visible:outline-2 focus-visible:outline-accent-text"
      />
    </form>
  );
}
