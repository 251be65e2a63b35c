import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/app-error.ts';
import * as agentLifecycle from './agent-lifecycle.ts';
import { agentStatuses, taskStatuses, type AgentStatus, type TaskStatus } from './agents.schema.ts';
import * as taskLifecycle from './task-lifecycle.ts';

function edges<S extends string>(statuses: readonly S[], allowed: (from: S, to: S) => boolean): string[] {
  return statuses.flatMap((from) =>
    statuses.filter((to) => allowed(from, to)).map((to) => `${from} → ${to}`),
  );
}

describe('agent lifecycle (seed 001)', () => {
  it('has exactly the edges of the diagram, plus enable/reset by a person', () => {
    expect(edges(agentStatuses, agentLifecycle.canTransition)).toEqual([
      'idle → working',
      'idle → error',
      'idle → disabled',
      'working → idle',
      'working → error',
      'error → idle',
      'error → working',
      'error → disabled',
      'disabled → idle',
    ]);
  });

  it('rejects every other move with AGENT_TRANSITION_INVALID (409) naming both ends', () => {
    const illegal: Array<[AgentStatus, AgentStatus]> = [
      ['working', 'disabled'],
      ['disabled', 'working'],
      ['disabled', 'error'],
    ];
    for (const [from, to] of illegal) {
      const error = catchError(() => agentLifecycle.assertTransition(from, to));
      expect(error).toMatchObject({ code: 'AGENT_TRANSITION_INVALID', status: 409, field: 'status' });
      expect(error.message).toContain(`from ${from} to ${to}`);
    }
    expect(catchError(() => agentLifecycle.assertTransition('working', 'disabled')).message).toContain(
      'cancel its running tasks',
    );
  });

  it('lets a person disable, enable or reset an agent, but not touch a working one', () => {
    const moves = agentStatuses.flatMap((from) =>
      (['idle', 'disabled'] as const)
        .filter((to) => from !== to)
        .filter((to) => {
          try {
            agentLifecycle.assertPersonMove(from, to);
            return true;
          } catch {
            return false;
          }
        })
        .map((to) => `${from} → ${to}`),
    );
    expect(moves).toEqual(['idle → disabled', 'error → idle', 'error → disabled', 'disabled → idle']);
    expect(catchError(() => agentLifecycle.assertPersonMove('working', 'idle')).message).toBe(
      'An agent cannot go from working to idle: cancel its running tasks or wait for them to finish first.',
    );
  });

  it('lets an agent stay where it is', () => {
    for (const status of agentStatuses)
      expect(() => agentLifecycle.assertTransition(status, status)).not.toThrow();
  });

  it('puts an agent back to work, idle or in error after a task', () => {
    expect(agentLifecycle.statusAfterTask(2, true)).toBe('working');
    expect(agentLifecycle.statusAfterTask(0, false)).toBe('idle');
    expect(agentLifecycle.statusAfterTask(0, true)).toBe('error');
  });
});

describe('task lifecycle', () => {
  it('ends in completed, failed, rejected, cancelled or dead_letter, and nothing leaves an end', () => {
    const finals = taskStatuses.filter(taskLifecycle.isFinal);
    expect(finals).toEqual(['completed', 'failed', 'rejected', 'cancelled', 'dead_letter']);
    for (const from of finals) {
      for (const to of taskStatuses) expect(taskLifecycle.canTransition(from, to)).toBe(false);
    }
  });

  it('goes pending → in progress → completed / failed / needs approval, and approval → approved → completed', () => {
    const path: TaskStatus[] = ['pending', 'in_progress', 'needs_approval', 'approved', 'completed'];
    for (let i = 1; i < path.length; i++)
      expect(taskLifecycle.canTransition(path[i - 1]!, path[i]!)).toBe(true);
    expect(taskLifecycle.canTransition('in_progress', 'failed')).toBe(true);
    expect(taskLifecycle.canTransition('needs_approval', 'rejected')).toBe(true);
    // A redraft goes back to the agent; a retry goes back to waiting.
    expect(taskLifecycle.canTransition('needs_approval', 'pending')).toBe(true);
    expect(taskLifecycle.canTransition('in_progress', 'pending')).toBe(true);
  });

  it('refuses skipping the approval or approving what does not wait for it', () => {
    for (const [from, to] of [
      ['pending', 'completed'],
      ['pending', 'approved'],
      ['in_progress', 'approved'],
      ['approved', 'rejected'],
    ] as Array<[TaskStatus, TaskStatus]>) {
      const error = catchError(() => taskLifecycle.assertTransition(from, to));
      expect(error).toMatchObject({ code: 'TASK_TRANSITION_INVALID', status: 409 });
    }
    expect(catchError(() => taskLifecycle.assertTransition('completed', 'approved')).message).toBe(
      'A completed task cannot be approved.',
    );
  });

  it('backs off exponentially from the base, up to the cap', () => {
    expect([1, 2, 3, 4].map((attempt) => taskLifecycle.backoffSeconds(10, attempt))).toEqual([
      10, 20, 40, 80,
    ]);
    expect(taskLifecycle.backoffSeconds(10, 30)).toBe(3600);
  });
});

function catchError(fn: () => void): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}
