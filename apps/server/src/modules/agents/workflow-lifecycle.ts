import { AppError } from '../../platform/errors/app-error.ts';
import { AgentErrors } from './agents.errors.ts';
import type { ExecutionStatus, StepStatus } from './workflows.schema.ts';

/**
 * An execution is created pending, runs (a step works: an agent task, an action, a parallel group) or waits
 * (only people, events or timers are left), and ends completed, failed or cancelled. Ended is ended.
 */
const executionTransitions: Record<ExecutionStatus, readonly ExecutionStatus[]> = {
  pending: ['running', 'failed', 'cancelled'],
  running: ['waiting', 'completed', 'failed', 'cancelled'],
  waiting: ['running', 'completed', 'failed', 'cancelled'],
  completed: [],
  failed: [],
  cancelled: [],
};

/**
 * A step starts pending; agent, action and parallel steps run, approval, event and sleep steps wait. A failed
 * action attempt goes back to pending until its retries run out. Approval, an event, or the timer ends a wait.
 */
const stepTransitions: Record<StepStatus, readonly StepStatus[]> = {
  pending: ['running', 'waiting', 'failed', 'cancelled'],
  running: ['completed', 'failed', 'pending', 'cancelled'],
  waiting: ['completed', 'failed', 'cancelled'],
  completed: [],
  failed: [],
  cancelled: [],
};

const finalStatuses: readonly string[] = ['completed', 'failed', 'cancelled'];

export function isExecutionFinal(status: ExecutionStatus): boolean {
  return finalStatuses.includes(status);
}

export function isStepFinal(status: StepStatus): boolean {
  return finalStatuses.includes(status);
}

export function canMoveExecution(from: ExecutionStatus, to: ExecutionStatus): boolean {
  return executionTransitions[from].includes(to);
}

export function canMoveStep(from: StepStatus, to: StepStatus): boolean {
  return stepTransitions[from].includes(to);
}

/** Throws WORKFLOW_TRANSITION_INVALID unless `from → to` is an edge of the execution lifecycle. */
export function assertExecutionMove(from: ExecutionStatus, to: ExecutionStatus, action: string = to): void {
  if (canMoveExecution(from, to)) return;
  throw new AppError(AgentErrors.WORKFLOW_TRANSITION_INVALID, {
    message: `A ${from} workflow execution cannot be ${action}.`,
  });
}

/** Throws WORKFLOW_TRANSITION_INVALID unless `from → to` is an edge of the step lifecycle. */
export function assertStepMove(key: string, from: StepStatus, to: StepStatus, action: string = to): void {
  if (canMoveStep(from, to)) return;
  throw new AppError(AgentErrors.WORKFLOW_TRANSITION_INVALID, {
    message: `Step ${key} is ${from} and cannot be ${action}.`,
  });
}
