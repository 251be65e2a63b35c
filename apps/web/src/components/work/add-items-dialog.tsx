import { Search } from 'lucide-react';
import { useState } from 'react';
import { countOf } from '@/lib/format.ts';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { controlClasses } from '@/components/ui/field.tsx';
import { cn } from '@/lib/cn.ts';
import type { WorkItem } from '@/lib/plane-types.ts';

/** Picks work items to add to a cycle or module: type to narrow by name or key, tick, add. */
export function AddItemsDialog({
  open,
  onClose,
  title,
  candidates,
  identifier,
  pending,
  error,
  onAdd,
  note,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  candidates: WorkItem[];
  identifier: string;
  pending: boolean;
  error: unknown;
  onAdd: (ids: string[]) => void;
  note?: (item: WorkItem) => string | undefined;
}) {
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const close = () => {
    setText('');
    setPicked([]);
    onClose();
  };
  const words = text.trim().toLowerCase();
  const shown = candidates.filter(
    (item) =>
      !words ||
      item.name.toLowerCase().includes(words) ||
      `${identifier}-${item.sequence_id}`.toLowerCase().includes(words),
  );
  const toggle = (id: string) =>
    setPicked((current) => (current.includes(id) ? current.filter((p) => p !== id) : [...current, id]));

  return (
    <Dialog
      open={open}
      onClose={close}
      title={title}
      className="w-[min(34rem,calc(100vw-2rem))]"
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button
            variant="primary"
            pending={pending}
            disabled={picked.length === 0}
            onClick={() => onAdd(picked)}
          >
            Add {picked.length > 0 ? countOf(picked.length, 'work item') : 'work items'}
          </Button>
        </>
      }
    >
      {error instanceof Error && <Alert>{error.message}</Alert>}
      <div className="relative mb-3">
        <Search
          className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-muted"
          aria-hidden="true"
        />
        <input
          type="search"
          aria-label="Find work items by name or key"
          placeholder="Find by name or key…"
          value={text}
          autoFocus
          onChange={(e) => setText(e.target.value)}
          className={cn(controlClasses, 'h-9 pl-8')}
        />
      </div>
      {candidates.length === 0 ? (
        <p className="py-6 text-center text-muted">
          Every work item of the project is already here. Create new ones with “New work item”.
        </p>
      ) : shown.length === 0 ? (
        <p className="py-6 text-center text-muted">No work item matches “{text.trim()}”.</p>
      ) : (
        <fieldset className="max-h-72 overflow-y-auto rounded-md border border-line">
          <legend className="sr-only">Work items to add</legend>
          {shown.map((item) => {
            const extra = note?.(item);
            return (
              <label
                key={item.id}
                className="flex cursor-pointer items-center gap-2.5 border-b border-line px-3 py-2 last:border-b-0 hover:bg-subtle"
              >
                <input
                  type="checkbox"
                  checked={picked.includes(item.id)}
                  onChange={() => toggle(item.id)}
                  className="size-4 accent-accent"
                />
                <span className="w-16 shrink-0 text-xs text-muted">
                  {identifier}-{item.sequence_id}
                </span>
                <span className="min-w-0 flex-1 truncate">{item.name}</span>
                {extra && <span className="text-xs text-muted">{extra}</span>}
              </label>
            );
          })}
        </fieldset>
      )}
    </Dialog>
  );
}
