import { Badge } from '@/components/ui/badge.tsx';
import type { Module, ModuleStatus } from '@/lib/plane-types.ts';
import { moduleStatusLabels } from '../api/modules.ts';

const tones: Record<ModuleStatus, 'neutral' | 'accent' | 'success' | 'warning' | 'danger'> = {
  backlog: 'neutral',
  planned: 'neutral',
  'in-progress': 'accent',
  paused: 'warning',
  completed: 'success',
  cancelled: 'danger',
};

export function ModuleStatusBadge({ status }: { status: ModuleStatus }) {
  return <Badge tone={tones[status]}>{moduleStatusLabels[status]}</Badge>;
}

/** A module's counts as the progress breakdown reads them. */
export function moduleProgress(m: Module) {
  return {
    total_items: m.total_issues ?? 0,
    groups: {
      backlog: { items: m.backlog_issues ?? 0 },
      unstarted: { items: m.unstarted_issues ?? 0 },
      started: { items: m.started_issues ?? 0 },
      completed: { items: m.completed_issues ?? 0 },
      cancelled: { items: m.cancelled_issues ?? 0 },
    },
  };
}
