import { AlertTriangle, SignalHigh, SignalLow, SignalMedium, Minus } from 'lucide-react';
import { Avatar } from '@/components/ui/avatar.tsx';
import { cn } from '@/lib/cn.ts';
import type { Label, Priority, State, UserLite } from '@/lib/plane-types.ts';
import { personName } from '../api/get-project-members.ts';

export const priorityLabels: Record<Priority, string> = {
  urgent: 'Urgent',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  none: 'No priority',
};

const priorityIcons = {
  urgent: AlertTriangle,
  high: SignalHigh,
  medium: SignalMedium,
  low: SignalLow,
  none: Minus,
};

export const stateGroupLabels = {
  backlog: 'Backlog',
  unstarted: 'Unstarted',
  started: 'Started',
  completed: 'Completed',
  cancelled: 'Cancelled',
} as const;

/** `WEB-12`. */
export const itemKey = (identifier: string, sequenceId: number) => `${identifier}-${sequenceId}`;

export function PriorityIcon({ priority, className }: { priority: Priority; className?: string }) {
  const Icon = priorityIcons[priority];
  return (
    <Icon
      aria-hidden="true"
      className={cn(
        'size-3.5 shrink-0',
        priority === 'urgent' ? 'text-danger' : priority === 'none' ? 'text-muted' : 'text-ink',
        className,
      )}
    />
  );
}

export function StateDot({ state }: { state: Pick<State, 'color' | 'group'> | undefined }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        'inline-block size-2.5 shrink-0 rounded-full border',
        state?.group === 'completed' || state?.group === 'cancelled'
          ? 'border-transparent'
          : 'border-current',
      )}
      style={{ color: state?.color ?? '#888', backgroundColor: state?.color ?? 'transparent' }}
    />
  );
}

/** Avatars of the assignees; the names are read out once, as a list. */
export function Assignees({ ids, people, max = 3 }: { ids: string[]; people: UserLite[]; max?: number }) {
  if (ids.length === 0) return null;
  const names = ids.map((id) => {
    const person = people.find((p) => p.id === id);
    return person ? personName(person) : 'Former member';
  });
  return (
    <span className="inline-flex items-center" title={names.join(', ')}>
      <span className="sr-only">Assigned to {names.join(', ')}</span>
      <span className="flex -space-x-1.5">
        {names.slice(0, max).map((name, index) => (
          <span key={index} className="rounded-full ring-2 ring-surface">
            <Avatar name={name} size="sm" />
          </span>
        ))}
      </span>
      {names.length > max && <span className="ml-1 text-xs text-muted">+{names.length - max}</span>}
    </span>
  );
}

export function LabelChips({ ids, labels }: { ids: string[]; labels: Label[] }) {
  const shown = ids.map((id) => labels.find((l) => l.id === id)).filter((l): l is Label => !!l);
  if (shown.length === 0) return null;
  return (
    <span className="flex flex-wrap gap-1">
      {shown.map((label) => (
        <span
          key={label.id}
          className="inline-flex items-center gap-1 rounded-full border border-line px-1.5 py-px text-[11px] text-muted"
        >
          <span
            aria-hidden="true"
            className="size-1.5 rounded-full"
            style={{ backgroundColor: label.color || '#888' }}
          />
          {label.name}
        </span>
      ))}
    </span>
  );
}
