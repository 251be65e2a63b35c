import type { ComponentProps } from 'react';
import { Badge } from '@/components/ui/badge.tsx';
import type { Severity } from '../api/output-types.ts';
import type { AgentStatus, ExecutionStatus, StepStatus, TaskStatus } from '../api/types.ts';

type Tone = NonNullable<ComponentProps<typeof Badge>['tone']>;

const agentTones: Record<AgentStatus, Tone> = {
  idle: 'neutral',
  working: 'accent',
  error: 'danger',
  disabled: 'neutral',
};
const agentLabels: Record<AgentStatus, string> = {
  idle: 'Idle',
  working: 'Working',
  error: 'Error',
  disabled: 'Disabled',
};

export const taskLabels: Record<TaskStatus, string> = {
  pending: 'Pending',
  in_progress: 'In progress',
  needs_approval: 'Needs approval',
  approved: 'Approved',
  completed: 'Completed',
  failed: 'Failed',
  dead_letter: 'Dead letter',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
};
const taskTones: Record<TaskStatus, Tone> = {
  pending: 'neutral',
  in_progress: 'accent',
  needs_approval: 'warning',
  approved: 'accent',
  completed: 'success',
  failed: 'danger',
  dead_letter: 'danger',
  rejected: 'danger',
  cancelled: 'neutral',
};

const runTones: Record<ExecutionStatus | StepStatus, Tone> = {
  pending: 'neutral',
  running: 'accent',
  waiting: 'warning',
  completed: 'success',
  failed: 'danger',
  cancelled: 'neutral',
};

const severityTones: Record<Severity, Tone> = {
  critical: 'danger',
  high: 'danger',
  medium: 'warning',
  low: 'accent',
  info: 'neutral',
};

export const severityLabel = (severity: Severity) => severity.charAt(0).toUpperCase() + severity.slice(1);

/** How bad a finding is, from critical to info. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={severityTones[severity]}>{severityLabel(severity)}</Badge>;
}

export function AgentStatusBadge({ status }: { status: AgentStatus }) {
  return <Badge tone={agentTones[status]}>{agentLabels[status]}</Badge>;
}

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  return (
    <span data-testid="task-status">
      <Badge tone={taskTones[status] ?? 'neutral'}>{taskLabels[status] ?? status}</Badge>
    </span>
  );
}

export function RunStatusBadge({ status }: { status: ExecutionStatus | StepStatus }) {
  return <Badge tone={runTones[status] ?? 'neutral'}>{status[0]!.toUpperCase() + status.slice(1)}</Badge>;
}

/** "4.2 s", "3 min", "1 h 5 min". */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 60) return `${Math.round(seconds * 10) / 10} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
