import { AppError } from '../../platform/errors/app-error.ts';
import { AgentErrors } from './agents.errors.ts';
import type { AgentStatus } from './agents.schema.ts';

/**
 * Seed 001's agent lifecycle. The runtime moves an agent between idle, working and error as tasks start
 * and end; a person disables an idle or failed agent and brings a disabled or failed one back to idle.
 * A working agent is not disabled under its running tasks: cancel them or let them finish first.
 */
const transitions: Record<AgentStatus, readonly AgentStatus[]> = {
  idle: ['working', 'error', 'disabled'],
  working: ['idle', 'error'],
  error: ['idle', 'working', 'disabled'],
  disabled: ['idle'],
};

export function canTransition(from: AgentStatus, to: AgentStatus): boolean {
  return transitions[from].includes(to);
}

/** The moves a person makes (PATCH status); working and error are the runtime's to set. */
const personMoves: ReadonlyArray<readonly [AgentStatus, AgentStatus]> = [
  ['idle', 'disabled'],
  ['error', 'disabled'],
  ['disabled', 'idle'],
  ['error', 'idle'],
];

/** Throws AGENT_TRANSITION_INVALID unless `from → to` is an edge of the lifecycle (staying put is fine). */
export function assertTransition(from: AgentStatus, to: AgentStatus): void {
  if (from === to || canTransition(from, to)) return;
  throw invalid(from, to);
}

/** Like assertTransition, for a person's move: a working agent is neither disabled nor declared idle. */
export function assertPersonMove(from: AgentStatus, to: AgentStatus): void {
  if (from === to || personMoves.some(([a, b]) => a === from && b === to)) return;
  throw invalid(from, to);
}

function invalid(from: AgentStatus, to: AgentStatus): AppError {
  const why = from === 'working' ? ': cancel its running tasks or wait for them to finish first' : '';
  return new AppError(AgentErrors.AGENT_TRANSITION_INVALID, {
    field: 'status',
    message: `An agent cannot go from ${from} to ${to}${why}.`,
  });
}

/** Where the runtime puts an agent after one of its tasks ended. */
export function statusAfterTask(running: number, failed: boolean): AgentStatus {
  if (running > 0) return 'working';
  return failed ? 'error' : 'idle';
}
