import type { ChangeContext } from '../../platform/events/actor.ts';
import type { AgentRow, TaskRow } from './agents.repository.ts';
import type { AgentKind } from './registry.ts';

/** One run of a task, as the runtime handed it out: the run owns the task while these still match. */
export interface Run {
  jobId: string;
  task: TaskRow;
  agent: AgentRow;
  kind: AgentKind | undefined;
  /** `apply` runs an approved result; `execute` runs the task itself. */
  step: 'execute' | 'apply';
  attempt: number;
  startedAt: number;
}

export type Outcome =
  | { kind: 'succeeded'; output: Record<string, unknown>; needsApproval: boolean }
  | { kind: 'failed'; error: string; permanent: boolean };

/** Which step a queue job runs for a task in this status; none when the task waits for nobody's job. */
export function stepOf(task: TaskRow): Run['step'] | undefined {
  if (task.status === 'pending' || task.status === 'in_progress') return 'execute';
  if (task.status === 'approved') return 'apply';
  return undefined;
}

/** Whether the task is still in the hands of this run (not cancelled, retried, taken over or finished). */
export function owns(task: TaskRow | undefined, run: Run): task is TaskRow {
  const status = run.step === 'execute' ? 'in_progress' : 'approved';
  return Boolean(task && task.jobId === run.jobId && task.attempts === run.attempt && task.status === status);
}

/** Changes the runtime makes are the agent's, on behalf of whoever asked for the task. */
export function agentContext(task: TaskRow): ChangeContext {
  return { actor: { type: 'agent', id: task.agentId, onBehalfOf: task.createdBy } };
}
