import { AppError } from '../../platform/errors/app-error.ts';
import { AgentErrors } from './agents.errors.ts';
import type { TaskStatus } from './agents.schema.ts';

const finalTaskStatuses: readonly TaskStatus[] = [
  'completed',
  'failed',
  'rejected',
  'cancelled',
  'dead_letter',
];

/**
 * A task waits (pending), runs (in_progress), then completes, fails for good, or stops for a person
 * (needs_approval). Approval leads to the approved step (the agent applies its result) and then completed;
 * a rejection either ends the task or, for agents that redraft, sends it back to pending with the reason.
 * A failed run goes back to pending (or approved) to retry, until its attempts run out: dead_letter.
 */
const transitions: Record<TaskStatus, readonly TaskStatus[]> = {
  pending: ['in_progress', 'cancelled', 'dead_letter'],
  in_progress: ['completed', 'failed', 'needs_approval', 'pending', 'dead_letter', 'cancelled'],
  needs_approval: ['approved', 'rejected', 'pending', 'cancelled'],
  approved: ['completed', 'dead_letter', 'cancelled'],
  completed: [],
  failed: [],
  rejected: [],
  cancelled: [],
  dead_letter: [],
};

export function isFinal(status: TaskStatus): boolean {
  return finalTaskStatuses.includes(status);
}

export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return transitions[from].includes(to);
}

/** Throws TASK_TRANSITION_INVALID unless `from → to` is an edge of the task lifecycle. */
export function assertTransition(from: TaskStatus, to: TaskStatus, action: string = to): void {
  if (canTransition(from, to)) return;
  throw new AppError(AgentErrors.TASK_TRANSITION_INVALID, {
    message: `A ${from.replaceAll('_', ' ')} task cannot be ${action.replaceAll('_', ' ')}.`,
  });
}

/** Exponential backoff before attempt `attempt + 1`: base, 2×base, 4×base, … capped. */
export function backoffSeconds(baseSeconds: number, attempt: number, capSeconds = 3600): number {
  return Math.min(capSeconds, baseSeconds * 2 ** Math.max(0, attempt - 1));
}
