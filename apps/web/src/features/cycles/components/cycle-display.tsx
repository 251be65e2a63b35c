import { Badge } from '@/components/ui/badge.tsx';
import { formatDate } from '@/lib/format.ts';
import type { Cycle, CycleStatus } from '@/lib/plane-types.ts';

export const cycleStatusLabels: Record<CycleStatus, string> = {
  current: 'Current',
  upcoming: 'Upcoming',
  draft: 'Draft',
  completed: 'Completed',
};

const tones = { current: 'accent', upcoming: 'warning', draft: 'neutral', completed: 'success' } as const;

export function CycleStatusBadge({ status }: { status: CycleStatus }) {
  return <Badge tone={tones[status]}>{cycleStatusLabels[status]}</Badge>;
}

/** "Nov 17, 2026 – Nov 30, 2026", or a hint that a draft has no dates yet. */
export function cycleDates(cycle: Pick<Cycle, 'start_date' | 'end_date'>): string {
  if (!cycle.start_date || !cycle.end_date) return 'No dates yet';
  return `${formatDate(cycle.start_date)} – ${formatDate(cycle.end_date)}`;
}

/** The calendar day of a datetime the server sent in the reader's zone (`2026-11-17T…` → `2026-11-17`). */
export const dayOf = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
